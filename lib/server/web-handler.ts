import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** A route handler in the Fetch API's shape, as `app/api/**\/route.ts` exports them. */
export type WebHandler = (req: Request) => Promise<Response>;

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

function webRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers: requestHeaders(req),
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal,
    // Node's fetch requires this for a streamed request body.
    ...(hasBody ? { duplex: 'half' } : {}),
  } as RequestInit);
}

function writeHead(res: ServerResponse, response: Response): void {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

async function pipeBody(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  res.once('close', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch {
    // The handler's stream failed after the headers went out; ending abruptly tells the client the answer is cut.
    res.destroy();
  } finally {
    res.off('close', stop);
  }
}

/**
 * Answers one request with a Fetch-style handler straight on Node's HTTP objects. A client that goes away aborts
 * `req.signal`, so a model call behind it stops too.
 */
export async function answerWithWebHandler(req: IncomingMessage, res: ServerResponse, handler: WebHandler): Promise<void> {
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  let response: Response;
  try {
    response = await handler(webRequest(req, abort.signal));
  } catch (error) {
    console.error(`[server] ${req.method} ${req.url} failed:`, error instanceof Error ? error.message : error);
    if (res.headersSent || res.destroyed) return void res.destroy();
    const body = JSON.stringify({ error: 'The server failed while answering. Try again; if it keeps failing, restart Tabsmith.' });
    res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  writeHead(res, response);
  if (!response.body || req.method === 'HEAD') return void res.end();
  await pipeBody(response.body, res);
}
