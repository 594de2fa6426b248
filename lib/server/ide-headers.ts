import type { ServerResponse } from 'node:http';

/**
 * Headers on every response of the IDE itself (pages, API, static files), not on previews. Keep the
 * IDE's response-header rules here so they live in one place.
 */
export const FRAME_HEADERS: Readonly<Record<string, string>> = {
  // A site that frames the IDE can lure clicks onto it (clickjacking); only the IDE itself may frame its pages.
  'Content-Security-Policy': "frame-ancestors 'self'",
  'X-Frame-Options': 'SAMEORIGIN',
};

export function setIdeResponseHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(FRAME_HEADERS)) res.setHeader(name, value);
}
