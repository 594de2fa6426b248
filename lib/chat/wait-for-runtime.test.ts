import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { Runtime } from '../runtime/types';
import type { RuntimeSessionState } from '../workbench/session-types';
import { waitForRuntime } from './wait-for-runtime';

function sessionState(runtime: Runtime | null = null) {
  return createStore<RuntimeSessionState>(() => ({
    status: null,
    runtime,
    ports: [],
    previewPort: null,
    previewErrors: [],
    run: { phase: 'idle', label: 'Not running', startedAt: null },
    unsyncedPaths: [],
    previewGeneration: 0,
  }));
}

const fakeRuntime = { kind: 'local' } as Runtime;

describe('waitForRuntime', () => {
  it('resolves at once when the runtime is there', async () => {
    await expect(waitForRuntime(sessionState(fakeRuntime), new AbortController().signal, 1000)).resolves.toBe(true);
  });

  it('resolves when the runtime attaches later', async () => {
    const state = sessionState();
    const waiting = waitForRuntime(state, new AbortController().signal, 1000);
    setTimeout(() => state.setState({ runtime: fakeRuntime }), 10);
    await expect(waiting).resolves.toBe(true);
  });

  it('gives up after the timeout and on abort', async () => {
    await expect(waitForRuntime(sessionState(), new AbortController().signal, 20)).resolves.toBe(false);
    const controller = new AbortController();
    const waiting = waitForRuntime(sessionState(), controller.signal, 10_000);
    controller.abort();
    await expect(waiting).resolves.toBe(false);
  });
});
