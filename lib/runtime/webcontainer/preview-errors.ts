import type { PreviewError } from '../types';
import { describeFrame, parseStack } from './stack-frames';
import type { PreviewMessageLike } from './webcontainer-api';

function describeArgument(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'message' in value && typeof value.message === 'string') {
    return value.message;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Where the error came from: the first stack frame when there is one, else the page. */
function describeSource(message: PreviewMessageLike): string | undefined {
  const [frame] = parseStack(message.stack);
  if (frame) return describeFrame(frame);
  const page = `${message.pathname ?? ''}${message.search ?? ''}`;
  return page === '' ? undefined : page;
}

/** Maps a WebContainer `preview-message` event to a PreviewError; other messages map to null. */
export function toPreviewError(message: PreviewMessageLike, at: number): PreviewError | null {
  const source = describeSource(message);
  const withSource = (error: PreviewError): PreviewError => (source ? { ...error, source } : error);
  switch (message.type) {
    case 'PREVIEW_UNCAUGHT_EXCEPTION':
      return withSource({ kind: 'exception', message: message.message || 'Uncaught error', at });
    case 'PREVIEW_UNHANDLED_REJECTION':
      return withSource({ kind: 'unhandled-rejection', message: message.message || 'Unhandled promise rejection', at });
    case 'PREVIEW_CONSOLE_ERROR': {
      const text = (message.args ?? []).map(describeArgument).join(' ');
      return withSource({ kind: 'console-error', message: text || 'console.error()', at });
    }
    default:
      return null;
  }
}
