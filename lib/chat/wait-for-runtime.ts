import type { StoreApi } from 'zustand/vanilla';
import type { RuntimeSessionState } from '../workbench/session-types';

/**
 * Resolves once the session has a runtime, so the agent's first tool calls (often made while the
 * runtime still boots) land in it instead of failing. Gives up after `timeoutMs` or on abort; the
 * tool then reports the missing runtime itself.
 */
export function waitForRuntime(
  state: Pick<StoreApi<RuntimeSessionState>, 'getState' | 'subscribe'>,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<boolean> {
  if (state.getState().runtime) return Promise.resolve(true);
  if (signal.aborted || timeoutMs <= 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    const finish = (ready: boolean) => {
      clearTimeout(timer);
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
      resolve(ready);
    };
    const onAbort = () => finish(false);
    const timer = setTimeout(() => finish(false), timeoutMs);
    const unsubscribe = state.subscribe((s) => {
      if (s.runtime) finish(true);
    });
    signal.addEventListener('abort', onAbort);
  });
}
