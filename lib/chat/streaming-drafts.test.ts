import { describe, expect, it } from 'vitest';
import { clearAllDrafts, clearDraft, getDraft, setDraft, streamingDrafts } from './streaming-drafts';

describe('streaming drafts', () => {
  it('sets, replaces and clears drafts and notifies subscribers only on change', () => {
    let notified = 0;
    const unsubscribe = streamingDrafts.subscribe(() => notified++);
    setDraft('a.txt', 'he');
    setDraft('a.txt', 'hello');
    setDraft('a.txt', 'hello');
    expect(getDraft('a.txt')).toBe('hello');
    expect(notified).toBe(2);
    setDraft('b.txt', 'b');
    clearDraft('a.txt');
    expect(streamingDrafts.getState().drafts).toEqual({ 'b.txt': 'b' });
    clearAllDrafts();
    expect(streamingDrafts.getState().drafts).toEqual({});
    unsubscribe();
  });
});
