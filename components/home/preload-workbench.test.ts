import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const loaded: string[] = [];
vi.mock('@/components/workbench/Workbench', () => {
  loaded.push('workbench');
  return { Workbench: () => null };
});
vi.mock('@/components/editor/monaco-loader', () => ({
  loadMonaco: async () => void loaded.push('monaco'),
}));

const { preloadWorkbenchWhenIdle } = await import('./preload-workbench');

describe('preloadWorkbenchWhenIdle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', (run: () => void) => setTimeout(run, 1) as unknown as number);
    vi.stubGlobal('cancelIdleCallback', (handle: number) => clearTimeout(handle));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('does nothing while the page settles, then loads the workbench and then the editor, and a cancel before that stops both', async () => {
    const cancel = preloadWorkbenchWhenIdle();
    await vi.advanceTimersByTimeAsync(500);
    cancel();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(loaded).toEqual([]);

    preloadWorkbenchWhenIdle();
    await vi.advanceTimersByTimeAsync(500);
    expect(loaded).toEqual([]);
    await vi.advanceTimersByTimeAsync(400);
    await vi.waitFor(() => expect(loaded).toEqual(['workbench', 'monaco']));
  });
});
