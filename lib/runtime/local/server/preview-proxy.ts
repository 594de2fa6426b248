import {
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type RequestOptions,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { embedderPolicyFor } from '../../cross-origin-isolation';
import { PREVIEW_BRIDGE_PATH, previewBridgeScript } from '../../preview-bridge/bridge-script';
import { previewPortFromHostname } from '../preview-url';
import type { OpenPort } from './port-watcher';
import { abortWithUpstream, splice } from './splice';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Headers that would stop the preview from loading inside the IDE's cross-origin isolated page. */
const REPLACED_RESPONSE_HEADERS = new Set([
  'cross-origin-embedder-policy',
  'cross-origin-resource-policy',
  'cross-origin-opener-policy',
  'x-frame-options',
]);

const BRIDGE_TAG = `<script src="${PREVIEW_BRIDGE_PATH}"></script>`;

function hostnameOf(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

/** Puts the bridge first in <head> (or as early as possible) so it sees errors thrown by the app's own scripts. */
export function injectBridgeTag(html: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + BRIDGE_TAG + html.slice(head.index + head[0].length);
  const htmlTag = /<html(\s[^>]*)?>/i.exec(html);
  if (htmlTag) return html.slice(0, htmlTag.index + htmlTag[0].length) + BRIDGE_TAG + html.slice(htmlTag.index + htmlTag[0].length);
  const doctype = /<!doctype[^>]*>/i.exec(html);
  if (doctype) return html.slice(0, doctype.index + doctype[0].length) + BRIDGE_TAG + html.slice(doctype.index + doctype[0].length);
  return BRIDGE_TAG + html;
}

/** Drops `frame-ancestors` (the IDE must be able to frame the preview) and keeps the rest of the policy. */
export function withoutFrameAncestors(policy: string): string {
  return policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !/^frame-ancestors\b/i.test(d))
    .join('; ');
}

function upstreamHeaders(req: IncomingMessage, target: OpenPort, previewOrigin: string): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!HOP_BY_HOP.has(name)) headers[name] = value;
  }
  // Dev servers check Host (Vite's allowedHosts); they see themselves addressed as localhost.
  headers.host = `localhost:${target.port}`;
  if (req.headers.origin === previewOrigin) headers.origin = `http://localhost:${target.port}`;
  return headers;
}

/**
 * The preview is framed by the cross-origin isolated IDE, so it needs a COEP of its own; the IDE's
 * value for this browser, so that on `credentialless` an app's third-party images load without CORP.
 */
function embeddingHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'cross-origin-embedder-policy': embedderPolicyFor(req.headers['user-agent']),
    'cross-origin-resource-policy': 'cross-origin',
    vary: 'User-Agent',
  };
}

function previewResponseHeaders(req: IncomingMessage, upstream: IncomingMessage, target: OpenPort, previewOrigin: string) {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(upstream.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || REPLACED_RESPONSE_HEADERS.has(name)) continue;
    if (name === 'content-security-policy') {
      const policies = (Array.isArray(value) ? value : [value]).map(withoutFrameAncestors).filter(Boolean);
      if (policies.length > 0) headers[name] = policies;
      continue;
    }
    if (name === 'location' && typeof value === 'string') {
      headers[name] = value.replace(new RegExp(`^https?://(localhost|127\\.0\\.0\\.1|\\[::1\\]):${target.port}`), previewOrigin);
      continue;
    }
    headers[name] = value;
  }
  const vary = headers.vary;
  Object.assign(headers, embeddingHeaders(req));
  if (vary) headers.vary = `${Array.isArray(vary) ? vary.join(', ') : vary}, User-Agent`;
  return headers;
}

/** Where a request to the dev server goes: straight to its port, or through the sandbox's relay. */
function upstreamAddress(target: OpenPort): RequestOptions {
  const { connect } = target;
  if (!connect) return { host: target.host, port: target.port };
  return { host: target.host, port: target.port, createConnection: () => connect() as Socket };
}

function decoded(upstream: IncomingMessage): NodeJS.ReadableStream {
  switch (upstream.headers['content-encoding']) {
    case 'gzip':
      return upstream.pipe(createGunzip());
    case 'br':
      return upstream.pipe(createBrotliDecompress());
    case 'deflate':
      return upstream.pipe(createInflate());
    default:
      return upstream;
  }
}

function notRunningPage(port: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Nothing running</title></head>
<body style="font-family: system-ui, sans-serif; color: #444; padding: 2rem">
<h1 style="font-size: 1.2rem">Nothing is running on port ${port}</h1>
<p>Start the app (Run) and this preview will show it. If it was running, it may have stopped or crashed: check the terminal.</p>
</body></html>`;
}

/** Largest HTML page (after decompression) the preview holds to inject its bridge. */
export const MAX_HTML_BYTES = 32 * 1024 * 1024;

function tooLargePage(port: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Page too large</title></head>
<body style="font-family: system-ui, sans-serif; color: #444; padding: 2rem">
<h1 style="font-size: 1.2rem">The page on port ${port} is larger than ${MAX_HTML_BYTES / (1024 * 1024)} MB</h1>
<p>The preview does not show HTML pages larger than ${MAX_HTML_BYTES / (1024 * 1024)} MB (after decompression). Make the page smaller, or load the large content from a separate file.</p>
</body></html>`;
}

