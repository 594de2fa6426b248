import { describe, expect, it } from 'vitest';
import { pathsChangedBy } from './tool-paths';
import { TOOL_NOT_RUN_TEXT, TOOL_STOPPED_TEXT, ToolRunner, type ToolCallRequest, type ToolOutcome } from './tool-runner';

function call(id: string, toolName = 'write_file'): ToolCallRequest {
  return { toolCallId: id, toolName, input: {} };
}

describe('ToolRunner', () => {
  it('runs calls one at a time in order and reports each outcome', async () => {
    const events: string[] = [];
    const runner = new ToolRunner({
      execute: async (c) => {
        events.push(`start ${c.toolCallId}`);
        await new Promise((r) => setTimeout(r, c.toolCallId === 'a' ? 20 : 1));
        events.push(`end ${c.toolCallId}`);
        return { ok: c.toolCallId };
      },
      report: (c, outcome) => {
        events.push(`report ${c.toolCallId} ${outcome.state}`);
      },
    });
    const busyStates: boolean[] = [];
    runner.subscribe(() => busyStates.push(runner.busy));
    void runner.enqueue(call('a'));
    void runner.enqueue(call('b'));
    expect(runner.busy).toBe(true);
    await runner.idle();
    expect(runner.busy).toBe(false);
    expect(busyStates.at(-1)).toBe(false);
    expect(events).toEqual(['start a', 'end a', 'report a output-available', 'start b', 'end b', 'report b output-available']);
  });

  it('reports a thrown error as an output error with its message', async () => {
    const outcomes: ToolOutcome[] = [];
    const runner = new ToolRunner({
      execute: async () => {
        throw new Error('Edit 1 of 1 failed: old_text was not found in a.txt');
      },
      report: (_c, o) => void outcomes.push(o),
    });
    await runner.enqueue(call('a', 'edit_file'));
    expect(outcomes).toEqual([{ state: 'output-error', errorText: 'Edit 1 of 1 failed: old_text was not found in a.txt' }]);
  });

  it('abort stops the running call and skips queued ones; later calls run normally', async () => {
    const outcomes: Record<string, ToolOutcome> = {};
    const runner = new ToolRunner({
      execute: (c, signal) =>
        c.toolCallId === 'later'
          ? Promise.resolve('ran')
          : new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('killed')))),
      report: (c, o) => void (outcomes[c.toolCallId] = o),
    });
    void runner.enqueue(call('running'));
    void runner.enqueue(call('queued'));
    await new Promise((r) => setTimeout(r, 5));
    runner.abort();
    await runner.idle();
    expect(outcomes.running).toEqual({ state: 'output-error', errorText: TOOL_STOPPED_TEXT });
    expect(outcomes.queued).toEqual({ state: 'output-error', errorText: TOOL_NOT_RUN_TEXT });
    await runner.enqueue(call('later'));
    expect(outcomes.later).toEqual({ state: 'output-available', output: 'ran' });
  });

  it('keeps going when reporting fails', async () => {
    const reported: string[] = [];
    const runner = new ToolRunner({
      execute: async () => 1,
      report: (c) => {
        reported.push(c.toolCallId);
        if (c.toolCallId === 'a') throw new Error('chat gone');
      },
    });
    await expect(runner.enqueue(call('a'))).rejects.toThrow('chat gone');
    await runner.enqueue(call('b'));
    expect(reported).toEqual(['a', 'b']);
  });

  describe('with file changes allowed side by side', () => {
    function fileCall(id: string, toolName: string, input: Record<string, unknown>): ToolCallRequest {
      return { toolCallId: id, toolName, input };
    }

    /** A runner whose calls finish when the test says so, recording starts and reports. */
    function controlledRunner() {
      const events: string[] = [];
      const finish = new Map<string, () => void>();
      const runner = new ToolRunner({
        execute: (c) => {
          events.push(`start ${c.toolCallId}`);
          return new Promise((resolve) => finish.set(c.toolCallId, () => resolve(c.toolCallId)));
        },
        report: (c) => void events.push(`report ${c.toolCallId}`),
        pathsChanged: (c) => pathsChangedBy(c.toolName, c.input),
      });
      const settle = () => new Promise((r) => setTimeout(r, 0));
      const end = async (id: string) => {
        finish.get(id)?.();
        await settle();
      };
      return { runner, events, end, settle };
    }

    it('starts writes to separate files together, reports them in order, and runs a command only after all of them', async () => {
      const { runner, events, end, settle } = controlledRunner();
      void runner.enqueue(fileCall('w1', 'write_file', { path: 'package.json', content: '{}' }));
      void runner.enqueue(fileCall('w2', 'write_file', { path: 'src/App.tsx', content: 'x' }));
      void runner.enqueue(fileCall('e3', 'edit_file', { path: 'index.html', edits: [] }));
      void runner.enqueue(fileCall('c4', 'run_command', { command: 'npm install' }));
      void runner.enqueue(fileCall('w5', 'write_file', { path: 'src/main.tsx', content: 'y' }));
      await settle();
      expect(events).toEqual(['start w1', 'start w2', 'start e3']);
      await end('w2');
      await end('e3');
      // w2 and e3 are done, but their outcomes wait for w1's, and the command waits for all three.
      expect(events).toEqual(['start w1', 'start w2', 'start e3']);
      await end('w1');
      expect(events).toEqual(['start w1', 'start w2', 'start e3', 'report w1', 'report w2', 'report e3', 'start c4']);
      await end('c4');
      expect(events.slice(-2)).toEqual(['report c4', 'start w5']);
      await end('w5');
      await runner.idle();
      expect(events.at(-1)).toBe('report w5');
    });

    it('saves once after a run of writes side by side, before the command after them starts, and after the last call', async () => {
      const events: string[] = [];
      const runner = new ToolRunner({
        execute: async (c) => void events.push(`start ${c.toolCallId}`),
        report: (c) => void events.push(`report ${c.toolCallId}`),
        pathsChanged: (c) => pathsChangedBy(c.toolName, c.input),
        settle: async () => {
          events.push('save begins');
          await new Promise((r) => setTimeout(r, 5));
          events.push('saved');
        },
      });
      void runner.enqueue(fileCall('w1', 'write_file', { path: 'package.json', content: '{}' }));
      void runner.enqueue(fileCall('w2', 'write_file', { path: 'src/App.tsx', content: 'x' }));
      void runner.enqueue(fileCall('w3', 'write_file', { path: 'index.html', content: 'y' }));
      void runner.enqueue(fileCall('c4', 'run_command', { command: 'npm install' }));
      await runner.idle();
      expect(events.slice(0, 3)).toEqual(['start w1', 'start w2', 'start w3']);
      expect(events.slice(3)).toEqual([
        'report w1',
        'report w2',
        'report w3',
        'save begins',
        'saved',
        'start c4',
        'report c4',
        'save begins',
        'saved',
      ]);
    });

    it.each([
      ['the same file twice', { path: 'src/App.tsx' }, { path: './src//App.tsx' }, 'write_file'],
      ['a folder and a file in it', { path: 'src' }, { path: 'src/App.tsx' }, 'delete_file'],
      ['a move onto a written file', { from: 'a.txt', to: 'src/b.txt' }, { path: 'src/b.txt' }, 'move_file'],
      ['paths differing only in case', { path: 'README.md' }, { path: 'readme.md' }, 'write_file'],
    ])('runs changes to %s one after the other', async (_name, firstInput, secondInput, firstTool) => {
      const { runner, events, end, settle } = controlledRunner();
      void runner.enqueue(fileCall('first', firstTool, firstInput));
      void runner.enqueue(fileCall('second', 'write_file', { ...secondInput, content: 'x' }));
      await settle();
      expect(events).toEqual(['start first']);
      await end('first');
      expect(events).toEqual(['start first', 'report first', 'start second']);
      await end('second');
    });

    it('treats a read between writes as a barrier', async () => {
      const { runner, events, end, settle } = controlledRunner();
      void runner.enqueue(fileCall('w1', 'write_file', { path: 'a.txt', content: 'a' }));
      void runner.enqueue(fileCall('r2', 'read_file', { path: 'b.txt' }));
      void runner.enqueue(fileCall('w3', 'write_file', { path: 'c.txt', content: 'c' }));
      await settle();
      expect(events).toEqual(['start w1']);
      await end('w1');
      await end('r2');
      expect(events).toEqual(['start w1', 'report w1', 'start r2', 'report r2', 'start w3']);
      await end('w3');
    });

    it('Stop reports side-by-side writes that had not started as not run', async () => {
      const outcomes: Record<string, ToolOutcome> = {};
      const runner = new ToolRunner({
        execute: (c, signal) =>
          new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error(`killed ${c.toolCallId}`)))),
        report: (c, o) => void (outcomes[c.toolCallId] = o),
        pathsChanged: (c) => pathsChangedBy(c.toolName, c.input),
      });
      void runner.enqueue(fileCall('c0', 'run_command', { command: 'npm run build' }));
      void runner.enqueue(fileCall('w1', 'write_file', { path: 'a.txt', content: 'a' }));
      void runner.enqueue(fileCall('w2', 'write_file', { path: 'b.txt', content: 'b' }));
      await new Promise((r) => setTimeout(r, 5));
      runner.abort();
      await runner.idle();
      expect(outcomes).toEqual({
        c0: { state: 'output-error', errorText: TOOL_STOPPED_TEXT },
        w1: { state: 'output-error', errorText: TOOL_NOT_RUN_TEXT },
        w2: { state: 'output-error', errorText: TOOL_NOT_RUN_TEXT },
      });
    });
  });
});
