import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WS_PROTOCOL, WS_SECRET_PROTOCOL_PREFIX, type ServerMessage } from '../protocol';
import { waitFor } from '../../test-support/wait-for';
import { OutputThrottle } from './output-throttle';
import { TEST_SECRET, startTestServer } from './test-server';

describe('output throttle', () => {
  it('drops output beyond the backlog and then says how much was dropped', () => {
    let backlog = 0;
    const throttle = new OutputThrottle(() => backlog, 10);
    expect(throttle.admit('p', 'abc')).toBe('abc');
    backlog = 9;
    expect(throttle.admit('p', 'defg')).toBeNull();
    expect(throttle.admit('p', 'hé')).toBeNull();
    backlog = 0;
    expect(throttle.admit('p', 'ok')).toBe('\r\n[sandbox] 7 bytes of output were dropped because the connection could not keep up.\r\nok');
    expect(throttle.flush('p')).toBe('');
  });
});

describe('an output flood to a client that does not read', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("keeps the server's memory bounded and tells the client what it dropped", async () => {
    const ws = new WebSocket(`ws://localhost:${server.port}/api/runtime/ws?project=flood`, [
      WS_PROTOCOL,
      `${WS_SECRET_PROTOCOL_PREFIX}${TEST_SECRET}`,
    ], { headers: { origin: `http://localhost:${server.port}` } });
    const messages: ServerMessage[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as ServerMessage));
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => resolve());
      ws.on('error', reject);
    });
    await waitFor(() => messages.some((m) => m.type === 'hello'), 15_000);
    // 400 MB of output, about 2 KB a line.
    ws.send(JSON.stringify({ type: 'spawn', requestId: 'r1', command: "yes \"$(head -c 2000 /dev/zero | tr '\\0' x)\" | head -c 400000000; touch flood.done" }));
    const spawned = await waitFor(() => messages.find((m) => m.type === 'spawned'), 15_000);
    const processId = (spawned as Extract<ServerMessage, { type: 'spawned' }>).processId;
    // A client that stops reading: the server's socket fills and the output backs up on the server side.
    (ws as unknown as { _socket: Socket })._socket.pause();

    const before = process.memoryUsage().rss;
    let peak = before;
    const done = path.join(server.runtime.host.project('flood').workspace.root, 'flood.done');
    const started = Date.now();
    while (!existsSync(done) && Date.now() - started < 120_000) {
      peak = Math.max(peak, process.memoryUsage().rss);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(existsSync(done)).toBe(true);
    expect(peak - before).toBeLessThan(150 * 1024 * 1024);

    (ws as unknown as { _socket: Socket })._socket.resume();
    await waitFor(() => messages.some((m) => m.type === 'exit' && m.processId === processId), 30_000);
    const output = messages
      .filter((m): m is Extract<ServerMessage, { type: 'output' }> => m.type === 'output' && m.processId === processId)
      .map((m) => m.data)
      .join('');
    expect(output).toMatch(/\[sandbox\] \d+ bytes of output were dropped because the connection could not keep up/);
    expect(output.length).toBeLessThan(50_000_000);
    ws.close();
  }, 180_000);
});
