/**
 * Cross-origin isolation, decided per request from the browser's user agent.
 *
 * WebContainer needs a cross-origin isolated page, and its previews are served with the same COEP
 * value the page boots it with. `credentialless` lets previews embed third-party images, fonts and
 * scripts that send no CORP header (apps loading from a CDN); `require-corp` blocks those. Only
 * browsers that support `credentialless` get it: Chromium (desktop and Android) from 96 and Firefox
 * from 119. Safari and every iOS browser (all WebKit) get `require-corp`, and so does any browser we
 * cannot recognise, because every browser with COEP understands that value.
 */

export type EmbedderPolicy = 'credentialless' | 'require-corp';

const CHROMIUM_MIN = 96;
const FIREFOX_MIN = 119;

/** iOS browsers name themselves after their brand but all run WebKit. */
const IOS_BRANDS = /\b(CriOS|FxiOS|EdgiOS|OPiOS)\//;

function majorVersion(userAgent: string, product: RegExp): number | null {
  const match = product.exec(userAgent);
  return match ? Number(match[1]) : null;
}

export function embedderPolicyFor(userAgent: string | null | undefined): EmbedderPolicy {
  const ua = userAgent ?? '';
  if (IOS_BRANDS.test(ua) || /\b(iPhone|iPad|iPod)\b/.test(ua)) return 'require-corp';
  const chromium = majorVersion(ua, /(?:Chrome|Chromium)\/(\d+)/);
  if (chromium !== null) return chromium >= CHROMIUM_MIN ? 'credentialless' : 'require-corp';
  const firefox = majorVersion(ua, /\bFirefox\/(\d+)/);
  if (firefox !== null) return firefox >= FIREFOX_MIN ? 'credentialless' : 'require-corp';
  return 'require-corp';
}

/** `setupConnect` needs `window.opener`, which `Cross-Origin-Opener-Policy: same-origin` would cut. */
export const WEBCONTAINER_CONNECT_PATH = '/webcontainer/connect/';

/**
 * Headers for one IDE response: cross-origin isolation everywhere except the WebContainer connect
 * page, which must keep its opener (a preview tab on another origin) and embeds StackBlitz's frame.
 */
export function isolationHeaders(pathname: string, userAgent: string | null | undefined): Record<string, string> {
  if (pathname.startsWith(WEBCONTAINER_CONNECT_PATH)) {
    return {
      'Cross-Origin-Opener-Policy': 'unsafe-none',
      'Cross-Origin-Embedder-Policy': 'unsafe-none',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
  }
  return {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': embedderPolicyFor(userAgent),
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** Adds `User-Agent` to a Vary header value, so no cache hands one browser another's COEP. */
export function varyOnUserAgent(existing: string | number | readonly string[] | undefined): string {
  const values = (Array.isArray(existing) ? existing.join(',') : String(existing ?? ''))
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  if (!values.some((value) => value.toLowerCase() === 'user-agent' || value === '*')) values.push('User-Agent');
  return values.join(', ');
}

type HeaderValue = number | string | readonly string[];

interface HeaderTarget {
  setHeader(name: string, value: HeaderValue): unknown;
}

/**
 * Sets the isolation headers on a response and keeps `Vary: User-Agent` on it even when the framework
 * later sets its own `Vary` (Next.js replaces the header rather than adding to it).
 */
export function applyIsolationHeaders(res: HeaderTarget, pathname: string, userAgent: string | null | undefined): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name: string, value: HeaderValue) =>
    setHeader(name, name.toLowerCase() === 'vary' ? varyOnUserAgent(typeof value === 'number' ? String(value) : [...(Array.isArray(value) ? value : [value])]) : value);
  for (const [name, value] of Object.entries(isolationHeaders(pathname, userAgent))) setHeader(name, value);
  res.setHeader('Vary', '');
}
