import type { UIMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import {
  buildFixRequest,
  commandFamily,
  findRelevantFiles,
  fixAttemptState,
  fixLimitNotice,
  fixLimitToolError,
  toolEventsSinceLastUser,
} from './fix-attempts';
import type { TurnToolEvent } from './turn-status';

const write = (path: string): TurnToolEvent => ({ toolName: 'write_file', input: { path }, output: { ok: true, bytes: 1 }, failed: false });
const run = (command: string, exitCode: number, output = ''): TurnToolEvent => ({
  toolName: 'run_command',
  input: { command },
  output: { background: false, exit_code: exitCode, output, duration_ms: 5, timed_out: false },
  failed: false,
});
const preview = (errors: string[]): TurnToolEvent => ({
  toolName: 'check_preview',
  input: {},
  output: { status: errors.length ? 'error' : 'ready', url: 'http://x', errors: errors.map((message) => ({ message })) },
  failed: false,
});

describe('fixAttemptState', () => {
  it('counts no attempts while nothing fails', () => {
    const state = fixAttemptState([write('a'), run('npm install', 0), write('b'), preview([])]);
    expect(state).toMatchObject({ attempts: 0, failing: false, mayTryAgain: true, mustStop: false });
  });

  it('counts each run of changes after a failure as one attempt and stops after two', () => {
    const events = [write('a'), run('npm run build', 1, 'err'), write('a'), write('b')];
    expect(fixAttemptState(events)).toMatchObject({ attempts: 1, mayTryAgain: true, mustStop: false });
    events.push(run('npm run build', 1, 'err again'));
    expect(fixAttemptState(events)).toMatchObject({ attempts: 1, failing: true, mustStop: false });
    events.push(write('a'), run('npm run build', 1, 'still'));
    const state = fixAttemptState(events);
    expect(state).toMatchObject({ attempts: 2, failing: true, mayTryAgain: false, mustStop: true });
    expect(state.openFailures).toEqual([
      { kind: 'command', command: { command: 'npm run build', exitCode: 1, timedOut: false, output: 'still' } },
    ]);
  });

  it('lets a fix that worked end the failure', () => {
    const state = fixAttemptState([preview(['boom']), write('a'), preview([]), write('b'), write('c')]);
    expect(state).toMatchObject({ attempts: 0, failing: false, mustStop: false, openFailures: [] });
  });

  it('is not reset by an unrelated command succeeding', () => {
    const state = fixAttemptState([
      preview(['boom']),
      run('ls', 0),
      write('a'),
      preview(['boom']),
      run('cat a', 0),
      write('a'),
      preview(['boom']),
    ]);
    expect(state).toMatchObject({ attempts: 2, mustStop: true });
  });

  it('treats a command that could not run and a failed background start as failures', () => {
    const events: TurnToolEvent[] = [
      { toolName: 'run_command', input: { command: 'npm start' }, output: undefined, failed: true, errorText: 'No runtime' },
      write('a'),
      {
        toolName: 'run_command',
        input: { command: 'npm run dev' },
        output: { background: true, started: false, output: 'EADDRINUSE', ports: [] },
        failed: false,
      },
      write('b'),
      {
        toolName: 'run_command',
        input: { command: 'npm run dev' },
        output: { background: true, started: false, output: 'EADDRINUSE', ports: [] },
        failed: false,
      },
    ];
    expect(fixAttemptState(events)).toMatchObject({ attempts: 1, mustStop: false });
    events.push(write('c'), events[2]);
    expect(fixAttemptState(events)).toMatchObject({ attempts: 2, mustStop: true });
  });

  it('counts attempts per failure: a new, unrelated failure does not inherit the used-up limit', () => {
    const events: TurnToolEvent[] = [run('npm run build', 1), write('a'), run('npm run build', 1), write('a'), run('npm run build', 1)];
    expect(fixAttemptState(events)).toMatchObject({ attempts: 2, mustStop: true });
    events.push(preview(['TypeError: boom']));
    const state = fixAttemptState(events);
    expect(state).toMatchObject({ attempts: 0, mustStop: false, failing: true });
    expect(state.openFailures.map((f) => f.kind)).toEqual(['command', 'preview']);
  });

  it('treats one command family as one failure, whatever its flags', () => {
    const events = [run('npm run build', 1), write('a'), run('npm run build -- --mode production', 1), write('a'), run('CI=1 npm run build', 1)];
    expect(fixAttemptState(events)).toMatchObject({ attempts: 2, mustStop: true });
  });

  it('starts the count over once the failure is gone', () => {
    const events = [run('npm run build', 1), write('a'), run('npm run build', 1), write('a'), run('npm run build', 0), run('npm run build', 1)];
    expect(fixAttemptState(events)).toMatchObject({ attempts: 0, failing: true, mustStop: false });
    events.push(write('a'), run('npm run build', 1));
    expect(fixAttemptState(events)).toMatchObject({ attempts: 1, mustStop: false });
  });

  it('ignores failed file tools (the agent’s own mistakes are not fix attempts)', () => {
    const events: TurnToolEvent[] = [run('npm test', 1), { toolName: 'edit_file', input: {}, output: undefined, failed: true, errorText: 'not found' }];
    expect(fixAttemptState(events).attempts).toBe(0);
  });

  it('explains the stop to the model and to the person', () => {
    const state = fixAttemptState([preview(['TypeError: x is undefined']), write('a'), preview(['TypeError: x is undefined']), write('a'), preview(['TypeError: x is undefined'])]);
    expect(fixLimitToolError(state)).toContain('2 fix attempts');
    expect(fixLimitToolError(state)).toContain('TypeError: x is undefined');
    expect(fixLimitNotice(state)).toBe(
      'The assistant tried to fix this 2 times and stopped: the preview still shows "TypeError: x is undefined". Press "Fix it" to let it try again.',
    );
  });
});

describe('commandFamily', () => {
  it('keeps the program and what it runs, not flags, env or earlier chained commands', () => {
    expect(commandFamily('npm run build -- --mode x')).toBe('npm run build');
    expect(commandFamily('npm install')).toBe('npm install');
    expect(commandFamily('npm install react@19')).toBe('npm install');
    expect(commandFamily('NODE_ENV=production npx tsc --noEmit -p .')).toBe('npx tsc');
    expect(commandFamily('cd app && npm test')).toBe('npm test');
    expect(commandFamily('node server.mjs')).toBe('node server.mjs');
  });
});

describe('toolEventsSinceLastUser', () => {
  it('takes the finished tool calls after the last user message, in order', () => {
    const messages = [
      { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'first' }] },
      {
        id: 'a1',
        role: 'assistant',
        parts: [{ type: 'tool-run_command', toolCallId: 't0', state: 'output-available', input: { command: 'old' }, output: {} }],
      },
      { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'second' }] },
      {
        id: 'a2',
        role: 'assistant',
        parts: [
          { type: 'step-start' },
          { type: 'tool-write_file', toolCallId: 't1', state: 'output-available', input: { path: 'a' }, output: { ok: true } },
          { type: 'tool-run_command', toolCallId: 't2', state: 'output-error', input: { command: 'x' }, errorText: 'nope' },
          { type: 'tool-check_preview', toolCallId: 't3', state: 'input-available', input: {} },
        ],
      },
    ] as unknown as UIMessage[];
    expect(toolEventsSinceLastUser(messages)).toEqual([
      { toolName: 'write_file', input: { path: 'a' }, output: { ok: true }, failed: false },
      { toolName: 'run_command', input: { command: 'x' }, output: undefined, failed: true, errorText: 'nope' },
    ]);
  });
});

