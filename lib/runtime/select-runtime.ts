import type { RuntimeMode } from './config';
import type { Runtime, RuntimeKind, RuntimeStatus } from './types';

export interface RuntimeSelectionConfig {
  mode: RuntimeMode;
  webcontainerBootTimeoutMs: number;
  createWebContainer: () => Runtime;
  /** Null when the server does not offer the local runtime. */
  createLocal: (() => Runtime) | null;
  /** Defaults to the page's `crossOriginIsolated`; WebContainer cannot boot without it. */
  crossOriginIsolated?: boolean;
}

/** A runtime status, plus a lasting note about how the backend was chosen (e.g. why it fell back). */
export type SelectionStatus = RuntimeStatus & { note?: string };

export type RuntimeSelection =
  | { runtime: Runtime; note?: string }
  /** No backend could start; `reason` says why in plain words. */
  | { runtime: null; reason: string };

/** Extra time the selector allows beyond the backend's own boot timeout before it stops waiting itself. */
const BOOT_TIMEOUT_MARGIN_MS = 1000;

const LOCAL_DISABLED =
  'The local runtime is switched off on this server (it is on by default only when the IDE runs on your own computer).';
const NOT_ISOLATED = 'this page is not cross-origin isolated, which WebContainer needs';

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** "WebContainer could not start (no connection … 12 s)." → "no connection … 12 s". */
function webContainerProblem(reason: string): string {
  return reason
    .replace(/^WebContainer could not start\s*/, '')
    .replace(/^[:(]\s*/, '')
    .replace(/\)?\.?$/, '');
}

async function bootWithin(runtime: Runtime, timeoutMs: number | null): Promise<void> {
  if (timeoutMs === null) return runtime.boot();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no connection to StackBlitz within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([runtime.boot(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Boots `runtime`, forwarding its statuses (with `note`); on failure tears it down and rethrows. */
async function start(
  runtime: Runtime,
  bootTimeoutMs: number | null,
  onStatus: (status: SelectionStatus) => void,
  note: string | undefined,
): Promise<Runtime> {
  const forward = (status: RuntimeStatus) => onStatus(note ? { ...status, note } : status);
  const stopForwarding = runtime.onStatus(forward);
  forward(runtime.status());
  try {
    await bootWithin(runtime, bootTimeoutMs);
    return runtime;
  } catch (error) {
    stopForwarding();
    void runtime.teardown().catch(() => {});
    throw error;
  }
}

function unavailable(kind: RuntimeKind, reason: string, onStatus: (status: SelectionStatus) => void): RuntimeSelection {
  onStatus({ kind, state: 'unavailable', message: reason, confined: kind === 'webcontainer' });
  return { runtime: null, reason };
}

/**
 * Picks and boots the backend. `auto` prefers WebContainer and falls back to the local runtime, saying
 * so; an explicit mode uses only that backend.
 */
export async function selectRuntime(
  config: RuntimeSelectionConfig,
  onStatus: (status: SelectionStatus) => void,
): Promise<RuntimeSelection> {
  const isolated = config.crossOriginIsolated ?? globalThis.crossOriginIsolated === true;
  const webContainerGuardMs = config.webcontainerBootTimeoutMs + BOOT_TIMEOUT_MARGIN_MS;

  /** `fallback` is what happened to WebContainer, when the local runtime is the second choice. */
  const startLocal = async (fallback?: string): Promise<RuntimeSelection> => {
    const note = fallback ? `${fallback} Continuing on this computer (local runtime).` : undefined;
    if (!config.createLocal) return unavailable('local', fallback ? `${fallback} ${LOCAL_DISABLED}` : LOCAL_DISABLED, onStatus);
    try {
      const runtime = await start(config.createLocal(), null, onStatus, note);
      return note ? { runtime, note } : { runtime };
    } catch (error) {
      const problem = `The local runtime did not start: ${reasonOf(error)}`;
      return unavailable('local', fallback ? `${fallback} ${problem}` : problem, onStatus);
    }
  };

  if (config.mode === 'local') return startLocal();

  if (config.mode === 'webcontainer') {
    if (!isolated) return unavailable('webcontainer', `WebContainer cannot start: ${NOT_ISOLATED}.`, onStatus);
    try {
      return { runtime: await start(config.createWebContainer(), webContainerGuardMs, onStatus, undefined) };
    } catch (error) {
      return unavailable('webcontainer', `WebContainer did not start: ${webContainerProblem(reasonOf(error))}.`, onStatus);
    }
  }

  let problem = NOT_ISOLATED;
  if (isolated) {
    try {
      return { runtime: await start(config.createWebContainer(), webContainerGuardMs, onStatus, undefined) };
    } catch (error) {
      problem = webContainerProblem(reasonOf(error));
    }
  }
  return startLocal(`WebContainer did not start: ${problem}.`);
}
