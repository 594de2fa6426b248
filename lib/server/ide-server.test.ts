import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_HEADER, WS_PROTOCOL, WS_SECRET_PROTOCOL_PREFIX } from '../runtime/local/protocol';
import { TEST_SECRET, startTestServer } from '../runtime/local/server/test-server';
import { httpCall, wsStatus } from './test-http';

function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

describe('the IDE server answers only to its own host names', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const auth = { [SECRET_HEADER]: TEST_SECRET };
  const wsProtocols = [WS_PROTOCOL, `${WS_SECRET_PROTOCOL_PREFIX}${TEST_SECRET}`];

  it('refuses a rebound name with 403 on pages, API routes and the control channel', async () => {
    // A rebound page sends its own name as Host and, being same-origin with itself, a matching Origin.
    const forged = { host: `evil.example:${server.port}`, origin: `http://evil.example:${server.port}` };
    for (const urlPath of ['/p/abc', '/api/chat', '/api/models', '/_next/static/x.js', '/api/runtime/info']) {
      const answer = await httpCall(server.port, 'GET', urlPath, { ...auth, ...forged });
      expect(answer.status, urlPath).toBe(403);
      expect(answer.headers['content-type']).toMatch(/^text\/plain/);
      expect(answer.body).toContain('"evil.example"');
      expect(answer.body).toContain('ALLOWED_HOSTS');
    }
    const write = await httpCall(
      server.port,
      'PUT',
      '/api/runtime/projects/p1/file?path=a.txt',
      { ...auth, ...forged, 'content-type': 'application/json' },
      JSON.stringify({ text: 'owned' }),
    );
    expect(write.status).toBe(403);
    const read = await httpCall(server.port, 'GET', '/api/runtime/projects/p1/file?path=a.txt', auth);
    expect(read.status).toBe(404);
  });

  it('refuses a rebound name on WebSocket upgrades, the control channel and Next alike', async () => {
    const forged = { host: `evil.example:${server.port}`, origin: `http://evil.example:${server.port}` };
    expect(await wsStatus(server.port, '/api/runtime/ws?project=p1', wsProtocols, forged)).toBe(403);
    expect(await wsStatus(server.port, '/_next/webpack-hmr', [], forged)).toBe(403);
    expect(await wsStatus(server.port, '/api/runtime/ws?project=p1', wsProtocols)).toBe(101);
  });

  it('refuses a missing or malformed Host', async () => {
    const noHost = await rawRequest(server.port, 'GET / HTTP/1.0\r\n\r\n');
    expect(noHost).toMatch(/^HTTP\/1\.1 403/);
    expect((await httpCall(server.port, 'GET', '/', { host: 'user@localhost' })).status).toBe(403);
  });

  it('serves localhost, 127.0.0.1 and [::1] on any port, and names in ALLOWED_HOSTS', async () => {
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`, 'localhost', 'ide.example.test', 'IDE.Example.Test:8443']) {
      const answer = await httpCall(server.port, 'GET', '/p/abc', { host });
      expect(answer.status, host).toBe(404);
      expect(answer.body).toBe('next would answer here');
    }
    const info = await httpCall(server.port, 'GET', '/api/runtime/info', { ...auth, host: 'ide.example.test', origin: 'https://ide.example.test' });
    expect(info.status).toBe(200);
  });

  it('still routes preview hosts to the preview proxy', async () => {
    const answer = await httpCall(server.port, 'GET', '/', { host: `p5173.localhost:${server.port}` });
    expect(answer.status).not.toBe(403);
    expect(answer.body).toContain('Nothing is running on port 5173');
  });

  it("keeps other sites from framing the IDE's pages", async () => {
    const answer = await httpCall(server.port, 'GET', '/p/abc');
    expect(answer.headers['content-security-policy']).toBe("frame-ancestors 'self'");
    expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('refuses the control channel from an allowed name on another port (a preview listener)', async () => {
    const fromPreviewListener = await httpCall(server.port, 'GET', '/api/runtime/info', {
      ...auth,
      origin: `http://localhost:${server.port + 1}`,
    });
    expect(fromPreviewListener.status).toBe(403);
  });

  it('refuses text/plain and form bodies on the control channel, even with the secret', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const mount = await httpCall(server.port, 'POST', '/api/runtime/projects/p1/mount', { ...auth, 'content-type': type }, '{"files":{"a.txt":{"text":"x"}}}');
      expect(mount.status, type).toBe(415);
      expect(JSON.parse(mount.body).error).toMatch(/application\/json/);
      const write = await httpCall(server.port, 'PUT', '/api/runtime/projects/p1/file?path=b.txt', { ...auth, 'content-type': type }, 'x');
      expect(write.status, type).toBe(415);
    }
    expect((await httpCall(server.port, 'GET', '/api/runtime/projects/p1/file?path=a.txt', auth)).status).toBe(404);
    expect((await httpCall(server.port, 'GET', '/api/runtime/projects/p1/file?path=b.txt', auth)).status).toBe(404);
  });
});
