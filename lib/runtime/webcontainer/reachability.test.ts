import { describe, expect, it, vi } from 'vitest';
import { probeWebContainerServer, webContainerServerOrigin } from './reachability';

describe('probeWebContainerServer', () => {
  it('asks the boot frame server with a credential-free no-cors request', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 200 }));
    expect(await probeWebContainerServer({ fetch })).toBe('reachable');
    expect(fetch).toHaveBeenCalledWith('https://stackblitz.com/headless', expect.objectContaining({ mode: 'no-cors', credentials: 'omit', method: 'HEAD' }));
  });

  it('says unreachable on a network error, and unknown when no answer comes in time', async () => {
    expect(await probeWebContainerServer({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')) })).toBe('unreachable');
    const hanging = (_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    expect(await probeWebContainerServer({ fetch: hanging, timeoutMs: 20 })).toBe('unknown');
  });

  it('follows the iframe URL override the API itself honours', () => {
    const global = globalThis as { WEBCONTAINER_API_IFRAME_URL?: string };
    global.WEBCONTAINER_API_IFRAME_URL = 'https://webcontainer.example.com/path';
    try {
      expect(webContainerServerOrigin()).toBe('https://webcontainer.example.com');
    } finally {
      delete global.WEBCONTAINER_API_IFRAME_URL;
    }
    expect(webContainerServerOrigin()).toBe('https://stackblitz.com');
  });
});
