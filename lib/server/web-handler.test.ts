import type { Server } from 'node:http';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allowedHostsFromEnv } from './allowed-hosts';
import { createIdeServer } from './ide-server';
import { httpCall } from './test-http';
import type { WebHandler } from './web-handler';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(routes: Record<string, WebHandler>): Promise<{ port: number; nextSaw: string[] }> {
  const nextSaw: string[] = [];
  server = createIdeServer({
    allowedHosts: allowedHostsFromEnv({}),
    runtime: { handleRequest: () => false, handleUpgrade: () => false },
    webRoutes: new Map(Object.entries(routes)),
    handleRequest: (req, res) => {
      nextSaw.push(`${req.method} ${req.url}`);
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('next');
    },
    handleUpgrade: (_req, socket) => socket.destroy(),
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { port: (server!.address() as AddressInfo).port, nextSaw };
}

describe('route handlers the IDE server answers without Next', () => {
  it('hands the request over whole and streams the response back with the IDE headers', async () => {
    let seen: { method: string; url: string; type: string | null; body: string } | undefined;
    const { port, nextSaw } = await serve({
      'POST /api/chat': async (req) => {
        seen = { method: req.method, url: req.url, type: req.headers.get('content-type'), body: await req.text() };
        const parts = ['data: one\n\n', 'data: two\n\n'];
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            const next = parts.shift();
            if (next === undefined) controller.close();
            else controller.enqueue(new TextEncoder().encode(next));
          },
        });
        const headers = new Headers({ 'content-type': 'text/event-stream' });
        headers.append('set-cookie', 'a=1');
        headers.append('set-cookie', 'b=2');
        return new Response(body, { status: 201, headers });
      },
    });
    const answer = await httpCall(port, 'POST', '/api/chat?turn=2', { 'content-type': 'application/json' }, '{"hi":1}');
    expect(seen).toEqual({ method: 'POST', url: `http://localhost:${port}/api/chat?turn=2`, type: 'application/json', body: '{"hi":1}' });
    expect(answer.status).toBe(201);
    expect(answer.body).toBe('data: one\n\ndata: two\n\n');
    expect(answer.headers['content-type']).toBe('text/event-stream');
    expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(nextSaw).toEqual([]);
  });

  it('leaves other methods and paths to Next', async () => {
    const { port, nextSaw } = await serve({ 'POST /api/chat': async () => new Response('chat') });
    expect((await httpCall(port, 'GET', '/api/chat')).body).toBe('next');
    expect((await httpCall(port, 'POST', '/api/chat/x', {}, '{}')).body).toBe('next');
    expect(nextSaw).toEqual(['GET /api/chat', 'POST /api/chat/x']);
  });

  it('refuses a rebound Host before the handler runs', async () => {
    let called = false;
    const { port } = await serve({
      'POST /api/chat': async () => {
        called = true;
        return new Response('chat');
      },
    });
    const answer = await httpCall(port, 'POST', '/api/chat', { host: `evil.example:${port}`, 'content-type': 'application/json' }, '{}');
    expect(answer.status).toBe(403);
    expect(called).toBe(false);
  });

  it('aborts the request signal when the client goes away mid-stream', async () => {
    let aborted: () => void = () => {};
    const abortedNow = new Promise<void>((resolve) => (aborted = resolve));
    let firstChunkSent: () => void = () => {};
    const streaming = new Promise<void>((resolve) => (firstChunkSent = resolve));
    const { port } = await serve({
      'POST /api/chat': async (req) => {
        req.signal.addEventListener('abort', () => aborted());
        return new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('data: start\n\n'));
              firstChunkSent();
            },
          }),
        );
      },
    });
    const client = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/chat', headers: { host: `localhost:${port}` } }, (res) => {
      res.once('data', () => client.destroy());
    });
    client.on('error', () => {});
    client.end('{}');
    await streaming;
    await expect(abortedNow).resolves.toBeUndefined();
  });

  it('waits for a slow client without piling up listeners, and delivers every byte', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    const chunk = new Uint8Array(256 * 1024).fill(97);
    let left = 64;
    const { port } = await serve({
      'POST /api/chat': async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              if (left-- === 0) controller.close();
              else controller.enqueue(chunk);
            },
          }),
        ),
    });
    const received = await new Promise<number>((resolve, reject) => {
      const client = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/chat', headers: { host: `localhost:${port}` } }, (res) => {
        let bytes = 0;
        res.on('data', (data: Buffer) => {
          bytes += data.length;
          res.pause();
          setTimeout(() => res.resume(), 1);
        });
        res.on('end', () => resolve(bytes));
      });
      client.on('error', reject);
      client.end('{}');
    });
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(received).toBe(64 * chunk.length);
    expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
  });

  it('answers 500 with a readable error when the handler throws', async () => {
    const { port } = await serve({
      'POST /api/chat': async () => {
        throw new Error('boom');
      },
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const answer = await httpCall(port, 'POST', '/api/chat', { 'content-type': 'application/json' }, '{}');
      expect(answer.status).toBe(500);
      expect(JSON.parse(answer.body).error).toMatch(/failed while answering/);
      expect(logged).toHaveBeenCalledWith('[server] POST /api/chat failed:', 'boom');
    } finally {
      logged.mockRestore();
    }
  });
});
