import { describe, expect, it } from 'vitest';
import { describeToolCall, formatDuration } from './describe-tool-call';

describe('describeToolCall', () => {
  it('describes file writes while streaming and when done', () => {
    expect(describeToolCall('write_file', { path: 'src/App.tsx' }, 'streaming')).toEqual({
      title: 'Creating src/App.tsx…',
      tone: 'running',
    });
    expect(describeToolCall('write_file', {}, 'streaming').title).toBe('Creating a file…');
    expect(
      describeToolCall('write_file', { path: 'src/App.tsx' }, 'done', { ok: true, bytes: 900, created: true, added_lines: 52, removed_lines: 0 }),
    ).toEqual({ title: 'Created src/App.tsx (+52 lines)', tone: 'success' });
    expect(
      describeToolCall('write_file', { path: 'a.ts' }, 'done', { ok: true, bytes: 9, created: false, added_lines: 3, removed_lines: 2 }).title,
    ).toBe('Updated a.ts (+3 −2 lines)');
    expect(describeToolCall('write_file', { path: 'a.ts' }, 'error', undefined, 'Refused')).toEqual({
      title: 'Could not write a.ts',
      detail: 'Refused',
      tone: 'error',
    });
  });

  it('describes edits with change and line counts', () => {
    const input = { path: 'src/App.tsx', edits: [{}, {}] };
    expect(describeToolCall('edit_file', input, 'done', { ok: true, applied: 2, added_lines: 3, removed_lines: 1 }).title).toBe(
      'Edited src/App.tsx (2 changes, +3 −1)',
    );
    expect(describeToolCall('edit_file', { path: 'a.ts', edits: [{}] }, 'done', { ok: true, applied: 1 }).title).toBe(
      'Edited a.ts (1 change)',
    );
    expect(describeToolCall('edit_file', input, 'error', undefined, 'Edit 1 of 2 failed').tone).toBe('error');
  });

  it('describes commands', () => {
    expect(describeToolCall('run_command', { command: 'npm install' }, 'running')).toEqual({
      title: 'Running npm install…',
      tone: 'running',
    });
    expect(
      describeToolCall('run_command', { command: 'npm install' }, 'done', { exit_code: 0, output: 'added 1', duration_ms: 12_400, timed_out: false }),
    ).toEqual({ title: 'Ran npm install — done in 12.4 s', detail: 'added 1', tone: 'success' });
    expect(
      describeToolCall('run_command', { command: 'npm run build' }, 'done', { exit_code: 1, output: 'TS2304', duration_ms: 3000, timed_out: false }),
    ).toEqual({ title: 'npm run build failed (exit 1)', detail: 'TS2304', tone: 'error' });
    expect(
      describeToolCall('run_command', { command: 'npm test' }, 'done', { exit_code: null, output: '', duration_ms: 120_000, timed_out: true }).title,
    ).toBe('npm test timed out after 2 min');
    expect(
      describeToolCall('run_command', { command: 'npm test' }, 'done', { exit_code: null, output: '', duration_ms: 100, timed_out: false }).title,
    ).toBe('npm test was stopped');
    expect(
      describeToolCall('run_command', { command: 'npm run dev', background: true }, 'done', { started: true, output: 'ready', ports: [5173] }),
    ).toEqual({ title: 'Started npm run dev (port 5173)', detail: 'ready', tone: 'success' });
    expect(describeToolCall('run_command', { command: 'npm run dev', background: true }, 'running').title).toBe('Starting npm run dev…');
    expect(
      describeToolCall('run_command', { command: 'npm run dev', background: true }, 'done', { started: false, exit_code: 1, output: 'boom', ports: [] }),
    ).toMatchObject({ title: 'npm run dev stopped while starting (exit 1)', tone: 'error' });
    expect(describeToolCall('run_command', { command: `echo ${'x'.repeat(100)}` }, 'running').title.length).toBeLessThan(75);
  });

  it('describes preview checks', () => {
    expect(
      describeToolCall('check_preview', {}, 'done', { status: 'error', url: 'u', errors: [{ message: 'TypeError: x', source: 'App.tsx:3' }] }),
    ).toEqual({ title: 'Checked the preview — 1 error', detail: 'TypeError: x (App.tsx:3)', tone: 'error' });
    expect(describeToolCall('check_preview', {}, 'done', { status: 'ready', url: 'u', errors: [] }).title).toBe(
      'Checked the preview — no errors',
    );
    expect(describeToolCall('check_preview', {}, 'done', { status: 'not-running', url: null, errors: [] }).title).toBe(
      'Checked the preview — not running',
    );
  });

  it('describes the small tools and unknown ones', () => {
    expect(describeToolCall('delete_file', { path: 'x' }, 'done', { ok: true }).title).toBe('Deleted x');
    expect(describeToolCall('read_file', { path: 'x' }, 'done', { content: '' }).title).toBe('Read x');
    expect(describeToolCall('list_files', {}, 'done', { files: ['a', 'b'] })).toEqual({
      title: 'Listed files',
      detail: '2 files',
      tone: 'success',
    });
    expect(describeToolCall('make_coffee', {}, 'error', undefined, 'Unknown tool')).toEqual({
      title: 'make_coffee failed',
      detail: 'Unknown tool',
      tone: 'error',
    });
  });

  it('formats durations', () => {
    expect(formatDuration(400)).toBe('0.4 s');
    expect(formatDuration(65_000)).toBe('1 min 5 s');
  });
});

describe('describeToolCall for the process and search tools', () => {
  it('says plainly what happened', () => {
    expect(describeToolCall('move_file', { from: 'src/a', to: 'src/b' }, 'done', { ok: true })).toMatchObject({ title: 'Moved src/a to src/b' });
    expect(describeToolCall('search_files', { pattern: 'useState' }, 'done', { matches: [{}, {}], truncated: false })).toMatchObject({
      title: 'Searched for useState — 2 matches',
    });
    expect(describeToolCall('read_file', { path: 'a.ts' }, 'done', { content: '', lines: { from: 3, to: 9 } })).toMatchObject({
      title: 'Read a.ts (lines 3–9)',
    });
    expect(
      describeToolCall('run_command', { command: 'npx create-x' }, 'done', { exit_code: null, waiting_for_input: true, output: 'Ok? (y)' }),
    ).toMatchObject({ title: 'npx create-x stopped at a question', tone: 'error' });
    expect(describeToolCall('run_command', { command: 'npm run dev' }, 'done', { started: true, already_running: true })).toMatchObject({
      title: 'npm run dev is already running',
    });
    expect(describeToolCall('check_preview', {}, 'done', { status: 'not-loaded', errors: [] })).toMatchObject({
      title: 'Checked the preview — not showing the latest change yet',
    });
    expect(describeToolCall('stop_process', { id: 'p1' }, 'done', { ok: true })).toMatchObject({ title: 'Stopped p1' });
    expect(describeToolCall('process_output', { id: 'p1' }, 'done', { command: 'npm run dev', output: 'x' })).toMatchObject({
      title: 'Read the output of npm run dev',
      detail: 'x',
    });
    expect(describeToolCall('list_processes', {}, 'done', { processes: [{ id: 'p1', command: 'vite', running: true }] })).toMatchObject({
      title: 'Listed processes (1)',
      detail: 'p1  vite  running',
    });
  });
});
