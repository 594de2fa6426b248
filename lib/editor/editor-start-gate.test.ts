import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditorStartGate } from './editor-start-gate';

describe('EditorStartGate', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const started = (gate: EditorStartGate) => {
    const state = { started: false };
    void gate.wait().then(() => {
      state.started = true;
    });
    return state;
  };

  it('lets the editor start at once when the agent is not working', async () => {
    const gate = new EditorStartGate(1000);
    const editor = started(gate);
    await vi.advanceTimersByTimeAsync(0);
    expect(editor.started).toBe(true);
  });

  it('holds it while the agent works, until it stops', async () => {
    const gate = new EditorStartGate(1000);
    gate.setBusy(true);
    const editor = started(gate);
    await vi.advanceTimersByTimeAsync(400);
    expect(editor.started).toBe(false);
    gate.setBusy(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(editor.started).toBe(true);
  });

  it('holds it no longer than the longest wait, however long the agent works', async () => {
    const gate = new EditorStartGate(1000);
    gate.setBusy(true);
    const editor = started(gate);
    await vi.advanceTimersByTimeAsync(999);
    expect(editor.started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(editor.started).toBe(true);
  });

  it('lets it start at once when the person reaches for the code', async () => {
    const gate = new EditorStartGate(1000);
    gate.setBusy(true);
    const editor = started(gate);
    gate.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(editor.started).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
