import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './chat-message';
import { clearInterrupted, markInterrupted, summarizeInterruption, wasInterrupted } from './interruption';
import { INTERRUPTED_TOOL_TEXT, planRetry } from './turn-state';

type Part = ChatMessage['parts'][number];

const user: ChatMessage = { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Build a counter' }] };

function assistant(parts: Part[], metadata?: ChatMessage['metadata']): ChatMessage {
  return { id: 'a1', role: 'assistant', parts, metadata };
}

function written(path: string, id = path): Part {
  return { type: 'tool-write_file', toolCallId: id, state: 'output-available', input: { path, content: 'x' }, output: { ok: true, bytes: 1 } } as Part;
}

function edited(path: string): Part {
  return { type: 'tool-edit_file', toolCallId: `e-${path}`, state: 'output-available', input: { path, edits: [] }, output: { ok: true, applied: 1 } } as Part;
}

function ran(command: string, state: 'output-available' | 'input-available' = 'output-available'): Part {
  return state === 'output-available'
    ? ({ type: 'tool-run_command', toolCallId: `r-${command}`, state, input: { command }, output: { exit_code: 0, output: '' } } as Part)
    : ({ type: 'tool-run_command', toolCallId: `r-${command}`, state, input: { command } } as Part);
}

const streamingWrite = { type: 'tool-write_file', toolCallId: 's1', state: 'input-streaming', input: { path: 'big.txt', content: 'Li' } } as Part;
const step: Part = { type: 'step-start' };
const finalText: Part = { type: 'text', text: 'Done: your counter is ready.', state: 'done' };

describe('wasInterrupted', () => {
  it('is true when a command was still running or an input still streaming', () => {
    expect(wasInterrupted([user, assistant([step, written('a.txt'), ran('npm install', 'input-available')])], { pendingPrompt: null })).toBe(true);
    expect(wasInterrupted([user, assistant([step, written('a.txt'), streamingWrite])], { pendingPrompt: null })).toBe(true);
  });

  it('is true when the step finished with tool results the agent never got to answer', () => {
    expect(wasInterrupted([user, assistant([step, written('a.txt')])], { pendingPrompt: null })).toBe(true);
  });

  it('is true when the reply to the last message never came, unless the home page still has to send it', () => {
    expect(wasInterrupted([user], { pendingPrompt: null })).toBe(true);
    expect(wasInterrupted([user], { pendingPrompt: 'Build a counter' })).toBe(false);
  });

  it('is false for a finished turn, a stopped one, and an empty chat', () => {
    expect(wasInterrupted([user, assistant([step, written('a.txt'), step, finalText])], { pendingPrompt: null })).toBe(false);
    expect(wasInterrupted([user, assistant([step, ran('npm install', 'input-available')], { stopped: true })], { pendingPrompt: null })).toBe(false);
    expect(wasInterrupted([], { pendingPrompt: null })).toBe(false);
  });

  it('stays true across reloads once marked, even though marking settled the tools', () => {
    const marked = markInterrupted([user, assistant([step, ran('npm install', 'input-available'), step, finalText])]);
    expect(wasInterrupted(marked, { pendingPrompt: null })).toBe(true);
    expect(wasInterrupted(clearInterrupted(marked), { pendingPrompt: null })).toBe(false);
  });
});

describe('markInterrupted', () => {
  it('settles the unfinished tools and marks the last message', () => {
    const [, last] = markInterrupted([user, assistant([step, written('a.txt'), ran('npm install', 'input-available'), streamingWrite])]);
    expect(last.metadata?.interrupted).toBe(true);
    expect(last.parts[2]).toMatchObject({ state: 'output-error', errorText: INTERRUPTED_TOOL_TEXT });
    expect(last.parts[3]).toEqual({ type: 'data-interrupted-tool', data: { toolName: 'write_file', path: 'big.txt' } });
  });

  it('keeps the finished tool results for Continue, which asks for the next step', () => {
    const marked = markInterrupted([user, assistant([step, written('a.txt'), written('b.txt'), ran('npm install', 'input-available')])]);
    const plan = planRetry(clearInterrupted(marked));
    expect(plan?.action).toBe('continue');
    const parts = plan!.messages[1].parts;
    expect(parts.filter((p) => p.type === 'tool-write_file').map((p) => (p as { state: string }).state)).toEqual([
      'output-available',
      'output-available',
    ]);
    expect(parts.find((p) => p.type === 'tool-run_command')).toMatchObject({ state: 'output-error', errorText: INTERRUPTED_TOOL_TEXT });
    expect(plan!.messages[1].metadata?.interrupted).toBeUndefined();
  });
});

describe('summarizeInterruption', () => {
  it('says what was written and which command did not finish', () => {
    const summary = summarizeInterruption([
      user,
      assistant([step, written('package.json'), written('index.html'), written('server.js'), ran('npm install', 'input-available')]),
    ]);
    expect(summary.sentence).toBe('Interrupted. Done: wrote 3 files. Not done: npm install.');
  });

  it('names a file whose content was still streaming', () => {
    expect(summarizeInterruption([user, assistant([step, written('one.txt'), streamingWrite])]).sentence).toBe(
      'Interrupted. Done: wrote 1 file. Not done: writing big.txt.',
    );
  });

  it('counts a file once however often it was written, and edits of other files apart', () => {
    const summary = summarizeInterruption([
      user,
      assistant([step, written('a.txt', 'w1'), written('a.txt', 'w2'), edited('a.txt'), edited('b.txt'), step, ran('npm test'), ran('npm test')]),
    ]);
    expect(summary.done).toEqual(['wrote 1 file', 'changed 1 file', 'ran npm test']);
    expect(summary.notDone).toEqual(["the agent's next step"]);
  });

  it('only counts the latest turn, and says when nothing was finished', () => {
    const earlier = assistant([step, written('old.txt'), step, finalText]);
    const summary = summarizeInterruption([user, { ...earlier, id: 'a0' }, { ...user, id: 'u2' }]);
    expect(summary.sentence).toBe("Interrupted. Done: nothing yet. Not done: the agent's next step.");
  });

  it('leaves failed tool calls out of what was done', () => {
    const failed = { type: 'tool-write_file', toolCallId: 'f', state: 'output-error', input: { path: '.git/x' }, errorText: 'refused' } as Part;
    expect(summarizeInterruption([user, assistant([step, failed, written('ok.txt')])]).done).toEqual(['wrote 1 file']);
  });
});
