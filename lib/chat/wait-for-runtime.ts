import type { StoreApi } from 'zustand/vanilla';
import type { RuntimeSessionState } from '../workbench/session-types';

/** `ready`: the runtime is there. `unavailable`: its start is over without one. `timeout`, `aborted`: gave up waiting. */
export type RuntimeWait = 'ready' | 'unavailable' | 'timeout' | 'aborted';

function settled(state: RuntimeSessionState): RuntimeWait | null {
  if (state.runtime) return 'ready';
  return state.runtimeStarting ? null : 'unavailable';
}

/**
 * Resolves once the session has a runtime, so the agent's first tool calls (often made while the
 * runtime still boots) land in it instead of failing. Stops at once when the start is over without
 * a runtime, and gives up after `timeoutMs` or on abort; the tool then reports why it has none.
 */
export function waitForRuntime(
  state: Pick<StoreApi<RuntimeSessionState>, 'getState' | 'subscribe'>,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<RuntimeWait> {
  const now = settled(state.getState());
  if (now) return Promise.resolve(now);
  if (signal.aborted) return Promise.resolve('aborted');
  if (timeoutMs <= 0) return Promise.resolve('timeout');
  return new Promise((resolve) => {
    const finish = (result: RuntimeWait) => {
      clearTimeout(timer);
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = () => finish('aborted');
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    const unsubscribe = state.subscribe((s) => {
      const result = settled(s);
      if (result) finish(result);
    });
    signal.addEventListener('abort', onAbort);
  });
}
