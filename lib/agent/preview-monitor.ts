import type { PortEvent, PreviewError, Runtime } from '../runtime/types';
import type { PreviewMonitor } from './tool-context';

const MAX_ERRORS = 10;
const MAX_MESSAGE_CHARS = 2000;

export interface PreviewMonitorOptions {
  /** The port the preview pane shows, when the user picked one; otherwise the latest opened port is used. */
  selectedPort?: () => number | null;
}

export type DisposablePreviewMonitor = PreviewMonitor & { dispose(): void };

export function createPreviewMonitor(runtime: Runtime, options: PreviewMonitorOptions = {}): DisposablePreviewMonitor {
  // Insertion order doubles as "opened most recently last".
  const ports = new Map<number, string>();
  for (const event of runtime.openPorts()) if (event.open) ports.set(event.port, event.url);
  let errors: PreviewError[] = [];
  let missedErrors = 0;

  const stopPorts = runtime.onPort((event: PortEvent) => {
    ports.delete(event.port);
    if (event.open) ports.set(event.port, event.url);
  });
  const stopErrors = runtime.onPreviewError((error) => {
    const duplicate = errors.some((seen) => seen.message === error.message && seen.source === error.source);
    if (duplicate) return;
    if (errors.length >= MAX_ERRORS) missedErrors++;
    else errors.push(error);
  });

  function previewUrl(): string | null {
    const selected = options.selectedPort?.();
    if (selected != null && ports.has(selected)) return ports.get(selected) ?? null;
    const urls = [...ports.values()];
    return urls.length > 0 ? urls[urls.length - 1] : null;
  }

  return {
    check() {
      const seen = errors.map((error) => ({
        message:
          error.message.length > MAX_MESSAGE_CHARS ? `${error.message.slice(0, MAX_MESSAGE_CHARS)}…` : error.message,
        ...(error.source ? { source: error.source } : {}),
      }));
      if (missedErrors > 0) seen.push({ message: `…and ${missedErrors} more different errors.` });
      errors = [];
      missedErrors = 0;
      const url = previewUrl();
      const status = url === null ? 'not-running' : seen.length > 0 ? 'error' : 'ready';
      return { status, url, errors: seen };
    },
    dispose() {
      stopPorts();
      stopErrors();
    },
  };
}
