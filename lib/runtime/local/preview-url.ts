/** Host names the preview proxy answers to: `p<port>.localhost`. */
const PREVIEW_HOST = /^p(\d{1,5})\.localhost$/i;

export interface LocationLike {
  protocol: string;
  hostname: string;
  port: string;
}

/** The preview of a dev server on `port`, served by the IDE's server on an origin of its own. */
export function previewUrlForPort(port: number, location: LocationLike): string {
  const idePort = location.port ? `:${location.port}` : '';
  return `${location.protocol}//p${port}.localhost${idePort}/`;
}

/** The dev-server port a preview host name stands for, or null for any other host. */
export function previewPortFromHostname(hostname: string): number | null {
  const match = PREVIEW_HOST.exec(hostname);
  if (!match) return null;
  const port = Number(match[1]);
  return port > 0 && port < 65536 ? port : null;
}

/** True when `origin` is a preview origin served by the IDE at `location`. */
export function isPreviewOrigin(origin: string, location: LocationLike): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (
    url.protocol === location.protocol &&
    url.port === location.port &&
    previewPortFromHostname(url.hostname) !== null
  );
}

/** The preview served by the IDE host's dedicated listener for one dev server (same host as the IDE, its own port). */
export function previewListenerUrl(previewPort: number, location: LocationLike): string {
  return `${location.protocol}//${location.hostname}:${previewPort}/`;
}
