import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BODY_BYTES, bodyServer, getSlowly } from '../../test-support/slow-reader';
import { abortWithUpstream, splice } from './splice';

const servers: (Server | TcpServer)[] = [];

async function listen<T extends Server | TcpServer>(server: T): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('splice', () => {
  it('passes on everything a side sent before it ended, to a slow reader', async () => {
    // The origin sends a large response in one write and hangs up, as a dev server does.
    const origin = await listen(bodyServer());
    // A Unix socket to the reader, as from the sandbox's relay to the preview proxy.
    const relayPath = path.join(mkdtempSync(path.join(tmpdir(), 'splice-')), 'relay.sock');
    const relay = createTcpServer((socket) => splice(socket, connect(origin, '127.0.0.1')));
    servers.push(relay);
    await new Promise<void>((resolve) => relay.listen(relayPath, resolve));
    for (let i = 0; i < 10; i++) {
      expect(await getSlowly(() => connect(relayPath))).toBe(BODY_BYTES);
    }
  });

  it('hangs up on the other side when one is reset, instead of leaving it open', async () => {
    const origin = await listen(
      createTcpServer((socket) => {
        socket.write('partial');
        setTimeout(() => socket.resetAndDestroy(), 20);
      }),
    );
    const relay = await listen(createTcpServer((socket) => splice(socket, connect(origin, '127.0.0.1'))));
    const client = connect(relay, '127.0.0.1');
    const received = await new Promise<string>((resolve) => {
      let text = '';
      client.setEncoding('utf8');
      client.on('data', (chunk: string) => (text += chunk));
      client.on('error', () => {});
      client.on('close', () => resolve(text));
    });
    expect(received).toBe('partial');
  });
});

describe('abortWithUpstream', () => {
  it('cuts the client off when the upstream response is cut off, instead of leaving it waiting', async () => {
    const origin = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('x'.repeat(500));
        setTimeout(() => res.socket?.destroy(), 20);
      }),
    );
    const proxy = await listen(
      createServer((req, res) => {
        request({ host: '127.0.0.1', port: origin, path: req.url }, (upstream) => {
          abortWithUpstream(upstream, res);
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
        }).end();
      }),
    );
    const response = await new Promise<IncomingMessage>((resolve) =>
      request({ host: '127.0.0.1', port: proxy }, resolve).end(),
    );
    const outcome = await new Promise<{ complete: boolean }>((resolve) => {
      response.on('error', () => {});
      response.on('close', () => resolve({ complete: response.complete }));
      response.resume();
    });
    expect(outcome.complete).toBe(false);
  });
});
