import type { BootWebContainer, WebContainerLike } from './webcontainer-api';

let authInitialised = false;

/**
 * Boots the real `@webcontainer/api`. The module is imported on first use only: it touches browser
 * globals at load time, and keeping it behind this adapter lets everything else run under Node tests.
 */
export const bootWebContainer: BootWebContainer = async ({ apiKey, ...options }) => {
  const api = await import('@webcontainer/api');
  // auth.init must run once, before the first boot; without a client id the free tier applies.
  if (apiKey && !authInitialised) {
    authInitialised = true;
    const result = api.auth.init({ clientId: apiKey, scope: '' });
    if (result.status === 'auth-failed') {
      console.warn(`WebContainer sign-in failed: ${result.description || result.error}`);
    }
  }
  const instance: WebContainerLike = await api.WebContainer.boot(options);
  return instance;
};

