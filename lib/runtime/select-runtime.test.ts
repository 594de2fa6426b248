import { afterEach, describe, expect, it, vi } from 'vitest';
import { storedFailureMemory, FAILURE_MEMORY_MS } from './remembered-failure';
import { selectRuntime, type RuntimeSelectionConfig, type SelectionStatus, type WebContainerReachability } from './select-runtime';
import { FakeRuntime } from './test-support/fake-runtime';
import { unreachableBoot } from './webcontainer/fake-webcontainer';
import { createWebContainerRuntime } from './webcontainer/webcontainer-runtime';
import { WebContainerSlot } from './webcontainer/webcontainer-slot';

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
}

function config(overrides: Partial<RuntimeSelectionConfig>): RuntimeSelectionConfig {
  return {
    mode: 'auto',
    webcontainerBootTimeoutMs: 12_000,
    createWebContainer: () => new FakeRuntime('webcontainer'),
    createLocal: () => new FakeRuntime('local'),
    crossOriginIsolated: true,
    ...overrides,
  };
}

/** The visible words must not name the technology (issue 11): that belongs in `detail`. */
function expectPlain(text: string | undefined) {
  expect(text).toBeTruthy();
  expect(text).not.toMatch(/WebContainer|StackBlitz|local runtime/);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('selectRuntime', () => {
  it('auto uses WebContainer when it boots, and forgets an old failure', async () => {
    const webContainer = new FakeRuntime('webcontainer');
    const createLocal = vi.fn(() => new FakeRuntime('local'));
    const statuses: SelectionStatus[] = [];
    const memory = storedFailureMemory(memoryStorage());
    memory.remember('WebContainer did not start: offline.');

    const selection = await selectRuntime(
      config({ createWebContainer: () => webContainer, createLocal, memory: { ...memory, recall: () => null } }),
      (status) => statuses.push(status),
    );

    expect(selection.runtime).toBe(webContainer);
    expect(createLocal).not.toHaveBeenCalled();
    expect(statuses.at(-1)).toMatchObject({ kind: 'webcontainer', state: 'ready' });
    expect(memory.recall()).toBeNull();
  });

  it('auto falls back to local after the real WebContainer boot times out, and says so plainly', async () => {
    vi.useFakeTimers();
    const boot = unreachableBoot();
    const webContainer = createWebContainerRuntime({ boot, bootTimeoutMs: 12_000, coep: 'credentialless', slot: new WebContainerSlot() });
    const local = new FakeRuntime('local');
    const statuses: SelectionStatus[] = [];

    const selecting = selectRuntime(
      config({ createWebContainer: () => webContainer, createLocal: () => local }),
      (status) => statuses.push(status),
    );
    await vi.advanceTimersByTimeAsync(12_000);
    const selection = await selecting;

    const note = 'Running in your browser did not work here (it did not start within 12 s), so it runs on this computer.';
    expect(selection).toEqual({ runtime: local, note });
    expectPlain(note);
    expect(statuses.map((status) => `${status.kind} ${status.state}`)).toEqual([
      'webcontainer booting',
      'webcontainer booting',
      'webcontainer unavailable',
      'local booting',
      'local ready',
    ]);
    expect(statuses.at(-1)).toMatchObject({
      note,
      detail: 'WebContainer did not start: no connection to StackBlitz within 12 s.',
    });
    // A boot that finishes later must not keep a container alive for nothing.
    boot.module.connect();
    await vi.waitFor(() => expect(boot.module.booted[0]?.tornDown).toBe(true));
  });

  it('auto falls back as soon as the probe finds StackBlitz unreachable, long before the boot timeout', async () => {
    vi.useFakeTimers();
    const boot = unreachableBoot();
    const webContainer = createWebContainerRuntime({ boot, bootTimeoutMs: 12_000, coep: 'credentialless', slot: new WebContainerSlot() });
    let answer!: (value: WebContainerReachability) => void;
    const probe = vi.fn(() => new Promise<WebContainerReachability>((resolve) => (answer = resolve)));

    const selecting = selectRuntime(config({ createWebContainer: () => webContainer, probeWebContainer: probe }), () => {});
    await vi.advanceTimersByTimeAsync(300);
    answer('unreachable');
    await vi.advanceTimersByTimeAsync(0);
    const selection = await selecting;

    expect(selection.runtime?.kind).toBe('local');
    expect(selection).toMatchObject({ note: 'Running in your browser did not work here (its servers could not be reached from here), so it runs on this computer.' });
    expect(probe).toHaveBeenCalledTimes(1);
    expect(webContainer.status().state).toBe('unavailable');
  });

  it('a probe that finds the servers, or cannot tell, leaves the decision to the boot', async () => {
    for (const answer of ['reachable', 'unknown'] as const) {
      const webContainer = new FakeRuntime('webcontainer');
      const selection = await selectRuntime(
        config({ createWebContainer: () => webContainer, probeWebContainer: async () => answer }),
        () => {},
      );
      expect(selection.runtime, answer).toBe(webContainer);
    }
  });

  it('remembers the failure, so the next open goes straight to local without trying WebContainer', async () => {
    const storage = memoryStorage();
    const memory = storedFailureMemory(storage);
    const first = await selectRuntime(
      config({ createWebContainer: () => new FakeRuntime('webcontainer', 'hang'), probeWebContainer: async () => 'unreachable', memory }),
      () => {},
    );
    expect(first.runtime?.kind).toBe('local');

    const createWebContainer = vi.fn(() => new FakeRuntime('webcontainer'));
    const statuses: SelectionStatus[] = [];
    const second = await selectRuntime(
      config({ createWebContainer, memory: storedFailureMemory(storage) }),
      (status) => statuses.push(status),
    );
    expect(createWebContainer).not.toHaveBeenCalled();
    expect(second).toMatchObject({ runtime: { kind: 'local' }, note: 'Running in your browser did not work here (it did not work here earlier), so it runs on this computer.' });
    expect(statuses[0]).toMatchObject({ kind: 'local', state: 'booting' });
    expect(statuses.at(-1)?.detail).toMatch(/StackBlitz could not be reached.*remembered/);
  });

  it('the memory fades, and is never used when there is no local runtime to go to', async () => {
    const storage = memoryStorage();
    let now = 1_000_000;
    storedFailureMemory(storage, () => now).remember('WebContainer did not start: offline.');

    const createWebContainer = vi.fn(() => new FakeRuntime('webcontainer'));
    const noLocal = await selectRuntime(config({ createWebContainer, createLocal: null, memory: storedFailureMemory(storage, () => now) }), () => {});
    expect(createWebContainer).toHaveBeenCalledTimes(1);
    expect(noLocal.runtime?.kind).toBe('webcontainer');

    storedFailureMemory(storage, () => now).remember('WebContainer did not start: offline.');
    now += FAILURE_MEMORY_MS + 1;
    const later = await selectRuntime(config({ createWebContainer, memory: storedFailureMemory(storage, () => now) }), () => {});
    expect(createWebContainer).toHaveBeenCalledTimes(2);
    expect(later.runtime?.kind).toBe('webcontainer');
  });

  it('auto stops waiting even for a backend that ignores its own timeout', async () => {
    vi.useFakeTimers();
    const webContainer = new FakeRuntime('webcontainer', 'hang');
    const selecting = selectRuntime(config({ createWebContainer: () => webContainer, webcontainerBootTimeoutMs: 4000 }), () => {});
    await vi.advanceTimersByTimeAsync(5000);
    const selection = await selecting;
    expect(selection.runtime?.kind).toBe('local');
    expect(webContainer.tornDown).toBe(true);
  });

  it('auto falls back when WebContainer fails outright, keeping the reason in the detail', async () => {
    const statuses: SelectionStatus[] = [];
    const selection = await selectRuntime(
      config({
        createWebContainer: () =>
          new FakeRuntime('webcontainer', new Error('WebContainer could not start: quota exceeded. Reload the page to try again.')),
      }),
      (status) => statuses.push(status),
    );
    expect(selection).toMatchObject({
      runtime: { kind: 'local' },
      note: 'Running in your browser did not work here (it reported a problem while starting), so it runs on this computer.',
    });
    expect(statuses.at(-1)?.detail).toBe('WebContainer did not start: quota exceeded.');
  });

  it('auto skips WebContainer on a page that is not cross-origin isolated', async () => {
    const createWebContainer = vi.fn(() => new FakeRuntime('webcontainer'));
    const selection = await selectRuntime(config({ createWebContainer, crossOriginIsolated: false }), () => {});
    expect(createWebContainer).not.toHaveBeenCalled();
    expect(selection.runtime?.kind).toBe('local');
    expect(selection).toMatchObject({ note: expect.stringContaining('this page is not set up for it') });
  });

  it('auto with no local runtime reports why nothing can run', async () => {
    const statuses: SelectionStatus[] = [];
    const selection = await selectRuntime(
      config({ createWebContainer: () => new FakeRuntime('webcontainer', new Error('offline')), createLocal: null }),
      (status) => statuses.push(status),
    );
    expect(selection.runtime).toBeNull();
    expect(selection).toMatchObject({
      reason: expect.stringMatching(/^Apps cannot run here: running in your browser did not work .*This server does not run apps itself/),
    });
    expectPlain(selection.runtime === null ? selection.reason : undefined);
    expect(statuses.at(-1)).toMatchObject({ state: 'unavailable', detail: 'WebContainer did not start: offline.' });
  });

  it('webcontainer mode never falls back, but gives up early when the probe says unreachable', async () => {
    vi.useFakeTimers();
    const createLocal = vi.fn(() => new FakeRuntime('local'));
    const selecting = selectRuntime(
      config({
        mode: 'webcontainer',
        createWebContainer: () => new FakeRuntime('webcontainer', 'hang'),
        createLocal,
        probeWebContainer: async () => 'unreachable',
      }),
      () => {},
    );
    await vi.advanceTimersByTimeAsync(10);
    expect(await selecting).toEqual({
      runtime: null,
      reason: 'Apps cannot run in your browser here: its servers could not be reached from here. Reload the page to try again.',
    });
    expect(createLocal).not.toHaveBeenCalled();
  });

  it('local mode uses only the local runtime', async () => {
    const createWebContainer = vi.fn(() => new FakeRuntime('webcontainer'));
    const selection = await selectRuntime(config({ mode: 'local', createWebContainer }), () => {});
    expect(selection.runtime?.kind).toBe('local');
    expect(createWebContainer).not.toHaveBeenCalled();
  });

  it('local mode without a local runtime says this server does not run apps', async () => {
    const selection = await selectRuntime(config({ mode: 'local', createLocal: null }), () => {});
    expect(selection).toMatchObject({ runtime: null, reason: expect.stringContaining('does not run apps itself') });
  });

  it('reports a local runtime that fails to start', async () => {
    const local = new FakeRuntime('local', new Error('the control channel refused the secret'));
    const selection = await selectRuntime(config({ mode: 'local', createLocal: () => local }), () => {});
    expect(selection).toEqual({
      runtime: null,
      reason: 'Apps cannot run on this computer right now: the control channel refused the secret',
    });
    expect(local.tornDown).toBe(true);
  });
});
