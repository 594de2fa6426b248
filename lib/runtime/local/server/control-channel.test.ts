import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpCall, wsStatus as openWs } from '../../../server/test-http';
import { SECRET_HEADER, WS_PROTOCOL, WS_SECRET_PROTOCOL_PREFIX } from '../protocol';
import { TEST_SECRET, startTestServer } from './test-server';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const wsStatus = (port: number, protocols: string[], headers: Record<string, string> = {}) =>
  openWs(port, '/api/runtime/ws?project=p1', protocols, headers);

describe('control channel', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses requests without the secret (401) and with a wrong one (403)', async () => {
    const missing = await httpCall(server.port, 'GET', '/api/runtime/info');
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body).error).toMatch(/secret is missing/);
    const wrong = await httpCall(server.port, 'GET', '/api/runtime/info', { [SECRET_HEADER]: 'nope' });
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body).error).toMatch(/secret is wrong/);
    const write = await httpCall(server.port, 'PUT', '/api/runtime/projects/p1/file?path=a.txt', {}, 'x');
    expect(write.status).toBe(401);
  });

  it('refuses a foreign Origin even with the right secret', async () => {
    const fromPreview = await httpCall(server.port, 'GET', '/api/runtime/info', {
      [SECRET_HEADER]: TEST_SECRET,
      origin: `http://p5173.localhost:${server.port}`,
    });
    expect(fromPreview.status).toBe(403);
    const sameOrigin = await httpCall(server.port, 'GET', '/api/runtime/info', {
      [SECRET_HEADER]: TEST_SECRET,
      origin: `http://localhost:${server.port}`,
    });
    expect(sameOrigin.status).toBe(200);
    expect(JSON.parse(sameOrigin.body)).toEqual({ enabled: true, confined: true, reason: null, allowedDomains: [] });
  });

  it('serves files with the secret and refuses bad paths', async () => {
    const auth = { [SECRET_HEADER]: TEST_SECRET };
    const json = { ...auth, 'content-type': 'application/json' };
    expect((await httpCall(server.port, 'PUT', '/api/runtime/projects/p1/file?path=src%2Fa.txt', json, JSON.stringify({ text: 'hi' }))).status).toBe(200);
    expect(await httpCall(server.port, 'GET', '/api/runtime/projects/p1/file?path=src%2Fa.txt', auth)).toMatchObject({ status: 200, body: 'hi' });
    const escape = await httpCall(server.port, 'PUT', '/api/runtime/projects/p1/file?path=..%2Fx', json, JSON.stringify({ text: 'x' }));
    expect(escape.status).toBe(400);
    expect(JSON.parse(escape.body).error).toMatch(/leaves the project/);
    expect((await httpCall(server.port, 'GET', '/api/runtime/projects/..%2Fp/file?path=a', auth)).status).toBe(400);
    expect((await httpCall(server.port, 'GET', '/api/runtime/projects/p1/file?path=none.txt', auth)).status).toBe(404);
  });

  it('applies a batch of changes in order, each path checked on its own', async () => {
    const auth = { [SECRET_HEADER]: TEST_SECRET };
    const json = { ...auth, 'content-type': 'application/json' };
    const url = '/api/runtime/projects/p1/files';
    const changes = [
      { kind: 'write', path: 'batch/a.txt', content: { text: 'first' } },
      { kind: 'write', path: '../outside.txt', content: { text: 'x' } },
      { kind: 'write', path: 'batch/b.bin', content: { base64: 'AQID' } },
      { kind: 'write', path: 'batch/a.txt', content: { text: 'second' } },
      { kind: 'delete', path: 'batch/b.bin' },
    ];
    const answer = await httpCall(server.port, 'POST', url, json, JSON.stringify({ changes }));
    expect(answer.status).toBe(200);
    const { errors } = JSON.parse(answer.body) as { errors: (string | null)[] };
    expect(errors).toHaveLength(5);
    expect(errors[1]).toMatch(/leaves the project/);
    expect(errors.filter((error) => error !== null)).toHaveLength(1);
    expect(await httpCall(server.port, 'GET', '/api/runtime/projects/p1/file?path=batch%2Fa.txt', auth)).toMatchObject({ status: 200, body: 'second' });
    expect((await httpCall(server.port, 'GET', '/api/runtime/projects/p1/file?path=batch%2Fb.bin', auth)).status).toBe(404);

    expect((await httpCall(server.port, 'POST', url, { 'content-type': 'application/json' }, JSON.stringify({ changes }))).status).toBe(401);
    const malformed = await httpCall(
      server.port,
      'POST',
      url,
      json,
      JSON.stringify({ changes: [{ kind: 'write', path: 'fresh.txt', content: { text: 'x' } }, { kind: 'write', path: 'c.txt' }] }),
    );
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).error).toMatch(/Change 2 \("c.txt"\)/);
    expect((await httpCall(server.port, 'GET', '/api/runtime/projects/p1/file?path=fresh.txt', auth)).status).toBe(404);
  });

  it('accepts the WebSocket only with the secret offered as a subprotocol', async () => {
    expect(await wsStatus(server.port, [WS_PROTOCOL])).toBe(401);
    expect(await wsStatus(server.port, [WS_PROTOCOL, `${WS_SECRET_PROTOCOL_PREFIX}wrong`])).toBe(403);
    expect(
      await wsStatus(server.port, [WS_PROTOCOL, `${WS_SECRET_PROTOCOL_PREFIX}${TEST_SECRET}`], {
        origin: 'http://evil.example',
      }),
    ).toBe(403);
    expect(await wsStatus(server.port, [WS_PROTOCOL, `${WS_SECRET_PROTOCOL_PREFIX}${TEST_SECRET}`])).toBe(101);
  });

  it('leaves other URLs to Next', async () => {
    expect((await httpCall(server.port, 'GET', '/p/abc')).body).toBe('next would answer here');
  });
});

describe('control channel when the local runtime is off', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ enabled: false, reason: 'Switched off for this test.' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('reports why in /info and refuses everything else with the reason', async () => {
    const auth = { [SECRET_HEADER]: TEST_SECRET };
    const info = await httpCall(server.port, 'GET', '/api/runtime/info', auth);
    expect(JSON.parse(info.body)).toEqual({ enabled: false, confined: false, reason: 'Switched off for this test.', allowedDomains: [] });
    const write = await httpCall(server.port, 'PUT', '/api/runtime/projects/p1/file?path=a.txt', auth, 'x');
    expect(write.status).toBe(403);
    expect(JSON.parse(write.body).error).toBe('Switched off for this test.');
    expect(await wsStatus(server.port, [WS_PROTOCOL, `${WS_SECRET_PROTOCOL_PREFIX}${TEST_SECRET}`])).toBe(403);
  });
});
