import { describe, expect, it } from 'vitest';
import { connectPageUrl, webContainerPreviewUrl } from './connect-page';

describe('WebContainer connect page', () => {
  it('sends a WebContainer preview through the connect page, named by its id', () => {
    const preview = 'https://zp1v56uxy8rdx5ypatb0ockcb9tr6a-oci3--5173--4c73681d.local-credentialless.webcontainer-api.io/about?x=1';
    expect(connectPageUrl(preview)).toBe(`/webcontainer/connect/4c73681d?preview=${encodeURIComponent(preview)}`);
  });

  it('leaves other previews alone', () => {
    expect(connectPageUrl('http://p5173.localhost:3000/')).toBeNull();
    expect(connectPageUrl('not a url')).toBeNull();
  });

  it('only ever forwards to a WebContainer preview origin', () => {
    expect(webContainerPreviewUrl('https://abc--5173--x.local-corp.webcontainer-api.io/')?.hostname).toBe('abc--5173--x.local-corp.webcontainer-api.io');
    for (const target of [
      'https://evil.example/',
      'https://webcontainer-api.io.evil.example/',
      'http://abc.local-credentialless.webcontainer-api.io/',
      'javascript:alert(1)//.webcontainer-api.io',
      'https://user:pw@abc.webcontainer-api.io/',
      '//abc.webcontainer-api.io/',
      null,
    ]) {
      expect(webContainerPreviewUrl(target), String(target)).toBeNull();
    }
  });
});
