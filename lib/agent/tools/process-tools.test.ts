import { describe, expect, it, vi } from 'vitest';
import { FakeRuntime } from '../../runtime/test-support/fake-runtime';
import { executeTool } from '../execute-tool';
import { ProcessRegistry } from '../process-registry';
import { fakeContext } from '../test-support/fake-tool-context';

async function devServer() {
  const runtime = new FakeRuntime();
  runtime.deferScripts = true;
  runtime.commands.set('npm run dev', (process) => {
    process.print('  ➜  Local:   http://localhost:5173/\n');
    runtime.emitPort(5173);
  });
  const processes = new ProcessRegistry(runtime);
  const ctx = fakeContext({ runtime, processes, limits: { portSettleMs: 5 } });
  await executeTool('run_command', { command: 'npm run dev', background: true }, ctx);
  return { runtime, processes, ctx, dev: runtime.processes[0] };
}

describe('list_processes, process_output, stop_process', () => {
  it('lists processes with their ports and exit codes', async () => {
    const { runtime, ctx } = await devServer();
    runtime.commands.set('npm install', (process) => process.end(0));
    await executeTool('run_command', { command: 'npm install' }, ctx);
    expect(await executeTool('list_processes', {}, ctx)).toEqual({
      processes: [
        { id: 'p1', command: 'npm run dev', running: true, ports: [5173] },
        { id: 'p2', command: 'npm install', running: false, ports: [], exit_code: 0 },
      ],
    });
  });

  it('reads output printed after run_command returned, such as a compile error after an edit', async () => {
    const { ctx, dev } = await devServer();
    dev.print('\u001b[31m[vite] Internal server error: Failed to resolve import "./Missing" from "src/App.tsx".\u001b[39m\n');
    const result = await executeTool('process_output', { id: 'p1' }, ctx);
    expect(result).toMatchObject({ id: 'p1', command: 'npm run dev', running: true });
    expect((result as { output: string }).output).toContain('[vite] Internal server error: Failed to resolve import "./Missing"');
    expect(await executeTool('process_output', { id: 'p1', tail_lines: 1 }, ctx)).toMatchObject({
      output: '[… 1 earlier line omitted]\n[vite] Internal server error: Failed to resolve import "./Missing" from "src/App.tsx".\n',
    });
  });

  it('stops a process and its port closes', async () => {
    const { runtime, ctx, dev } = await devServer();
    const killed = dev.exit.then(() => runtime.emitPort(5173, false));
    expect(await executeTool('stop_process', { id: 'p1' }, ctx)).toEqual({ ok: true, id: 'p1' });
    await killed;
    expect(dev.killed).toBe(true);
    expect(await executeTool('list_processes', {}, ctx)).toEqual({
      processes: [{ id: 'p1', command: 'npm run dev', running: false, ports: [], exit_code: 143 }],
    });
  });

  it('names the known processes when an id is wrong, and explains when there is no runtime', async () => {
    const { ctx } = await devServer();
    await expect(executeTool('process_output', { id: 'p9' }, ctx)).rejects.toThrow(
      'There is no process with id "p9". Known processes: p1 (npm run dev). Use list_processes to see them.',
    );
    await expect(executeTool('stop_process', { id: 'p9' }, ctx)).rejects.toThrow('There is no process with id "p9".');
    await expect(executeTool('stop_process', { id: 'p1' }, fakeContext())).rejects.toThrow('No runtime is running');
    expect(await executeTool('list_processes', {}, fakeContext())).toEqual({ processes: [] });
  });

  it('says so when a process ignores the stop', async () => {
    const { ctx, dev } = await devServer();
    dev.ignoreKill = true;
    vi.useFakeTimers();
    try {
      const pending = executeTool('stop_process', { id: 'p1' }, ctx);
      const outcome = pending.catch((error: Error) => error.message);
      await vi.advanceTimersByTimeAsync(6000);
      expect(await outcome).toBe('Process p1 was told to stop but has not ended yet. Check list_processes in a moment.');
    } finally {
      vi.useRealTimers();
    }
  });
});
