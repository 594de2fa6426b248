import { describe, expect, it } from 'vitest';
import type { TurnEvidence } from '../agent/turn-status';
import type { ChatMessage } from './chat-message';
import { changedPathsOf, describeProblems, fixItMessage, fixLimitNote, fixLimitReached, problemsOf, turnRangeAt } from './turn-info';

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

describe('fixItMessage', () => {
  it('carries the real error and the files it names', () => {
    const files: Record<string, string> = { 'index.html': '<script src="app.js"></script>', 'app.js': 'count++', 'notes.txt': 'x' };
    const message = fixItMessage(
      { errors: [{ message: 'ReferenceError: count is not defined', source: 'http://p1.localhost/app.js:1:1' }] },
      { listFiles: () => Object.keys(files), readFile: (path) => files[path] },
      ['index.html'],
    );
    expect(message).toContain('ReferenceError: count is not defined');
    expect(message).toContain('- app.js\n```\ncount++');
    expect(message).toContain('- index.html');
    expect(message).not.toContain('notes.txt');
  });

  it('lists the paths a turn changed, latest last', () => {
    const write = (path: string, failed = false) => ({ toolName: 'write_file', input: { path }, output: {}, failed });
    expect(changedPathsOf([write('a'), write('b'), write('c', true), write('a')])).toEqual(['b', 'a']);
  });
});

describe('fixLimitNote', () => {
  it('says it stopped and what still fails', () => {
    const note = fixLimitNote({
      attempts: 2,
      openFailures: [{ kind: 'command', command: { command: 'npm run build', exitCode: 1, output: 'Build failed: nope' } }],
    });
    expect(note).toBe(
      'Tried to fix it twice; stopping here. Still failing: The command "npm run build" failed (exit code 1): Build failed: nope Press "Fix it" to let it try again.',
    );
  });
});

describe('fixLimitReached', () => {
  const build = (exitCode: number) => ({ toolName: 'run_command', input: { command: 'npm run build' }, output: { exit_code: exitCode, output: 'x' }, failed: false });
  const write = { toolName: 'write_file', input: { path: 'a.js' }, output: { ok: true }, failed: false };

  it('lets the second attempt be checked, then stops when that check fails', () => {
    expect(fixLimitReached([build(1), write, build(1)])).toBeNull();
    expect(fixLimitReached([build(1), write, build(1), write])).toBeNull();
    expect(fixLimitReached([build(1), write, build(1), write, build(1)])?.attempts).toBe(2);
  });

  it('does not stop when the second attempt worked', () => {
    expect(fixLimitReached([build(1), write, build(1), write, build(0)])).toBeNull();
  });
});
