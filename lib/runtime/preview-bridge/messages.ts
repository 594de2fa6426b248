import type { PreviewError } from '../types';

/** Marks every message the preview bridge posts to the IDE window. */
export const PREVIEW_BRIDGE_SOURCE = 'tabsmith-preview';

export type PreviewErrorKind = PreviewError['kind'];

export interface PreviewBridgeError {
  kind: PreviewErrorKind;
  message: string;
  source?: string;
}

export type PreviewBridgeMessage =
  | { source: typeof PREVIEW_BRIDGE_SOURCE; type: 'error'; error: PreviewBridgeError }
  | { source: typeof PREVIEW_BRIDGE_SOURCE; type: 'loaded'; url: string };

const ERROR_KINDS: readonly PreviewErrorKind[] = ['exception', 'unhandled-rejection', 'console-error'];
const MAX_MESSAGE_LENGTH = 4000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads a `postMessage` payload; anything that is not a well-formed bridge message gives null. */
export function parsePreviewBridgeMessage(data: unknown): PreviewBridgeMessage | null {
  if (!isRecord(data) || data.source !== PREVIEW_BRIDGE_SOURCE) return null;
  if (data.type === 'loaded') {
    return typeof data.url === 'string' ? { source: PREVIEW_BRIDGE_SOURCE, type: 'loaded', url: data.url } : null;
  }
  if (data.type !== 'error' || !isRecord(data.error)) return null;
  const { kind, message, source } = data.error;
  if (typeof kind !== 'string' || !ERROR_KINDS.includes(kind as PreviewErrorKind)) return null;
  if (typeof message !== 'string') return null;
  const error: PreviewBridgeError = {
    kind: kind as PreviewErrorKind,
    message: message.slice(0, MAX_MESSAGE_LENGTH),
  };
  if (typeof source === 'string' && source) error.source = source.slice(0, MAX_MESSAGE_LENGTH);
  return { source: PREVIEW_BRIDGE_SOURCE, type: 'error', error };
}

export function toPreviewError(error: PreviewBridgeError, at: number = Date.now()): PreviewError {
  return { ...error, at };
}
