import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyIsolationHeaders } from '../runtime/cross-origin-isolation';

/**
 * Headers on every response of the IDE itself (pages, API, static files), not on previews. Keep the
 * IDE's response-header rules here so they live in one place.
 */
export const FRAME_HEADERS: Readonly<Record<string, string>> = {
  // A site that frames the IDE can lure clicks onto it (clickjacking); only the IDE itself may frame its pages.
  'Content-Security-Policy': "frame-ancestors 'self'",
  'X-Frame-Options': 'SAMEORIGIN',
};

export function setIdeResponseHeaders(res: ServerResponse, req: IncomingMessage): void {
  for (const [name, value] of Object.entries(FRAME_HEADERS)) res.setHeader(name, value);
  // Cross-origin isolation depends on the browser (its own module: lib/runtime/cross-origin-isolation.ts).
  applyIsolationHeaders(res, new URL(req.url ?? '/', 'http://ide').pathname, req.headers['user-agent']);
}
