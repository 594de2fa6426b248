import { createServer } from 'node:http';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listenIde, type IdeListening } from './listen';

function tryListen(port: number, host: string): Promise<{ server: NetServer } | { code: string }> {
  return new Promise((resolve) => {
    const server = createNetServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code ?? 'unknown' }));
    server.listen({ port, host, ipv6Only: host.includes(':') }, () => resolve({ server }));
  });
}

function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve(text));
    }).on('error', reject);
  });
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function ideServer() {
  return createServer((_req, res) => res.end('the IDE'));
}

describe('listenIde on loopback', () => {
  it('holds [::1] at the same port, so no other process can take localhost', async () => {
    const listening: IdeListening = await listenIde(ideServer(), 0, '127.0.0.1');
    cleanups.push(listening.close);
    expect(listening.addresses).toEqual([`127.0.0.1:${listening.port}`, `[::1]:${listening.port}`]);

    const intruder = await tryListen(listening.port, '::1');
    if ('server' in intruder) cleanups.push(() => new Promise((resolve) => intruder.server.close(() => resolve())));
    expect(intruder).toEqual({ code: 'EADDRINUSE' });

    expect(await fetchText(`http://[::1]:${listening.port}/`)).toBe('the IDE');
    expect(await fetchText(`http://127.0.0.1:${listening.port}/`)).toBe('the IDE');
  });

  it('does the same when HOST is localhost or ::1', async () => {
    for (const host of ['localhost', '::1']) {
      const listening = await listenIde(ideServer(), 0, host);
      cleanups.push(listening.close);
      expect(listening.addresses.sort()).toEqual([`127.0.0.1:${listening.port}`, `[::1]:${listening.port}`]);
    }
  });

  it('refuses to start when another program already holds [::1] at its port, naming it', async () => {
    const squatter = await tryListen(0, '::1');
    if (!('server' in squatter)) throw new Error(`could not listen on ::1 for the test: ${squatter.code}`);
    cleanups.push(() => new Promise((resolve) => squatter.server.close(() => resolve())));
    const port = (squatter.server.address() as { port: number }).port;
    const server = ideServer();
    await expect(listenIde(server, port, '127.0.0.1')).rejects.toThrow(`Another program is already listening on [::1]:${port}`);
    expect(server.listening).toBe(false);
  });

  it('listens on a non-loopback HOST alone', async () => {
    const listening = await listenIde(ideServer(), 0, '0.0.0.0');
    cleanups.push(listening.close);
    expect(listening.addresses).toEqual([`0.0.0.0:${listening.port}`]);
    expect(listening.warnings).toEqual([]);
  });
});
