/** Where `@webcontainer/api` loads its boot frame from, unless the page overrides it as the API allows. */
export function webContainerServerOrigin(): string {
  const override = (globalThis as { WEBCONTAINER_API_IFRAME_URL?: unknown }).WEBCONTAINER_API_IFRAME_URL;
  try {
    return new URL(typeof override === 'string' ? override : 'https://stackblitz.com').origin;
  } catch {
    return 'https://stackblitz.com';
  }
}

export type Reachability = 'reachable' | 'unreachable' | 'unknown';

/**
 * Asks whether the boot frame's server answers at all. A boot that cannot reach it never settles, so
 * without this a person waits the whole boot timeout. Only a network error counts as `unreachable`
 * (no DNS, refused, offline); a slow answer is `unknown` and the boot timeout decides.
 *
 * The request is `no-cors` and without credentials: the page's COEP allows it either way, since the
 * boot frame's server sends `Cross-Origin-Resource-Policy: cross-origin` to be embeddable at all.
 */
export async function probeWebContainerServer(
  options: { fetch?: typeof fetch; origin?: string; timeoutMs?: number } = {},
): Promise<Reachability> {
  const doFetch = options.fetch ?? globalThis.fetch;
  if (typeof doFetch !== 'function') return 'unknown';
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? 3000);
  try {
    await doFetch(`${options.origin ?? webContainerServerOrigin()}/headless`, {
      method: 'HEAD',
      mode: 'no-cors',
      credentials: 'omit',
      cache: 'no-store',
      signal: controller.signal,
    });
    return 'reachable';
  } catch {
    return timedOut ? 'unknown' : 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}
