import { createServer, request, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** About the size of react-dom's development bundle, which a dev server sends in one write. */
export const BODY_BYTES = 1_005_535;

/** An HTTP server that answers every request with BODY_BYTES in one write, as a dev server does. */
export function bodyServer(): Server {
  const body = Buffer.alloc(BODY_BYTES, 'x');
  return createServer((_req, res) => {
    res.writeHead(200, { 'content-length': body.length, connection: 'close' });
    res.end(body);
  });
}

/**
 * GETs `/` over the stream `open` returns and reads the body a chunk at a time with a pause between
 * chunks, as a busy browser or proxy does, so whatever relays to it keeps data queued; resolves with
 * the number of body bytes read before the connection ended.
 */
export function getSlowly(open: () => Duplex, pauseMs = 3): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ path: '/', createConnection: () => open() as never }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        res.pause();
        setTimeout(() => res.resume(), pauseMs);
      });
      res.on('error', () => {});
      res.on('close', () => resolve(bytes));
    });
    req.on('error', reject);
    req.end();
  });
}