export interface PreviewProxy {
  /** Serves requests whose Host is `p<port>.localhost`; returns false for any other host. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Forwards to the dev server on `port`, whatever the Host; used by the per-preview listeners. */
  forwardRequest(req: IncomingMessage, res: ServerResponse, port: number): void;
  forwardUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, port: number): void;
}

function originOf(req: IncomingMessage): string {
  const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  return `${scheme}://${req.headers.host ?? 'localhost'}`;
}

export function createPreviewProxy(options: { previewTarget: (port: number) => OpenPort | null }): PreviewProxy {
  function previewPortOf(req: IncomingMessage): number | null {
    return previewPortFromHostname(hostnameOf(req.headers.host));
  }

  function sendPage(req: IncomingMessage, res: ServerResponse, status: number, contentType: string, body: string) {
    res.writeHead(status, {
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      ...embeddingHeaders(req),
    });
    res.end(body);
  }

  function forwardRequest(req: IncomingMessage, res: ServerResponse, port: number): void {
    const target = options.previewTarget(port);
    const origin = originOf(req);
    if (req.url === PREVIEW_BRIDGE_PATH) {
      sendPage(req, res, 200, 'text/javascript; charset=utf-8', previewBridgeScript);
      return;
    }
    if (!target) {
      req.resume();
      sendPage(req, res, 502, 'text/html; charset=utf-8', notRunningPage(port));
      return;
    }
    const headers = upstreamHeaders(req, target, origin);
    headers['accept-encoding'] = 'identity';
    const upstreamRequest = httpRequest(
      { ...upstreamAddress(target), method: req.method, path: req.url, headers },
      (upstream) => {
        abortWithUpstream(upstream, res);
        const responseHeaders = previewResponseHeaders(req, upstream, target, origin);
        const isHtml = /^text\/html/i.test(String(upstream.headers['content-type'] ?? ''));
        const status = upstream.statusCode ?? 502;
        if (!isHtml || req.method === 'HEAD' || status === 204 || status === 304) {
          res.writeHead(upstream.statusCode ?? 502, responseHeaders);
          upstream.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        let held = 0;
        let tooLarge = false;
        const body = decoded(upstream);
        body.on('data', (chunk: Buffer) => {
          if (tooLarge) return;
          held += chunk.length;
          // The page is held whole to inject the bridge; a dev server (hostile code) could send an endless
          // or compressed-bomb page and grow the IDE's memory without bound.
          if (held > MAX_HTML_BYTES) {
            tooLarge = true;
            chunks.length = 0;
            upstream.destroy();
            if (!res.headersSent) sendPage(req, res, 502, 'text/html; charset=utf-8', tooLargePage(port));
            return;
          }
          chunks.push(chunk);
        });
        body.on('error', () => {
          if (!tooLarge) res.destroy();
        });
        body.on('end', () => {
          if (tooLarge) return;
          const html = injectBridgeTag(Buffer.concat(chunks).toString('utf8'));
          delete responseHeaders['content-encoding'];
          delete responseHeaders['content-length'];
          delete responseHeaders['etag'];
          delete responseHeaders['last-modified'];
          responseHeaders['content-length'] = String(Buffer.byteLength(html));
          res.writeHead(upstream.statusCode ?? 200, responseHeaders);
          res.end(html);
        });
      },
    );
    upstreamRequest.on('error', () => {
      if (!res.headersSent) sendPage(req, res, 502, 'text/html; charset=utf-8', notRunningPage(port));
      else res.destroy();
    });
    req.pipe(upstreamRequest);
  }


  function forwardUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, port: number): void {
    const target = options.previewTarget(port);
    const origin = originOf(req);
    if (!target) {
      socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const headers = upstreamHeaders(req, target, origin);
    headers.connection = 'Upgrade';
    headers.upgrade = req.headers.upgrade;
    const upstreamRequest = httpRequest({ ...upstreamAddress(target), method: req.method, path: req.url, headers });
    upstreamRequest.on('upgrade', (upstream, upstreamSocket, upstreamHead) => {
      const lines = [`HTTP/1.1 ${upstream.statusCode ?? 101} ${upstream.statusMessage ?? 'Switching Protocols'}`];
      for (let i = 0; i < upstream.rawHeaders.length; i += 2) {
        lines.push(`${upstream.rawHeaders[i]}: ${upstream.rawHeaders[i + 1]}`);
      }
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (upstreamHead.length > 0) socket.write(upstreamHead);
      if (head.length > 0) upstreamSocket.write(head);
      splice(upstreamSocket, socket);
    });
    upstreamRequest.on('response', (upstream) => {
      // The dev server refused the upgrade; pass its answer on and close.
      socket.end(`HTTP/1.1 ${upstream.statusCode ?? 502} ${upstream.statusMessage ?? 'Bad Gateway'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      upstream.resume();
    });
    upstreamRequest.on('error', () => socket.destroy());
    upstreamRequest.end();
  }


  return {
    handleRequest(req, res) {
      const port = previewPortOf(req);
      if (port === null) return false;
      forwardRequest(req, res, port);
      return true;
    },
    handleUpgrade(req, socket, head) {
      const port = previewPortOf(req);
      if (port === null) return false;
      forwardUpgrade(req, socket, head, port);
      return true;
    },
    forwardRequest,
    forwardUpgrade,
  };
}
