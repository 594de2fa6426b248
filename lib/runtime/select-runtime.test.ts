import { afterEach, describe, expect, it, vi } from 'vitest';
import { selectRuntime, type RuntimeSelectionConfig, type SelectionStatus } from './select-runtime';
import { FakeRuntime } from './test-support/fake-runtime';
import { FakeWebContainer, hangingBoot } from './webcontainer/fake-webcontainer';
import { createWebContainerRuntime } from './webcontainer/webcontainer-runtime';
import { WebContainerSlot } from './webcontainer/webcontainer-slot';

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

afterEach(() => {
  vi.useRealTimers();
});

describe('selectRuntime', () => {
  it('auto uses WebContainer when it boots', async () => {
    const webContainer = new FakeRuntime('webcontainer');
    const createLocal = vi.fn(() => new FakeRuntime('local'));
    const statuses: SelectionStatus[] = [];

    const selection = await selectRuntime(
      config({ createWebContainer: () => webContainer, createLocal }),
      (status) => statuses.push(status),
    );

    expect(selection.runtime).toBe(webContainer);
    expect(createLocal).not.toHaveBeenCalled();
    expect(statuses.at(-1)).toMatchObject({ kind: 'webcontainer', state: 'ready' });
  });

  it('auto falls back to local after the real WebContainer boot times out, and says so plainly', async () => {
    vi.useFakeTimers();
    const boot = hangingBoot();
    const webContainer = createWebContainerRuntime({ boot, bootTimeoutMs: 12_000, slot: new WebContainerSlot() });
    const local = new FakeRuntime('local');
    const statuses: SelectionStatus[] = [];

    const selecting = selectRuntime(
      config({ createWebContainer: () => webContainer, createLocal: () => local }),
      (status) => statuses.push(status),
    );
    await vi.advanceTimersByTimeAsync(12_000);
    const selection = await selecting;

    const note = 'WebContainer did not start: no connection to StackBlitz within 12 s. Continuing on this computer (local runtime).';
    expect(selection).toEqual({ runtime: local, note });
    expect(statuses.map((status) => `${status.kind} ${status.state}`)).toEqual([
      'webcontainer booting',
      'webcontainer booting',
      'webcontainer unavailable',
      'local booting',
      'local ready',
    ]);
    expect(statuses.at(-1)?.note).toBe(note);
    // A boot that finishes later must not keep a container alive for nothing.
    const late = new FakeWebContainer();
    boot.settle(late);
    await vi.waitFor(() => expect(late.tornDown).toBe(true));
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

  it('auto falls back when WebContainer fails outright', async () => {
    const selection = await selectRuntime(
      config({ createWebContainer: () => new FakeRuntime('webcontainer', new Error('WebContainer could not start: quota exceeded')) }),
      () => {},
    );
    expect(selection).toMatchObject({
      runtime: { kind: 'local' },
      note: 'WebContainer did not start: quota exceeded. Continuing on this computer (local runtime).',
    });
  });

  it('auto skips WebContainer on a page that is not cross-origin isolated', async () => {
    const createWebContainer = vi.fn(() => new FakeRuntime('webcontainer'));
    const selection = await selectRuntime(config({ createWebContainer, crossOriginIsolated: false }), () => {});
    expect(createWebContainer).not.toHaveBeenCalled();
    expect(selection.runtime?.kind).toBe('local');
    expect(selection).toMatchObject({ note: expect.stringContaining('not cross-origin isolated') });
  });

  it('auto with no local runtime reports why nothing can run', async () => {
    const statuses: SelectionStatus[] = [];
    const selection = await selectRuntime(
      config({ createWebContainer: () => new FakeRuntime('webcontainer', new Error('offline')), createLocal: null }),
      (status) => statuses.push(status),
    );
    expect(selection.runtime).toBeNull();
    expect(selection).toMatchObject({ reason: expect.stringMatching(/^WebContainer did not start: offline\. The local runtime is switched off/) });
    expect(statuses.at(-1)).toMatchObject({ state: 'unavailable' });
  });

  it('webcontainer mode never falls back', async () => {
    const createLocal = vi.fn(() => new FakeRuntime('local'));
    const selection = await selectRuntime(
      config({ mode: 'webcontainer', createWebContainer: () => new FakeRuntime('webcontainer', new Error('offline')), createLocal }),
      () => {},
    );
    expect(selection).toEqual({ runtime: null, reason: 'WebContainer did not start: offline.' });
    expect(createLocal).not.toHaveBeenCalled();
  });

  it('local mode uses only the local runtime', async () => {
    const createWebContainer = vi.fn(() => new FakeRuntime('webcontainer'));
    const selection = await selectRuntime(config({ mode: 'local', createWebContainer }), () => {});
    expect(selection.runtime?.kind).toBe('local');
    expect(createWebContainer).not.toHaveBeenCalled();
  });

  it('local mode without a local runtime says it is switched off', async () => {
    const selection = await selectRuntime(config({ mode: 'local', createLocal: null }), () => {});
    expect(selection).toMatchObject({ runtime: null, reason: expect.stringContaining('switched off') });
  });

  it('reports a local runtime that fails to start', async () => {
    const local = new FakeRuntime('local', new Error('the control channel refused the secret'));
    const selection = await selectRuntime(config({ mode: 'local', createLocal: () => local }), () => {});
    expect(selection).toEqual({
      runtime: null,
      reason: 'The local runtime did not start: the control channel refused the secret',
    });
    expect(local.tornDown).toBe(true);
  });
});
