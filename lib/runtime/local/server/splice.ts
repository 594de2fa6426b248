import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Joins two byte streams both ways. A side that ends passes its end on only after everything it sent
 * has been written; only a side that closes without ending (an error, a reset) tears the other down at
 * once. Destroying the other side on any close would drop what is still buffered for a slow reader:
 * a dev server that ends a 1 MB response at once lost its last kilobytes that way.
 */
export function splice(a: Duplex, b: Duplex): void {
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    from.on('error', () => to.destroy());
    from.on('close', () => {
      if (!from.readableEnded) to.destroy();
    });
    from.pipe(to);
  }
}

/**
 * A proxied response that the server (or the way to it) cut off is cut off for the client too: piping
 * alone leaves the client waiting for the rest forever, and a previewed app blank on "loading".
 */
export function abortWithUpstream(upstream: IncomingMessage, res: ServerResponse): void {
  upstream.on('close', () => {
    if (!upstream.complete && !res.writableEnded) res.destroy();
  });
}
