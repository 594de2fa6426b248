import type { RuntimeMode } from './config';
import type { FailureMemory } from './remembered-failure';
import type { Runtime, RuntimeKind, RuntimeStatus } from './types';

export type WebContainerReachability = 'reachable' | 'unreachable' | 'unknown';

export interface RuntimeSelectionConfig {
  mode: RuntimeMode;
  webcontainerBootTimeoutMs: number;
  createWebContainer: () => Runtime;
  /** Null when the server does not offer the local runtime. */
  createLocal: (() => Runtime) | null;
  /** Defaults to the page's `crossOriginIsolated`; WebContainer cannot boot without it. */
  crossOriginIsolated?: boolean;
  /**
   * Runs alongside the boot and answers `unreachable` as soon as WebContainer's servers are known to be
   * out of reach, so the fallback does not wait for the boot timeout.
   */
  probeWebContainer?: () => Promise<WebContainerReachability>;
  /** Where a failed WebContainer start is remembered: later opens in `auto` go straight to local. */
  memory?: FailureMemory;
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
  'This server does not run apps itself (that is on by default only when Tabsmith runs on your own computer).';

/** Why WebContainer did not start: plain words for the status line, and the technical detail. */
interface Failure {
  plain: string;
  detail: string;
}

class Unreachable extends Error {}
class GuardTimeout extends Error {}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function secondsOf(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

function failureOf(error: unknown, timeoutMs: number): Failure {
  if (error instanceof Unreachable) {
    return { plain: 'its servers could not be reached from here', detail: 'WebContainer did not start: StackBlitz could not be reached.' };
  }
  if (error instanceof GuardTimeout) {
    return {
      plain: `it did not start within ${secondsOf(timeoutMs)} s`,
      detail: `WebContainer did not start: no connection to StackBlitz within ${secondsOf(timeoutMs)} s.`,
    };
  }
  const reason = reasonOf(error).replace(/^WebContainer could not start:\s*/, '').replace(/\s*Reload the page to try again\.$/, '');
  const timedOut = /^no connection to StackBlitz within/.test(reason);
  const blocked = /still waiting/.test(reason);
  return {
    plain: timedOut
      ? reason.replace(/^no connection to StackBlitz/, 'it did not start').replace(/\.$/, '')
      : blocked
        ? 'an earlier try in this tab is still waiting; reload the page to try again'
        : 'it reported a problem while starting',
    detail: `WebContainer did not start: ${reason.replace(/\.$/, '')}.`,
  };
}

const NOT_ISOLATED: Failure = {
  plain: 'this page is not set up for it',
  detail: 'WebContainer did not start: this page is not cross-origin isolated.',
};

async function bootWithin(runtime: Runtime, timeoutMs: number | null, abort: Promise<never> | null): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const racers: Promise<void>[] = [runtime.boot()];
  if (timeoutMs !== null) {
    racers.push(
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new GuardTimeout()), timeoutMs);
      }),
    );
  }
  if (abort) racers.push(abort);
  try {
    await Promise.race(racers);
  } finally {
    clearTimeout(timer);
  }
}

/** Boots `runtime`, forwarding its statuses (with `note`); on failure tears it down and rethrows. */
async function start(
  runtime: Runtime,
  onStatus: (status: SelectionStatus) => void,
  options: { timeoutMs: number | null; abort: Promise<never> | null; note?: string; detail?: string },
): Promise<Runtime> {
  const { note, detail } = options;
  const forward = (status: RuntimeStatus) =>
    onStatus({ ...status, ...(note ? { note } : {}), ...(detail && !status.detail ? { detail } : {}) });
  const stopForwarding = runtime.onStatus(forward);
  forward(runtime.status());
  try {
    await bootWithin(runtime, options.timeoutMs, options.abort);
    return runtime;
  } catch (error) {
    stopForwarding();
    void runtime.teardown().catch(() => {});
    throw error;
  }
}

function unavailable(
  kind: RuntimeKind,
  reason: string,
  detail: string | undefined,
  onStatus: (status: SelectionStatus) => void,
): RuntimeSelection {
  onStatus({ kind, state: 'unavailable', message: reason, confined: kind === 'webcontainer', ...(detail ? { detail } : {}) });
  return { runtime: null, reason };
}

/** Rejects with `Unreachable` when the probe says so; otherwise never settles. */
function unreachableSignal(probe: RuntimeSelectionConfig['probeWebContainer']): Promise<never> | null {
  if (!probe) return null;
  const signal = new Promise<never>((_, reject) => {
    probe().then(
      (answer) => {
        if (answer === 'unreachable') reject(new Unreachable());
      },
      () => {},
    );
  });
  signal.catch(() => {});
  return signal;
}

/**
 * Picks and boots the backend. `auto` prefers WebContainer and falls back to the local runtime, saying
 * so; once WebContainer failed here, later opens go straight to local for a while. An explicit mode
 * uses only that backend.
 */
export async function selectRuntime(
  config: RuntimeSelectionConfig,
  onStatus: (status: SelectionStatus) => void,
): Promise<RuntimeSelection> {
  const isolated = config.crossOriginIsolated ?? globalThis.crossOriginIsolated === true;
  const guardMs = config.webcontainerBootTimeoutMs + BOOT_TIMEOUT_MARGIN_MS;

  const startWebContainer = () =>
    start(config.createWebContainer(), onStatus, { timeoutMs: guardMs, abort: unreachableSignal(config.probeWebContainer) });

  /** `fallback` is what happened to WebContainer, when the local runtime is the second choice. */
  const startLocal = async (fallback?: Failure): Promise<RuntimeSelection> => {
    const note = fallback ? `Running in your browser did not work here (${fallback.plain}), so it runs on this computer.` : undefined;
    if (!config.createLocal) {
      const reason = fallback ? `Apps cannot run here: running in your browser did not work (${fallback.plain}). ${LOCAL_DISABLED}` : LOCAL_DISABLED;
      return unavailable('local', reason, fallback?.detail, onStatus);
    }
    try {
      const runtime = await start(config.createLocal(), onStatus, { timeoutMs: null, abort: null, note, detail: fallback?.detail });
      return note ? { runtime, note } : { runtime };
    } catch (error) {
      const problem = `Apps cannot run on this computer right now: ${reasonOf(error)}`;
      const reason = fallback ? `${note} ${problem}` : problem;
      return unavailable('local', reason, fallback?.detail, onStatus);
    }
  };

  if (config.mode === 'local') return startLocal();

  if (config.mode === 'webcontainer') {
    if (!isolated) return unavailable('webcontainer', `Apps cannot run in your browser here: ${NOT_ISOLATED.plain}.`, NOT_ISOLATED.detail, onStatus);
    try {
      return { runtime: await startWebContainer() };
    } catch (error) {
      const failure = failureOf(error, guardMs);
      return unavailable('webcontainer', `Apps cannot run in your browser here: ${failure.plain}. Reload the page to try again.`, failure.detail, onStatus);
    }
  }

  if (!isolated) return startLocal(NOT_ISOLATED);
  const remembered = config.createLocal ? config.memory?.recall() : null;
  if (remembered) {
    return startLocal({ plain: 'it did not work here earlier', detail: `${remembered} (remembered from an earlier visit)` });
  }
  try {
    const runtime = await startWebContainer();
    config.memory?.forget();
    return { runtime };
  } catch (error) {
    const failure = failureOf(error, guardMs);
    config.memory?.remember(failure.detail);
    return startLocal(failure);
  }
}
