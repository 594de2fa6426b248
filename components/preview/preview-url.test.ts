import { describe, expect, it } from 'vitest';
import { isPreviewBridgeMessage, normalizePreviewPath, pathFromBridgeMessage, previewUrl } from './preview-url';

describe('preview paths', () => {
  it('turns what the user types into a path on the preview origin', () => {
    expect(normalizePreviewPath('')).toBe('/');
    expect(normalizePreviewPath('  about ')).toBe('/about');
    expect(normalizePreviewPath('/a?b=1#c')).toBe('/a?b=1#c');
    expect(normalizePreviewPath('http://p5173.localhost:3000/x/y?z=1')).toBe('/x/y?z=1');
  });

  it('never leaves the preview origin, even for a full URL elsewhere', () => {
    expect(previewUrl('http://p5173.localhost:3000/', 'https://evil.example/steal')).toBe(
      'http://p5173.localhost:3000/steal',
    );
    expect(previewUrl('http://p5173.localhost:3000/', '//evil.example/x')).toBe('http://p5173.localhost:3000//evil.example/x');
  });

  it('reads the location the bridge reports, and ignores other messages', () => {
    const loaded = { source: 'tabsmith-preview', type: 'loaded', url: 'http://p5173.localhost:3000/todos?done=1' };
    expect(isPreviewBridgeMessage(loaded)).toBe(true);
    expect(pathFromBridgeMessage(loaded as never)).toBe('/todos?done=1');
    expect(isPreviewBridgeMessage({ source: 'other', type: 'loaded' })).toBe(false);
    expect(isPreviewBridgeMessage('tabsmith-preview')).toBe(false);
  });
});
