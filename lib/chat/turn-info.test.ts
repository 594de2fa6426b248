import { describe, expect, it } from 'vitest';
import type { TurnEvidence } from '../agent/turn-status';
import type { ChatMessage } from './chat-message';
import { describeProblems, problemsOf, turnRangeAt } from './turn-info';

function user(id: string, checkpointId?: string): ChatMessage {
  return { id, role: 'user', parts: [{ type: 'text', text: id }], ...(checkpointId ? { metadata: { checkpointId } } : {}) };
}
function assistant(id: string): ChatMessage {
  return { id, role: 'assistant', parts: [{ type: 'text', text: 'ok' }] };
}

describe('turnRangeAt', () => {
  it('spans from the turn’s restore point to the next one, or to the current files', () => {
    const messages = [user('u1', 'c1'), assistant('a1'), user('u2'), assistant('a2'), user('u3', 'c3'), assistant('a3')];
    expect(turnRangeAt(messages, 1)).toEqual({ before: 'c1', after: 'c3' });
    expect(turnRangeAt(messages, 3)).toEqual({ before: null, after: 'c3' });
    expect(turnRangeAt(messages, 5)).toEqual({ before: 'c3', after: 'current' });
  });
});

const quiet: TurnEvidence = {
  filesChanged: true,
  serverRunning: true,
  previewLoadedSinceLastChange: true,
  errorsSinceLastChange: [],
  lastCommand: null,
};

describe('problemsOf / describeProblems', () => {
  it('finds nothing when nothing failed since the last change', () => {
    expect(problemsOf(quiet)).toBeNull();
    expect(
      problemsOf({ ...quiet, lastCommand: { command: 'npm test', exitCode: 1, timedOut: false, output: 'x', afterLastChange: false } }),
    ).toBeNull();
  });

  it('reports a failed command and preview errors in plain words', () => {
    const problems = problemsOf({
      ...quiet,
      errorsSinceLastChange: [{ message: 'ReferenceError: count is not defined\n  at app.js:3' }],
      lastCommand: { command: 'npm run build', exitCode: 1, timedOut: false, output: 'building\nBuild failed: oops\n', afterLastChange: true },
    });
    expect(problems?.failedCommand?.exitCode).toBe(1);
    expect(describeProblems(problems!)).toEqual([
      'The command "npm run build" failed (exit code 1): Build failed: oops',
      'The preview reported an error: ReferenceError: count is not defined',
    ]);
  });
});
