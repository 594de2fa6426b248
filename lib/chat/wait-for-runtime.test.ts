import { describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { Runtime } from '../runtime/types';
import type { RuntimeSessionState } from '../workbench/session-types';
import { waitForRuntime } from './wait-for-runtime';

function sessionState(runtime: Runtime | null = null, runtimeStarting = runtime === null) {
  return createStore<RuntimeSessionState>(() => ({
    status: null,
    runtime,
    runtimeStarting,
    ports: [],
    previewPort: null,
    previewErrors: [],
    run: { phase: 'idle', label: 'Not running', startedAt: null },
    unsyncedPaths: [],
    previewGeneration: 0,
    previewLoading: false,
    agentWorking: false,
  }));
}

const fakeRuntime = { kind: 'local' } as Runtime;

describe('waitForRuntime', () => {
  it('resolves at once when the runtime is there', async () => {
    await expect(waitForRuntime(sessionState(fakeRuntime), new AbortController().signal, 1000)).resolves.toBe('ready');
  });

  it('resolves when the runtime attaches later', async () => {
    const state = sessionState();
    const waiting = waitForRuntime(state, new AbortController().signal, 1000);
    setTimeout(() => state.setState({ runtime: fakeRuntime, runtimeStarting: false }), 10);
    await expect(waiting).resolves.toBe('ready');
  });

  it('keeps waiting through a failed first backend while the start goes on', async () => {
    vi.useFakeTimers();
    try {
      const state = sessionState();
      const waiting = waitForRuntime(state, new AbortController().signal, 60_000);
      // WebContainer gives up after its boot timeout; the local fallback comes later.
      await vi.advanceTimersByTimeAsync(13_000);
      state.setState({ status: { kind: 'webcontainer', state: 'unavailable', confined: true, message: 'WebContainer could not start.' } });
      await vi.advanceTimersByTimeAsync(25_000);
      state.setState({ runtime: fakeRuntime, runtimeStarting: false });
      await expect(waiting).resolves.toBe('ready');
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops at once when the start is over without a runtime', async () => {
    await expect(waitForRuntime(sessionState(null, false), new AbortController().signal, 60_000)).resolves.toBe('unavailable');
    const state = sessionState();
    const waiting = waitForRuntime(state, new AbortController().signal, 60_000);
    state.setState({ runtimeStarting: false });
    await expect(waiting).resolves.toBe('unavailable');
  });

  it('gives up after the timeout and on abort', async () => {
    await expect(waitForRuntime(sessionState(), new AbortController().signal, 20)).resolves.toBe('timeout');
    const controller = new AbortController();
    const waiting = waitForRuntime(sessionState(), controller.signal, 10_000);
    controller.abort();
    await expect(waiting).resolves.toBe('aborted');
  });
});
