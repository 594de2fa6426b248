import { previewPortFromHostname } from '../runtime/local/preview-url';

/**
 * A page on a name the attacker controls can be re-pointed at 127.0.0.1 (DNS rebinding); its requests then
 * reach the IDE with that name in `Host`. Answering only to known names stops it.
 */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

type Env = Record<string, string | undefined>;

/** A host name as the URL parser writes it: lower case, IPv6 in brackets, no trailing dot. */
function normalizeName(name: string): string {
  const lower = name.trim().toLowerCase().replace(/\.$/, '');
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

/** One `ALLOWED_HOSTS` entry: a bare name, `name:port` or a URL; only the name counts. */
function nameFromEntry(entry: string): string | null {
  const trimmed = entry.trim();
  if (!trimmed) return null;
  if (trimmed.includes('://')) {
    try {
      return normalizeName(new URL(trimmed).hostname);
    } catch {
      return null;
    }
  }
  return hostnameFromHostHeader(trimmed) ?? normalizeName(trimmed);
}

export interface AllowedHosts {
  /** Every name the IDE answers to. */
  readonly names: ReadonlySet<string>;
}

export function allowedHostsFromEnv(env: Env = process.env): AllowedHosts {
  const names = new Set(LOOPBACK_NAMES);
  for (const entry of (env.ALLOWED_HOSTS ?? '').split(',')) {
    const name = nameFromEntry(entry);
    if (name) names.add(name);
  }
  return { names };
}

/** The name part of a `Host` header (`name`, `name:port`, `[v6]:port`), or null when it is not one. */
export function hostnameFromHostHeader(host: string | undefined): string | null {
  if (!host) return null;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]/\s@]+)(?::\d{1,5})?$/i.exec(host.trim());
  return match ? normalizeName(match[1]) : null;
}

export function isAllowedHost(host: string | undefined, allowed: AllowedHosts): boolean {
  const name = hostnameFromHostHeader(host);
  return name !== null && allowed.names.has(name);
}

/**
 * Preview hosts (`p<port>.localhost`) go to the preview proxy. Browsers resolve every `*.localhost` name to
 * loopback themselves, so no DNS answer can point one elsewhere.
 */
export function isPreviewHost(host: string | undefined): boolean {
  const name = hostnameFromHostHeader(host);
  return name !== null && previewPortFromHostname(name) !== null;
}

/** Plain text for a refused Host, saying how to allow the name on purpose. */
export function forbiddenHostMessage(host: string | undefined): string {
  const name = hostnameFromHostHeader(host);
  if (!name) return 'Tabsmith refused this request: it names no valid host (Host header).\n';
  return (
    `Tabsmith does not answer to the host name "${name}". It answers to localhost, 127.0.0.1 and [::1]. ` +
    'If you reach it under this name on purpose, add the name to ALLOWED_HOSTS (a comma list) and restart it.\n'
  );
}

/**
 * True when `origin` is the IDE's own: an allowed name, and exactly the origin the request was sent to.
 * Checking the name against the list matters because `Host` alone is whatever a rebound page's name is.
 */
export function isIdeOrigin(origin: string, host: string | undefined, allowed: AllowedHosts): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (!allowed.names.has(normalizeName(url.hostname))) return false;
  return host !== undefined && url.host === host.trim().toLowerCase();
}
