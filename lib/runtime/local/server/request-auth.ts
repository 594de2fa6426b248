import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIdeOrigin, type AllowedHosts } from '../../../server/allowed-hosts';

export interface Refusal {
  status: 401 | 403;
  reason: string;
}

function sameSecret(given: string, expected: string): boolean {
  // Hash both so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Refuses cross-origin callers (a page in the preview, any other site, a rebound name) and callers without the
 * per-server secret. Browsers omit Origin on some same-origin requests, so only a present, foreign one is refused.
 */
export function refuseUnauthorized(
  req: IncomingMessage,
  secret: string,
  givenSecret: string | undefined,
  allowedHosts: AllowedHosts,
): Refusal | null {
  const origin = req.headers.origin;
  if (origin !== undefined && !isIdeOrigin(origin, req.headers.host, allowedHosts)) {
    return { status: 403, reason: 'Requests from other sites or from the preview are not allowed.' };
  }
  if (!givenSecret) return { status: 401, reason: 'The local runtime secret is missing.' };
  if (!sameSecret(givenSecret, secret)) return { status: 403, reason: 'The local runtime secret is wrong.' };
  return null;
}

/** The secret offered as a WebSocket subprotocol `secret.<value>` (browsers cannot set headers on WebSockets). */
export function secretFromProtocols(header: string | undefined, prefix: string): string | undefined {
  if (!header) return undefined;
  const offered = header.split(',').map((p) => p.trim());
  const match = offered.find((p) => p.startsWith(prefix));
  return match ? match.slice(prefix.length) : undefined;
}
