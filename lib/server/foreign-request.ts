import { isIdeOrigin, type AllowedHosts } from './allowed-hosts';
import { isJsonContentType } from './request-body';

/**
 * A foreign page may POST text/plain or a form without a preflight; refusing those and any foreign Origin keeps
 * other sites (and the preview) from using the server's model keys or making it call addresses of their choice.
 * Returns the refusal to send, or null when the request may go on.
 */
export function refuseForeignJsonRequest(req: Request, allowedHosts: AllowedHosts, what: string): Response | null {
  const origin = req.headers.get('origin');
  const host = req.headers.get('host') ?? new URL(req.url).host;
  if (origin !== null && !isIdeOrigin(origin, host, allowedHosts)) {
    return Response.json({ error: `${what} accepts requests only from the IDE itself, not from other sites or the preview.` }, { status: 403 });
  }
  if (!isJsonContentType(req.headers.get('content-type'))) {
    return Response.json({ error: `${what} request must be JSON (Content-Type: application/json).` }, { status: 415 });
  }
  return null;
}
