/** "about", "/about?x=1", "http://p5173.localhost:3000/about" → "/about", "/about?x=1", "/about". */
export function normalizePreviewPath(input: string): string {
  const trimmed = input.trim();
  if (trimmed === '') return '/';
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
      const url = new URL(trimmed);
      return `${url.pathname}${url.search}${url.hash}`;
    }
  } catch {
    // Not a full URL after all: treat it as a path.
  }
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** Joined by hand: resolving "//host/x" against the base with `new URL` would leave the preview origin. */
export function previewUrl(base: string, path: string): string {
  return new URL(`${new URL(base).origin}${normalizePreviewPath(path)}`).toString();
}

export interface PreviewBridgeMessage {
  source: 'tabsmith-preview';
  type: string;
  url?: string;
  path?: string;
}

export function isPreviewBridgeMessage(data: unknown): data is PreviewBridgeMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { source?: unknown }).source === 'tabsmith-preview' &&
    typeof (data as { type?: unknown }).type === 'string'
  );
}

/** The path the previewed app is showing, when the bridge script reported one. */
export function pathFromBridgeMessage(message: PreviewBridgeMessage): string | null {
  if (typeof message.path === 'string') return normalizePreviewPath(message.path);
  if (typeof message.url === 'string') return normalizePreviewPath(message.url);
  return null;
}

export type DeviceWidth = 'phone' | 'tablet' | 'desktop';

export const deviceWidths: Record<DeviceWidth, { label: string; width: number | null }> = {
  phone: { label: 'Phone', width: 390 },
  tablet: { label: 'Tablet', width: 820 },
  desktop: { label: 'Desktop', width: null },
};
