import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect, createServer as createTcpServer, Server as NetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_BYTES, bodyServer, getSlowly } from '../../test-support/slow-reader';
import { RELAY_SCRIPT } from './netns-relay';
import { projectNode } from './project-node';

async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// The relay runs here without a namespace: it only needs its control folder and a loopback port.
describe('the sandbox network relay', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relay-'));
  const origin = bodyServer();
  const egressOrigin = bodyServer();
  let originPort: number;
  let egressPort: number;
  let relay: ChildProcess;
  let handedOver: unknown;

  beforeAll(async () => {
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    originPort = (origin.address() as AddressInfo).port;
    egressPort = await freePort();
    // On the Node the sandbox runs it with.
    relay = spawn(projectNode(), ['-e', RELAY_SCRIPT, dir, String(egressPort)], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    relay.once('message', (message: unknown, handle: unknown) => {
      handedOver = handle;
      if (message === 'egress' && handle instanceof NetServer) {
        handle.on('connection', (socket: Socket) => egressOrigin.emit('connection', socket));
      }
    });
    await new Promise<void>((resolve) => relay.stdout!.once('data', () => resolve()));
  });

  afterAll(() => {
    if (handedOver instanceof NetServer) handedOver.close();
    relay.kill();
    origin.close();
    egressOrigin.close();
  });

  it('passes a dev server response on whole to a slow preview proxy, though the server hangs up at once', async () => {
    for (let i = 0; i < 10; i++) {
      const bytes = await getSlowly(() => {
        const socket = connect(path.join(dir, 'inbound.sock'));
        socket.write(`127.0.0.1 ${originPort}\n`);
        return socket;
      });
      expect(bytes).toBe(BODY_BYTES);
    }
  });

  it('hands its egress listening socket to the host before it says ready, and accepts nothing on it itself', async () => {
    expect(handedOver).toBeInstanceOf(NetServer);
    // Were the relay still accepting on its copy, about half of these would be closed without an answer.
    for (let i = 0; i < 10; i++) {
      expect(await getSlowly(() => connect(egressPort, '127.0.0.1'), 0)).toBe(BODY_BYTES);
    }
  });

  it('passes a response from outside on whole to a slow command', async () => {
    for (let i = 0; i < 10; i++) {
      expect(await getSlowly(() => connect(egressPort, '127.0.0.1'))).toBe(BODY_BYTES);
    }
  });

  it('refuses a way in to anything but the loopback', async () => {
    const closed = await new Promise<string>((resolve) => {
      const socket = connect(path.join(dir, 'inbound.sock'));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('error', () => {});
      socket.on('close', () => resolve(text));
      socket.write(`10.0.0.1 ${originPort}\nGET / HTTP/1.1\r\n\r\n`);
    });
    expect(closed).toBe('');
  });
});
