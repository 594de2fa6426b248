import type { BootWebContainer, WebContainerModuleLike } from './webcontainer-api';

/**
 * Boots through `@webcontainer/api`, loaded on first use by `load` (the real module touches browser
 * globals at import time, so everything else runs under Node tests).
 */
export function loaderFor(load: () => Promise<WebContainerModuleLike>): BootWebContainer {
  let keyConfigured = false;
  return async ({ apiKey, ...options }) => {
    const api = await load();
    // The documented call for a commercial key; it must come before the first boot of the tab.
    // (`auth.init` is OAuth sign-in for private packages, not this.)
    if (apiKey && !keyConfigured) {
      keyConfigured = true;
      api.configureAPIKey(apiKey);
    }
    return api.WebContainer.boot(options);
  };
}

export const bootWebContainer: BootWebContainer = loaderFor(async () => {
  const api: WebContainerModuleLike = await import('@webcontainer/api');
  return api;
});
