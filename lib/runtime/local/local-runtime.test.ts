import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { waitFor } from '../test-support/wait-for';
import type { PortEvent, PreviewError, RuntimeFileChange } from '../types';
import { createLocalRuntime, previewUrlForPort, type LocalRuntime } from './local-runtime';
import { TEST_SECRET, startTestServer } from './server/test-server';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

function nodeWebSocket(url: string, protocols: string[]) {
  // The `ws` client implements the browser WebSocket surface this runtime uses.
  return new WebSocket(url, protocols) as unknown as globalThis.WebSocket;
}

describe('previewUrlForPort', () => {
  it('puts each port on its own p<port>.localhost origin at the IDE port', () => {
    expect(previewUrlForPort(5173, { protocol: 'http:', hostname: 'localhost', port: '3000' })).toBe(
      'http://p5173.localhost:3000/',
    );
    expect(previewUrlForPort(8080, { protocol: 'https:', hostname: 'ide.example', port: '' })).toBe(
      'https://p8080.localhost/',
    );
  });
});

describe('createLocalRuntime against the real control channel', () => {
  let server: TestServer;
  let runtime: LocalRuntime;
  const messages = new EventTarget();

  beforeAll(async () => {
    server = await startTestServer();
    runtime = createLocalRuntime({
      projectId: 'client-test',
      secret: TEST_SECRET,
      baseUrl: server.baseUrl,
      webSocket: nodeWebSocket,
      messageSource: messages,
    });
    await runtime.boot();
  });

  afterAll(async () => {
    await runtime.teardown();
    await server.close();
  });

  it('boots to ready and reports confinement from the server', () => {
    expect(runtime.status()).toEqual({
      kind: 'local',
      state: 'ready',
      confined: true,
      sandbox: "Commands run in a sandbox: this project's folder and the package registry only",
    });
  });

  it('mounts, writes, reads and deletes files', async () => {
    await runtime.mount({ 'index.js': 'console.log("hi")', 'data.bin': new Uint8Array([0, 255, 7]) });
    await runtime.writeFile('src/App.tsx', 'export default 1');
    expect(new TextDecoder().decode(await runtime.readFile('src/App.tsx'))).toBe('export default 1');
    expect([...(await runtime.readFile('data.bin'))]).toEqual([0, 255, 7]);
    await runtime.writeFile('data.bin', new Uint8Array([1, 2]));
    expect([...(await runtime.readFile('data.bin'))]).toEqual([1, 2]);
    await runtime.deleteFile('src/App.tsx');
    await expect(runtime.readFile('src/App.tsx')).rejects.toThrow(/does not exist/);
    await expect(runtime.writeFile('../escape.txt', 'x')).rejects.toThrow(/leaves the project/);
  });

  it('applies a batch of changes in one request and says which failed', async () => {
    const errors = await runtime.applyFileChanges([
      { kind: 'write', path: 'src/one.ts', content: 'one' },
      { kind: 'write', path: '../escape.txt', content: 'x' },
      { kind: 'write', path: 'logo.bin', content: new Uint8Array([9, 8]) },
      { kind: 'delete', path: 'src/one.ts' },
    ]);
    expect(errors).toEqual([null, expect.stringMatching(/leaves the project/), null, null]);
    expect([...(await runtime.readFile('logo.bin'))]).toEqual([9, 8]);
    await expect(runtime.readFile('src/one.ts')).rejects.toThrow(/does not exist/);
  });

  it('runs a command with streamed output and exit code', async () => {
    const child = await runtime.spawn('node index.js; exit 4');
    let output = '';
    child.onOutput((chunk) => (output += chunk));
    expect(await child.exit).toBe(4);
    expect(output).toContain('hi');
  });

  it('kills a long-running process', async () => {
    const child = await runtime.spawn('sleep 100');
    await child.kill();
    expect(await child.exit).toBeGreaterThan(128);
  });

  it('brings files created by commands back as changes', async () => {
    const changes: RuntimeFileChange[] = [];
    const off = runtime.onFileChange((change) => changes.push(change));
    const child = await runtime.spawn('echo generated > made.txt && printf "\\x00\\x01" > raw.bin');
    await child.exit;
    await waitFor(() => changes.length >= 2);
    off();
    expect(changes).toContainEqual({ kind: 'write', path: 'made.txt', content: 'generated\n' });
    expect(changes).toContainEqual({ kind: 'write', path: 'raw.bin', content: new Uint8Array([0, 1]) });
  });

  it('reports ports with their preview URL and proxies the preview', async () => {
    const events: PortEvent[] = [];
    runtime.onPort((event) => events.push(event));
    const script = "require('http').createServer((q,r)=>{r.setHeader('content-type','text/html');r.end('<html><head></head><body>served</body></html>')}).listen(0,'127.0.0.1')";
    const child = await runtime.spawn(`node -e "${script}"`);
    const opened = await waitFor(() => events.find((e) => e.open));
    // Its own listener on the IDE's host: a different origin from the IDE, but the same site.
    const previewUrl = new URL(opened.url);
    expect(previewUrl.hostname).toBe('localhost');
    expect(previewUrl.port).not.toBe(String(server.port));
    expect(runtime.openPorts().map((p) => p.port)).toEqual([opened.port]);
    expect(runtime.status().state).toBe('running');

    const page = await fetch(opened.url);
    expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const body = await page.text();
    expect(body).toContain('served');
    expect(body).toContain('preview-bridge.js');

    // The host-routed form on the IDE port works too (Node's fetch cannot resolve *.localhost, so set Host).
    const { request } = await import('node:http');
    const routed = await new Promise<string>((resolve) => {
      const hostHeader = new URL(previewUrlForPort(opened.port, { protocol: 'http:', hostname: 'localhost', port: String(server.port) })).host;
      request({ host: '127.0.0.1', port: server.port, path: '/', headers: { host: hostHeader } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(text));
      }).end();
    });
    expect(routed).toContain('served');

    const errors: PreviewError[] = [];
    const off = runtime.onPreviewError((error) => errors.push(error));
    const data = { source: 'tabsmith-preview', type: 'error', error: { kind: 'console-error', message: 'from listener' } };
    messages.dispatchEvent(new MessageEvent('message', { data, origin: previewUrl.origin }));
    off();
    expect(errors.map((e) => e.message)).toEqual(['from listener']);

    await child.kill();
    await waitFor(() => events.find((e) => !e.open && e.port === opened.port));
    expect(runtime.openPorts()).toEqual([]);
    expect(runtime.status().state).toBe('ready');
    // The listener is gone with the dev server.
    await expect(fetch(opened.url)).rejects.toThrow();
  });

  it('collects preview errors only from preview origins', async () => {
    const errors: PreviewError[] = [];
    runtime.onPreviewError((error) => errors.push(error));
    const data = { source: 'tabsmith-preview', type: 'error', error: { kind: 'exception', message: 'Boom', source: 'App.tsx:3' } };
    messages.dispatchEvent(new MessageEvent('message', { data, origin: 'http://evil.example' }));
    messages.dispatchEvent(new MessageEvent('message', { data, origin: `http://p5173.localhost:${server.port}` }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ kind: 'exception', message: 'Boom', source: 'App.tsx:3' });
  });

  it('gives an interactive shell', async () => {
    const shell = await runtime.spawn('bash', { terminal: { cols: 80, rows: 24 } });
    let output = '';
    shell.onOutput((chunk) => (output += chunk));
    shell.write('echo $((6*7))\r');
    await waitFor(() => output.includes('42'));
    shell.write('exit\r');
    expect(await shell.exit).toBe(0);
  });
});

describe('createLocalRuntime refusals', () => {
  it('fails to boot with a wrong secret, saying why', async () => {
    const server = await startTestServer();
    const runtime = createLocalRuntime({ projectId: 'x', secret: 'wrong', baseUrl: server.baseUrl, webSocket: nodeWebSocket });
    await expect(runtime.boot()).rejects.toThrow(/secret is wrong/);
    expect(runtime.status().state).toBe('unavailable');
    await server.close();
  });

  it('fails to boot when the local runtime is off, with the server reason', async () => {
    const server = await startTestServer({ enabled: false, reason: 'Off here.' });
    const runtime = createLocalRuntime({ projectId: 'x', secret: TEST_SECRET, baseUrl: server.baseUrl, webSocket: nodeWebSocket });
    await expect(runtime.boot()).rejects.toThrow('Off here.');
    expect(runtime.status()).toMatchObject({ state: 'unavailable', message: 'Off here.' });
    await server.close();
  });
});
