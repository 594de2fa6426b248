import { describe, expect, it } from 'vitest';
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
});
