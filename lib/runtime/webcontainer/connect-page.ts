import { WEBCONTAINER_CONNECT_PATH } from '../cross-origin-isolation';

/** WebContainer previews live on subdomains of this host (`…--5173--<id>.local-credentialless.…`). */
const PREVIEW_HOST_SUFFIX = '.webcontainer-api.io';

/** A WebContainer preview URL, or null for anything else (never an open redirect on the IDE's origin). */
export function webContainerPreviewUrl(value: string | null | undefined): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.endsWith(PREVIEW_HOST_SUFFIX) && !url.username && !url.password ? url : null;
  } catch {
    return null;
  }
}

/**
 * Where "open in a new tab" goes for a WebContainer preview: the IDE's own connect page, which sends
 * the tab on to the preview. A preview in a tab of its own asks to be connected and opens this page
 * again (as its popup); `setupConnect` then links it with the WebContainer in the IDE's tab. Null for
 * previews that are not WebContainer's (the local runtime's open directly).
 */
export function connectPageUrl(previewUrl: string): string | null {
  const url = webContainerPreviewUrl(previewUrl);
  if (!url) return null;
  const label = url.hostname.slice(0, url.hostname.indexOf('.'));
  const id = label.split('--').at(-1) || label;
  return `${WEBCONTAINER_CONNECT_PATH}${encodeURIComponent(id)}?preview=${encodeURIComponent(url.toString())}`;
}

/** The query parameter that carries the preview to go on to. */
export const CONNECT_PREVIEW_PARAM = 'preview';
