import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditorStartGate } from './editor-start-gate';

describe('EditorStartGate', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A gate (100 ms quiet, 1 s at most) with an editor waiting on it since `busy` was reported. */
  function waiting(busy: boolean) {
    const gate = new EditorStartGate(100, 1000);
    gate.setBusy(busy);
    const editor = { started: false };
    void gate.wait().then(() => {
      editor.started = true;
    });
    return { gate, editor };
  }

  it('lets the editor start at once when the agent is quiet', async () => {
    const { editor } = waiting(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(editor.started).toBe(true);
  });

  it('holds it while the agent is busy, and until it has been quiet a moment: a short lull does not count', async () => {
    const { gate, editor } = waiting(true);
    await vi.advanceTimersByTimeAsync(300);
    gate.setBusy(false);
    await vi.advanceTimersByTimeAsync(50);
    gate.setBusy(true);
    await vi.advanceTimersByTimeAsync(200);
    expect(editor.started).toBe(false);
    gate.setBusy(false);
    await vi.advanceTimersByTimeAsync(99);
    expect(editor.started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(editor.started).toBe(true);
  });

  it('holds it no longer than the longest wait, however long the agent stays busy', async () => {
    const { editor } = waiting(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(editor.started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(editor.started).toBe(true);
  });

  it('lets it start at once when the person reaches for the code', async () => {
    const { gate, editor } = waiting(true);
    gate.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(editor.started).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
