import { describe, expect, it } from 'vitest';
import { applyIsolationHeaders, embedderPolicyFor, isolationHeaders, varyOnUserAgent } from './cross-origin-isolation';
import { USER_AGENTS } from './test-support/user-agents';


describe('embedderPolicyFor', () => {
  it('gives credentialless to Chromium and Firefox versions that support it', () => {
    for (const ua of [USER_AGENTS.chromeLinux, USER_AGENTS.headlessChromium, USER_AGENTS.edge, USER_AGENTS.chromeAndroid, USER_AGENTS.firefox]) {
      expect(embedderPolicyFor(ua), ua).toBe('credentialless');
    }
  });

  it('gives require-corp to Safari, every iOS browser, old versions and unknown agents', () => {
    for (const ua of [
      USER_AGENTS.safariMac,
      USER_AGENTS.safariIphone,
      USER_AGENTS.chromeIos,
      USER_AGENTS.firefoxIos,
      USER_AGENTS.firefoxOld,
      USER_AGENTS.chromeOld,
      'curl/8.5.0',
      '',
      undefined,
    ]) {
      expect(embedderPolicyFor(ua), String(ua)).toBe('require-corp');
    }
  });
});

describe('isolationHeaders', () => {
  it('isolates IDE pages with the COEP the browser supports', () => {
    expect(isolationHeaders('/p/abc', USER_AGENTS.firefox)).toEqual({
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'credentialless',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    expect(isolationHeaders('/', USER_AGENTS.safariMac)['Cross-Origin-Embedder-Policy']).toBe('require-corp');
  });

  it('leaves the WebContainer connect page unisolated so it keeps its opener', () => {
    const headers = isolationHeaders('/webcontainer/connect/abc', USER_AGENTS.chromeLinux);
    expect(headers['Cross-Origin-Opener-Policy']).toBe('unsafe-none');
    expect(headers['Cross-Origin-Embedder-Policy']).toBe('unsafe-none');
    // Only the connect page itself: a look-alike path stays isolated.
    expect(isolationHeaders('/webcontainer/connectx', USER_AGENTS.chromeLinux)['Cross-Origin-Opener-Policy']).toBe('same-origin');
  });
});

describe('varyOnUserAgent', () => {
  it('adds User-Agent once to whatever Vary already says', () => {
    expect(varyOnUserAgent(undefined)).toBe('User-Agent');
    expect(varyOnUserAgent('RSC, Accept-Encoding')).toBe('RSC, Accept-Encoding, User-Agent');
    expect(varyOnUserAgent(['RSC', 'user-agent'])).toBe('RSC, user-agent');
  });
});

describe('applyIsolationHeaders', () => {
  it('keeps Vary: User-Agent when the framework replaces Vary later', () => {
    const headers = new Map<string, unknown>();
    const res = { setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), value) };
    applyIsolationHeaders(res, '/p/x', USER_AGENTS.firefox);
    expect(headers.get('cross-origin-embedder-policy')).toBe('credentialless');
    expect(headers.get('vary')).toBe('User-Agent');
    res.setHeader('Vary', 'rsc, next-router-state-tree, Accept-Encoding');
    expect(headers.get('vary')).toBe('rsc, next-router-state-tree, Accept-Encoding, User-Agent');
    res.setHeader('Content-Type', 'text/html');
    expect(headers.get('content-type')).toBe('text/html');
  });
});
