import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { forbiddenHostMessage, isAllowedHost, isPreviewHost, type AllowedHosts } from './allowed-hosts';
import { setIdeResponseHeaders } from './ide-headers';
import { answerWithWebHandler, type WebHandler } from './web-handler';

export interface IdeServerOptions {
  allowedHosts: AllowedHosts;
  /** The local runtime's control channel and preview proxy; each returns false for requests that are not theirs. */
  runtime: {
    handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  };
  /**
   * Route handlers answered here rather than through Next, keyed `METHOD /path`. Next's request and response adaptation
   * costs more CPU than the chat's own work on each request, and every chat's first byte queues behind it.
   */
  webRoutes?: ReadonlyMap<string, WebHandler>;
  /** Next.js: pages, `/api/*` routes, static files. */
  handleRequest(req: IncomingMessage, res: ServerResponse): void;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

function answersTo(host: string | undefined, allowed: AllowedHosts): boolean {
  return isAllowedHost(host, allowed) || isPreviewHost(host);
}

/** Answers 403 in plain text and returns true when `Host` is not one the IDE answers to. */
export function refusedHost(req: IncomingMessage, res: ServerResponse, allowed: AllowedHosts): boolean {
  if (answersTo(req.headers.host, allowed)) return false;
  const body = forbiddenHostMessage(req.headers.host);
  req.resume();
  res.writeHead(403, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
  return true;
}

/** The same for an upgrade, answered on the raw socket. */
export function refusedUpgradeHost(req: IncomingMessage, socket: Duplex, allowed: AllowedHosts): boolean {
  if (answersTo(req.headers.host, allowed)) return false;
  const body = forbiddenHostMessage(req.headers.host);
  socket.end(
    `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  return true;
}

/** The IDE's HTTP server: the Host check comes first, for every request and upgrade, before any route. */
export function createIdeServer(options: IdeServerOptions): Server {
  const server = createServer((req, res) => {
    if (refusedHost(req, res, options.allowedHosts)) return;
    if (options.runtime.handleRequest(req, res)) return;
    setIdeResponseHeaders(res, req);
    const webRoute = options.webRoutes?.get(`${req.method} ${req.url?.split('?')[0]}`);
    if (webRoute) void answerWithWebHandler(req, res, webRoute);
    else options.handleRequest(req, res);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (refusedUpgradeHost(req, socket, options.allowedHosts)) return;
    if (options.runtime.handleUpgrade(req, socket, head)) return;
    options.handleUpgrade(req, socket, head);
  });
  return server;
}
