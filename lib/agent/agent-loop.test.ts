import type { UIMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { DISCUSS_REFUSAL, DraftTracker, refuseToolCall, sendsAutomatically, settleTurn } from './agent-loop';

type Part = Record<string, unknown>;
const user = (text: string): UIMessage => ({ id: `u-${text}`, role: 'user', parts: [{ type: 'text', text }] });
const assistant = (id: string, parts: Part[]): UIMessage => ({ id, role: 'assistant', parts: parts as UIMessage['parts'] });
const done = (name: string, input: unknown, output: unknown): Part => ({
  type: `tool-${name}`,
  toolCallId: `${name}-${Math.random()}`,
  state: 'output-available',
  input,
  output,
});
const failedBuild = done('run_command', { command: 'npm run build' }, { background: false, exit_code: 1, output: 'error', duration_ms: 1, timed_out: false });
const write = done('write_file', { path: 'a.ts', content: 'x' }, { ok: true, bytes: 1 });

describe('refuseToolCall', () => {
  it('refuses changing tools in discuss mode and lets looking tools through', () => {
    expect(refuseToolCall('write_file', 'discuss', [])).toBe(DISCUSS_REFUSAL);
    expect(refuseToolCall('run_command', 'discuss', [])).toBe(DISCUSS_REFUSAL);
    expect(refuseToolCall('stop_process', 'discuss', [])).toBe(DISCUSS_REFUSAL);
    expect(refuseToolCall('search_files', 'discuss', [])).toBeNull();
    expect(refuseToolCall('write_file', 'build', [])).toBeNull();
  });

  it('refuses file changes once the fix limit for the failure under work is used up, but not commands', () => {
    const messages = [user('build it'), assistant('a1', [{ type: 'step-start' }, failedBuild, write, failedBuild, write, failedBuild])];
    expect(refuseToolCall('edit_file', 'build', messages)).toMatch(/^Automatic fixing has stopped: you already made 2 fix attempts/);
    expect(refuseToolCall('move_file', 'build', messages)).not.toBeNull();
    expect(refuseToolCall('run_command', 'build', messages)).toBeNull();
    expect(refuseToolCall('edit_file', 'build', [...messages, user('try again')])).toBeNull();
  });
});

describe('sendsAutomatically', () => {
  const completed = [user('go'), assistant('a1', [{ type: 'step-start' }, write])];

  it('continues after completed tool calls, not after Stop, text, or pending calls', () => {
    expect(sendsAutomatically(completed, { stopped: false })).toBe(true);
    expect(sendsAutomatically(completed, { stopped: true })).toBe(false);
    expect(sendsAutomatically([user('go'), assistant('a1', [{ type: 'step-start' }, { type: 'text', text: 'Done.' }])], { stopped: false })).toBe(false);
    const pending = { ...write, state: 'input-available', output: undefined };
    expect(sendsAutomatically([user('go'), assistant('a1', [{ type: 'step-start' }, pending])], { stopped: false })).toBe(false);
  });

  it('stops at the step budget', () => {
    const steps = Array.from({ length: 3 }, () => [{ type: 'step-start' }, write]).flat();
    expect(sendsAutomatically([user('go'), assistant('a1', steps)], { stopped: false, budget: 3 })).toBe(false);
    expect(sendsAutomatically([user('go'), assistant('a1', steps)], { stopped: false, budget: 4 })).toBe(true);
  });

  it('stops once automatic fixing reached its limit', () => {
    const messages = [user('go'), assistant('a1', [{ type: 'step-start' }, failedBuild, write, failedBuild, write, failedBuild])];
    expect(sendsAutomatically(messages, { stopped: false })).toBe(false);
  });
});

describe('settleTurn', () => {
  const evidence = { filesChanged: true, serverRunning: true, previewLoadedSinceLastChange: false };
  it('reloads the preview once for a turn whose change it has not shown', () => {
    const messages = [user('go'), assistant('a1', [write, { type: 'text', text: 'Done' }])];
    expect(settleTurn(messages, evidence, null)).toEqual({ reloadPreview: true, fixLimitNote: null });
    expect(settleTurn(messages, evidence, 'a1').reloadPreview).toBe(false);
    expect(settleTurn(messages, { ...evidence, previewLoadedSinceLastChange: true }, null).reloadPreview).toBe(false);
    expect(settleTurn([user('go')], evidence, null)).toEqual({ reloadPreview: false, fixLimitNote: null });
  });

  it('notes on the reply that automatic fixing stopped, once', () => {
    const parts = [failedBuild, write, failedBuild, write, failedBuild];
    const decision = settleTurn([user('go'), assistant('a1', parts)], evidence, null);
    expect(decision.fixLimitNote).toMatch(/^Tried to fix it twice; stopping here\./);
    const noted = { ...assistant('a1', parts), metadata: { fixLimitNote: decision.fixLimitNote } };
    expect(settleTurn([user('go'), noted], evidence, null).fixLimitNote).toBeNull();
  });
});

describe('DraftTracker', () => {
  it('shows a streaming write as a draft per tool call and releases it when the call settles', () => {
    const shown = new Map<string, string>();
    const tracker = new DraftTracker({ set: (p, c) => void shown.set(p, c), clear: (p) => void shown.delete(p) }, () => undefined);
    const streaming = (path: string, content: string): UIMessage[] => [
      user('go'),
      assistant('a1', [{ type: 'tool-write_file', toolCallId: 't1', state: 'input-streaming', input: { path, content } }]),
    ];
    tracker.sync(streaming('src/App.tsx', 'export'));
    expect(shown.get('src/App.tsx')).toBe('export');
    tracker.sync(streaming('src/Other.tsx', 'x'));
    expect([...shown.keys()]).toEqual(['src/Other.tsx']);
    expect(tracker.release('t1')).toBe('src/Other.tsx');
    expect(shown.size).toBe(0);
    expect(tracker.release('t1')).toBeNull();
  });
});
