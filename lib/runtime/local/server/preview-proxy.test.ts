import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { PREVIEW_BRIDGE_PATH } from '../../preview-bridge/bridge-script';
import { waitFor } from '../../test-support/wait-for';
import { MAX_HTML_BYTES, createPreviewProxy, injectBridgeTag, withoutFrameAncestors } from './preview-proxy';

const PAGE = '<!doctype html><html><head><title>App</title></head><body>hi</body></html>';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function get(port: number, host: string, urlPath: string, userAgent?: string) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const headers = { host, 'accept-encoding': 'gzip, br', ...(userAgent ? { 'user-agent': userAgent } : {}) };
    const req = request({ host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('preview proxy', () => {
  let upstream: Server;
  let upstreamPort: number;
  let ide: Server;
  let idePort: number;
  let previewHost: string;
  const seenUpstreamHeaders: IncomingHttpHeaders[] = [];
  const bomb = gzipSync(Buffer.alloc(4 * MAX_HTML_BYTES, ' '), { level: 9 });
  let endlessSent = 0;
  let endlessClosedAt = -1;

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      seenUpstreamHeaders.push(req.headers);
      if (req.url === '/') {
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'x-frame-options': 'DENY',
          'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
        });
        res.end(PAGE);
      } else if (req.url === '/gzipped') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        res.end(gzipSync(PAGE));
      } else if (req.url === '/bomb') {
        // Hostile dev server: a small gzip body that unpacks to four times the page limit.
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        res.end(bomb);
      } else if (req.url === '/endless') {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(1024 * 1024, 'x');
        const pump = () => {
          while (!res.destroyed && endlessSent < 8 * MAX_HTML_BYTES) {
            endlessSent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => (endlessClosedAt = endlessSent));
        pump();
      } else if (req.url === '/cut.js' || req.url === '/cut.html') {
        // The way to the dev server breaks halfway through a response.
        res.writeHead(200, { 'content-type': req.url === '/cut.js' ? 'text/javascript' : 'text/html', 'content-length': '1000' });
        res.write('x'.repeat(500));
        setTimeout(() => res.socket?.destroy(), 20);
      } else if (req.url === '/redirect') {
        res.writeHead(302, { location: `http://localhost:${upstreamPort}/` });
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end('console.log(1)');
      }
    });
    const wss = new WebSocketServer({ server: upstream });
    wss.on('connection', (socket) => socket.on('message', (data) => socket.send(`echo:${data}`)));
    upstreamPort = await listen(upstream);

    const proxy = createPreviewProxy({
      previewTarget: (port) => (port === upstreamPort ? { port, host: '127.0.0.1' } : null),
    });
    ide = createServer((req, res) => {
      if (!proxy.handleRequest(req, res)) res.end('ide');
    });
    ide.on('upgrade', (req, socket, head) => {
      if (!proxy.handleUpgrade(req, socket, head)) socket.destroy();
    });
    idePort = await listen(ide);
    previewHost = `p${upstreamPort}.localhost:${idePort}`;
  });

  afterAll(async () => {
    ide.closeAllConnections();
    upstream.closeAllConnections();
    await new Promise((resolve) => ide.close(resolve));
    await new Promise((resolve) => upstream.close(resolve));
  });

  it('adds isolation headers, drops framing blocks and injects the bridge into HTML', async () => {
    const page = await get(idePort, previewHost, '/');
    expect(page.status).toBe(200);
    expect(page.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(page.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(page.headers['x-frame-options']).toBeUndefined();
    expect(page.headers['content-security-policy']).toBe("default-src 'self'");
    expect(page.body).toBe(PAGE.replace('<head>', `<head><script src="${PREVIEW_BRIDGE_PATH}"></script>`));
    expect(Number(page.headers['content-length'])).toBe(Buffer.byteLength(page.body));
    // Upstream is asked for an uncompressed body and sees itself addressed as localhost.
    expect(seenUpstreamHeaders.at(-1)?.['accept-encoding']).toBe('identity');
    expect(seenUpstreamHeaders.at(-1)?.host).toBe(`localhost:${upstreamPort}`);
  });

  it("gives the preview the IDE's COEP for this browser, so a credentialless browser loads third-party images", async () => {
    const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
    const safari = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Safari/605.1.15';
    for (const path of ['/', '/script.js', PREVIEW_BRIDGE_PATH]) {
      const fromChrome = await get(idePort, previewHost, path, chrome);
      expect(fromChrome.headers['cross-origin-embedder-policy'], path).toBe('credentialless');
      expect(fromChrome.headers.vary, path).toContain('User-Agent');
      const fromSafari = await get(idePort, previewHost, path, safari);
      expect(fromSafari.headers['cross-origin-embedder-policy'], path).toBe('require-corp');
    }
  });

  it('cuts the browser off when the dev server cuts a response off, instead of leaving the page loading forever', async () => {
    for (const urlPath of ['/cut.js', '/cut.html']) {
      const outcome = await new Promise<{ complete: boolean }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: idePort, path: urlPath, headers: { host: previewHost } }, (res) => {
          res.on('error', () => {});
          res.on('close', () => resolve({ complete: res.complete }));
          res.resume();
        });
        // The HTML path answers only once the page is whole, so a cut page ends the request without a response.
        req.on('error', (error) => (urlPath === '/cut.html' ? resolve({ complete: false }) : reject(error)));
        req.end();
      });
      expect(outcome.complete, urlPath).toBe(false);
    }
  });

  it('decompresses HTML that arrives compressed anyway', async () => {
    const page = await get(idePort, previewHost, '/gzipped');
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.body).toContain(PREVIEW_BRIDGE_PATH);
    expect(page.body).toContain('<body>hi</body>');
  });

  it('refuses an HTML page over the size limit instead of holding it all (a gzip bomb, an endless page)', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const fromBomb = await get(idePort, previewHost, '/bomb');
    expect(fromBomb.status).toBe(502);
    expect(fromBomb.body).toContain(`larger than ${MAX_HTML_BYTES / (1024 * 1024)} MB`);

    const endless = await get(idePort, previewHost, '/endless');
    expect(endless.status).toBe(502);
    expect(endless.body).toContain('larger than');
    await waitFor(() => endlessClosedAt >= 0);
    // The proxy hung up soon after the limit instead of reading the dev server's whole output.
    expect(endlessClosedAt).toBeLessThan(4 * MAX_HTML_BYTES);
  });

  it('passes other responses through untouched, with the CORP header', async () => {
    const script = await get(idePort, previewHost, '/main.js');
    expect(script.body).toBe('console.log(1)');
    expect(script.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('serves the bridge script and rewrites redirects to the preview origin', async () => {
    const bridge = await get(idePort, previewHost, PREVIEW_BRIDGE_PATH);
    expect(bridge.headers['content-type']).toMatch(/javascript/);
    expect(bridge.body).toContain('tabsmith-preview');
    const redirect = await get(idePort, previewHost, '/redirect');
    expect(redirect.headers.location).toBe(`http://${previewHost}/`);
  });

  it('refuses ports no project process opened', async () => {
    const closed = await get(idePort, `p1.localhost:${idePort}`, '/');
    expect(closed.status).toBe(502);
    expect(closed.body).toContain('Nothing is running on port 1');
    expect((await get(idePort, `localhost:${idePort}`, '/')).body).toBe('ide');
  });

  it('passes WebSocket upgrades through (hot reload)', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${idePort}/hmr`, { headers: { host: previewHost } });
    const reply = await new Promise<string>((resolve, reject) => {
      ws.on('open', () => ws.send('ping'));
      ws.on('message', (data) => resolve(String(data)));
      ws.on('error', reject);
    });
    ws.close();
    expect(reply).toBe('echo:ping');
  });
});

describe('preview HTML helpers', () => {
  it('injects as early as the document allows', () => {
    expect(injectBridgeTag('<html lang="en"><body></body></html>')).toMatch(/^<html lang="en"><script/);
    expect(injectBridgeTag('<p>bare</p>')).toMatch(/^<script/);
  });

  it('keeps every directive except frame-ancestors', () => {
    expect(withoutFrameAncestors("script-src 'self'; frame-ancestors 'none'; img-src *")).toBe("script-src 'self'; img-src *");
  });
});