describe('buildFixRequest', () => {
  it('carries the real errors, the failed command’s output tail and the files', () => {
    const text = buildFixRequest({
      errors: [{ message: "TypeError: Cannot read properties of undefined (reading 'map')", source: 'src/App.jsx:12:5' }],
      failedCommand: { command: 'npm run build', exitCode: 1, output: `${'noise\n'.repeat(2000)}src/App.jsx: Unexpected token (3:4)\n` },
      files: [{ path: 'src/App.jsx', content: 'export default function App() {\n  return items.map(x => x);\n}\n' }, 'src/main.jsx'],
    });
    expect(text).toContain("1. TypeError: Cannot read properties of undefined (reading 'map')\n   at src/App.jsx:12:5");
    expect(text).toContain('The command `npm run build` failed with exit code 1.');
    expect(text).toContain('src/App.jsx: Unexpected token (3:4)');
    expect(text).toContain('(earlier output cut)');
    expect(text.length).toBeLessThan(7000);
    expect(text).toContain('- src/App.jsx\n```\nexport default function App() {');
    expect(text).toContain('- src/main.jsx');
    expect(text).toMatch(/check_preview/);
  });

  it('says so when a command timed out or printed nothing, and fences output that contains backticks', () => {
    const text = buildFixRequest({ errors: [], failedCommand: { command: 'npm test', exitCode: null, timedOut: true, output: '' }, files: [] });
    expect(text).toContain('The command `npm test` did not finish in time. It printed nothing.');
    const fenced = buildFixRequest({ errors: [], failedCommand: { command: 'x', exitCode: 1, output: 'a ``` b' }, files: [] });
    expect(fenced).toContain('````\na ``` b\n````');
  });

  it('keeps a long list of errors and files bounded', () => {
    const text = buildFixRequest({
      errors: Array.from({ length: 25 }, (_, i) => ({ message: `Error ${i}` })),
      files: Array.from({ length: 10 }, (_, i) => ({ path: `f${i}.js`, content: 'x'.repeat(5000) })),
    });
    expect(text).toContain('Errors in the preview (25)');
    expect(text).toContain('…and 15 more.');
    expect(text).toContain('- f9.js (read it with read_file');
    expect(text.length).toBeLessThan(26_000);
  });
});

describe('findRelevantFiles', () => {
  const projectFiles = ['index.html', 'src/App.jsx', 'src/main.jsx', 'src/utils/format.js', 'src/components/format.js', 'package.json'];

  it('picks files named in errors and output, in order of mention, then recently changed ones', () => {
    expect(
      findRelevantFiles({
        errors: [{ message: 'TypeError: x is undefined', source: 'http://localhost:5173/src/main.jsx:4:2' }],
        failedCommand: { command: 'npm run build', exitCode: 1, output: 'error in App.jsx line 3' },
        projectFiles,
        changedFiles: ['index.html', 'src/App.jsx'],
      }),
    ).toEqual(['src/main.jsx', 'src/App.jsx', 'index.html']);
  });

  it('does not guess between files that share a name, and respects the limit', () => {
    expect(findRelevantFiles({ errors: [{ message: 'at format.js:1' }], projectFiles })).toEqual([]);
    expect(findRelevantFiles({ errors: [{ message: 'at src/utils/format.js:1' }], projectFiles })).toEqual(['src/utils/format.js']);
    expect(findRelevantFiles({ errors: [], projectFiles, changedFiles: projectFiles, max: 2 })).toEqual(['package.json', 'src/components/format.js']);
  });
});
