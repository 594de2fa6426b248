import type { PortEvent, PreviewError, Runtime } from '../runtime/types';
import { findDevServerErrors } from './dev-server-errors';
import type { ProcessRegistry } from './process-registry';
import type { PreviewMonitor } from './tool-context';

const MAX_ERRORS = 10;
const MAX_MESSAGE_CHARS = 2000;

export interface PreviewMonitorOptions {
  /** The port the preview pane shows, when the user picked one; otherwise the latest opened port is used. */
  selectedPort?: () => number | null;
  /** Whether the preview finished loading (or hot-updated) after the latest file change. Without it, an open port counts as loaded. */
  loadedSinceLastChange?: () => boolean;
  /** Dev servers whose output since the latest change is scanned for compile errors. */
  processes?: ProcessRegistry;
}

export type DisposablePreviewMonitor = PreviewMonitor & {
  /** A project file changed: errors from before no longer count, and the preview has to show the change again. */
  fileChanged(): void;
  dispose(): void;
};

export function createPreviewMonitor(runtime: Runtime, options: PreviewMonitorOptions = {}): DisposablePreviewMonitor {
  // Insertion order doubles as "opened most recently last".
  const ports = new Map<number, string>();
  for (const event of runtime.openPorts()) if (event.open) ports.set(event.port, event.url);
  let errors: PreviewError[] = [];
  let missedErrors = 0;
  /** Where each process's output stood at the latest change. */
  let outputMarks = new Map<string, number>();

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

  function compileErrors(): { message: string; source: string }[] {
    const registry = options.processes;
    if (!registry) return [];
    const servers = registry.running().filter((p) => p.ports.length > 0);
    return servers.flatMap((server) =>
      findDevServerErrors(registry.outputSince(server.id, outputMarks.get(server.id) ?? 0)).map((message) => ({
        message,
        source: `dev server output (${server.command}, process ${server.id})`,
      })),
    );
  }

  return {
    check() {
      const seen = errors.map((error) => ({
        message:
          error.message.length > MAX_MESSAGE_CHARS ? `${error.message.slice(0, MAX_MESSAGE_CHARS)}…` : error.message,
        ...(error.source ? { source: error.source } : {}),
      }));
      if (missedErrors > 0) seen.push({ message: `…and ${missedErrors} more different errors.` });
      const url = previewUrl();
      if (url === null) return { status: 'not-running', url, errors: seen };
      const all = [...compileErrors(), ...seen];
      if (all.length > 0) return { status: 'error', url, errors: all };
      const loaded = options.loadedSinceLastChange?.() ?? true;
      return { status: loaded ? 'ready' : 'not-loaded', url, errors: [] };
    },
    fileChanged() {
      errors = [];
      missedErrors = 0;
      const registry = options.processes;
      outputMarks = new Map((registry?.running() ?? []).map((p) => [p.id, registry!.outputMark(p.id)] as const));
    },
    dispose() {
      stopPorts();
      stopErrors();
    },
  };
}
