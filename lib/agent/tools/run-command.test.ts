import { describe, expect, it, vi } from 'vitest';
import { executeTool } from '../execute-tool';
import { ProcessRegistry } from '../process-registry';
import { FakeRuntime, type FakeRuntimeProcess } from '../../runtime/test-support/fake-runtime';
import { fakeContext } from '../test-support/fake-tool-context';
import type { BackgroundCommandOutput, ForegroundCommandOutput } from '../tool-outputs';
import { ToolError } from '../tool-results';

const fastLimits = { backgroundQuietMs: 50, backgroundMaxWaitMs: 400 };

/** A runtime where `command` runs `script`; scripts start after run_command has subscribed to output. */
function runtimeWith(command: string, script: (process: FakeRuntimeProcess) => void): FakeRuntime {
  const runtime = new FakeRuntime();
  runtime.deferScripts = true;
  runtime.commands.set(command, script);
  return runtime;
}

describe('run_command without a runtime', () => {
  it('explains that commands cannot run', async () => {
    await expect(executeTool('run_command', { command: 'npm install' }, fakeContext())).rejects.toThrow(
      new ToolError(
        'No runtime is running, so commands cannot run. Tell the user to start the runtime (its status is shown above the terminal). File changes still work.',
      ),
    );
  });

  it('says why there is none when the session knows', async () => {
    const runtimeMissing = 'The runtime is still starting (Starting on this computer…) and did not come up while this tool waited.';
    await expect(executeTool('run_command', { command: 'npm install' }, fakeContext({ runtimeMissing }))).rejects.toThrow(
      new ToolError(`No runtime is running, so commands cannot run. ${runtimeMissing} File changes still work.`),
    );
  });
});

describe('run_command in the foreground', () => {
  it('returns the exit code, ANSI-free output and duration, and announces the command', async () => {
    const runtime = runtimeWith('npm install', (process) => {
      process.print('\u001b[32madded 12 packages\u001b[39m\r\n');
      process.print('done\n');
      process.end(0);
    });
    const onCommandStart = vi.fn();
    const result = (await executeTool(
      'run_command',
      { command: 'npm install' },
      fakeContext({ runtime, hooks: { onCommandStart } }),
    )) as ForegroundCommandOutput;
    expect(result).toMatchObject({ exit_code: 0, output: 'added 12 packages\ndone\n', timed_out: false });
    expect(result.duration_ms).toBeGreaterThanOrEqual(0);
    expect(onCommandStart).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'p1', command: 'npm install', background: false, process: runtime.processes[0] }),
    );
    expect(runtime.processes[0].listenerCount).toBe(0);
  });

  it('reports a failing exit code', async () => {
    const runtime = runtimeWith('npm run build', (process) => {
      process.print('error TS2304: Cannot find name "foo".\n');
      process.end(1);
    });
    const result = await executeTool('run_command', { command: 'npm run build' }, fakeContext({ runtime }));
    expect(result).toMatchObject({ exit_code: 1, output: 'error TS2304: Cannot find name "foo".\n' });
  });

  it('keeps only the tail of long output with a note', async () => {
    const runtime = runtimeWith('yes', (process) => {
      for (let i = 1; i <= 5000; i++) process.print(`line ${i}\n`);
      process.end(0);
    });
    const result = (await executeTool(
      'run_command',
      { command: 'yes' },
      fakeContext({ runtime, limits: { outputMaxChars: 200 } }),
    )) as ForegroundCommandOutput;
    const [note, ...rest] = result.output.split('\n');
    expect(note).toMatch(/^\[… \d+ earlier lines omitted\]$/);
    const omitted = Number(note.match(/\d+/)?.[0]);
    const shown = rest.filter(Boolean);
    expect(omitted + shown.length).toBe(5000);
    expect(shown.at(-1)).toBe('line 5000');
    expect(result.output.length).toBeLessThan(260);
  });

  it('kills the command when it times out', async () => {
    const runtime = runtimeWith('sleep 100', (process) => process.print('waiting…\n'));
    const result = (await executeTool(
      'run_command',
      { command: 'sleep 100', timeout_seconds: 0.1 },
      fakeContext({ runtime }),
    )) as ForegroundCommandOutput;
    expect(result).toMatchObject({ exit_code: null, timed_out: true, output: 'waiting…\n' });
    expect(result.note).toContain('background: true');
    expect(runtime.processes[0].killed).toBe(true);
  });

  it('still returns when the process ignores kill', async () => {
    vi.useFakeTimers();
    try {
      const runtime = runtimeWith('stubborn', (process) => {
        process.ignoreKill = true;
      });
      const pending = executeTool('run_command', { command: 'stubborn', timeout_seconds: 1 }, fakeContext({ runtime }));
      await vi.advanceTimersByTimeAsync(5000);
      await expect(pending).resolves.toMatchObject({ timed_out: true, exit_code: null });
    } finally {
      vi.useRealTimers();
    }
  });

  it('kills the command when the user stops, and returns a note', async () => {
    const controller = new AbortController();
    const runtime = runtimeWith('npm run build', (process) => {
      process.print('building…\n');
      setTimeout(() => controller.abort(), 10);
    });
    const result = (await executeTool(
      'run_command',
      { command: 'npm run build' },
      fakeContext({ runtime, signal: controller.signal }),
    )) as ForegroundCommandOutput;
    expect(result).toMatchObject({ exit_code: null, timed_out: false, output: 'building…\n' });
    expect(result.note).toContain('Stop');
    expect(runtime.processes[0].killed).toBe(true);
  });

  it('does not start a command after Stop', async () => {
    const runtime = new FakeRuntime();
    const controller = new AbortController();
    controller.abort();
    await expect(
      executeTool('run_command', { command: 'npm install' }, fakeContext({ runtime, signal: controller.signal })),
    ).rejects.toThrow('not started');
    expect(runtime.processes).toHaveLength(0);
  });

  it('reports a spawn failure plainly', async () => {
    const runtime = new FakeRuntime();
    runtime.spawnError = new Error('the workspace is gone');
    await expect(executeTool('run_command', { command: 'ls' }, fakeContext({ runtime }))).rejects.toThrow(
      'The command could not start: the workspace is gone',
    );
  });
});

describe('run_command in the background', () => {
  it('returns once a new port opens', async () => {
    const runtime = runtimeWith('npm run dev', (process) => {
      process.print('VITE v7 ready\n  ➜  Local: http://localhost:5173/\n');
      runtime.emitPort(3001); // reopening an already open port is not this process's port
      setTimeout(() => runtime.emitPort(5173), 10);
    });
    runtime.emitPort(3001);
    const onCommandStart = vi.fn();
    // Waits far beyond the test timeout: only the port opening can bring the result back in time.
    const result = (await executeTool(
      'run_command',
      { command: 'npm run dev', background: true },
      fakeContext({ runtime, hooks: { onCommandStart }, limits: { backgroundQuietMs: 600_000, backgroundMaxWaitMs: 600_000 } }),
    )) as BackgroundCommandOutput;
    expect(result).toMatchObject({
      started: true,
      ports: [5173],
      urls: ['http://p5173.localhost:3000/'],
      output: 'VITE v7 ready\n  ➜  Local: http://localhost:5173/\n',
    });
    expect(onCommandStart).toHaveBeenCalledWith(expect.objectContaining({ background: true }));
    expect(runtime.processes[0].killed).toBe(false);
    expect(runtime.listenerCounts.ports).toBe(0);
  });

  it('returns when output goes quiet even if no port ever opens', async () => {
    const runtime = runtimeWith('tsc --watch', (process) => process.print('watching for changes…\n'));
    const result = (await executeTool(
      'run_command',
      { command: 'tsc --watch', background: true },
      fakeContext({ runtime, limits: { backgroundQuietMs: 50, backgroundMaxWaitMs: 600_000 } }),
    )) as BackgroundCommandOutput;
    expect(result).toMatchObject({ started: true, ports: [], output: 'watching for changes…\n' });
    expect(result.note).toContain('has not opened a port');
    expect(runtime.processes[0].killed).toBe(false);
  });

  it('returns after the maximum wait when a silent process never opens a port', async () => {
    const runtime = runtimeWith('node worker.js', () => undefined);
    const started = Date.now();
    const result = await executeTool(
      'run_command',
      { command: 'node worker.js', background: true },
      fakeContext({ runtime, limits: fastLimits }),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(result).toMatchObject({ started: true, ports: [], output: '' });
  });

  it('reports a process that exits while starting', async () => {
    const runtime = runtimeWith('npm run dev', (process) => {
      process.print('Error: Cannot find module vite\n');
      process.end(1);
    });
    const result = await executeTool(
      'run_command',
      { command: 'npm run dev', background: true },
      fakeContext({ runtime, limits: fastLimits }),
    );
    expect(result).toMatchObject({ started: false, exit_code: 1, ports: [], output: 'Error: Cannot find module vite\n' });
  });

  it('stops waiting, without killing, when the user stops', async () => {
    const controller = new AbortController();
    const runtime = runtimeWith('npm run dev', () => setTimeout(() => controller.abort(), 10));
    const result = await executeTool(
      'run_command',
      { command: 'npm run dev', background: true },
      fakeContext({ runtime, signal: controller.signal, limits: { backgroundMaxWaitMs: 10_000 } }),
    );
    expect(result).toMatchObject({ started: true, ports: [] });
    expect(runtime.processes[0].killed).toBe(false);
  });
});

describe('run_command behaves as a person at a terminal would wish', () => {
  function withRegistry(runtime: FakeRuntime, extra: Partial<Parameters<typeof fakeContext>[0]> = {}) {
    return fakeContext({ runtime, processes: new ProcessRegistry(runtime), ...extra });
  }

  it('runs without a terminal: CI=1, npm_config_yes and stdin closed', async () => {
    const runtime = runtimeWith('npm install', (process) => process.end(0));
    await executeTool('run_command', { command: 'npm install' }, withRegistry(runtime));
    expect(runtime.spawnOptions[0]).toEqual({ env: { CI: '1', npm_config_yes: 'true' }, stdin: 'closed' });
  });

  it('returns a foreground command that opens a port like a background one and leaves it running', async () => {
    const runtime = runtimeWith('npm run dev', (process) => {
      process.print('  VITE v6.4.6  ready\n  ➜  Local:   http://localhost:5173/\n');
      runtime.emitPort(5173);
    });
    const ctx = withRegistry(runtime, { limits: { portSettleMs: 10 } });
    const result = (await executeTool('run_command', { command: 'npm run dev' }, ctx)) as BackgroundCommandOutput;
    expect(result).toMatchObject({ background: true, id: 'p1', started: true, ports: [5173], urls: ['http://p5173.localhost:3000/'] });
    expect(result.output).toContain('Local:   http://localhost:5173/');
    expect(result.note).toContain('keeps running in the background as process p1');
    expect(runtime.processes[0].killed).toBe(false);
    expect(ctx.processes?.get('p1')).toMatchObject({ running: true, ports: [5173] });
  });

  it('comes back from a command waiting at a prompt, quoting it, and stops it', async () => {
    const runtime = runtimeWith('npx create-thing', (process) => process.print('Need to install create-thing\nOk to proceed? (y) '));
    const result = (await executeTool(
      'run_command',
      { command: 'npx create-thing' },
      withRegistry(runtime, { limits: { promptQuietMs: 20 } }),
    )) as ForegroundCommandOutput;
    expect(result).toMatchObject({ background: false, exit_code: null, timed_out: false, waiting_for_input: true });
    expect(result.prompt).toContain('Ok to proceed? (y)');
    expect(result.note).toContain('waited for input ("Ok to proceed? (y)")');
    expect(result.note).toContain('--yes');
    expect(runtime.processes[0].killed).toBe(true);
  });

  it('does not take output that is merely paused for a prompt', async () => {
    const runtime = runtimeWith('npm run build', (process) => {
      process.print('building for production...\n');
      setTimeout(() => {
        process.print('built in 1s\n');
        process.end(0);
      }, 60);
    });
    const result = await executeTool('run_command', { command: 'npm run build' }, withRegistry(runtime, { limits: { promptQuietMs: 20 } }));
    expect(result).toMatchObject({ exit_code: 0, output: 'building for production...\nbuilt in 1s\n' });
  });

  it('a background command at a prompt is reported as waiting, not as started', async () => {
    const runtime = runtimeWith('npm create vite@latest', (process) => process.print('◆  Project name:\n│  vite-project\n└\n'));
    const result = (await executeTool(
      'run_command',
      { command: 'npm create vite@latest', background: true },
      withRegistry(runtime, { limits: { promptQuietMs: 20, backgroundQuietMs: 1000 } }),
    )) as BackgroundCommandOutput;
    expect(result).toMatchObject({ started: false, waiting_for_input: true, prompt: '◆  Project name:\n│  vite-project\n└' });
    expect(result.note).toContain('--template react-ts');
  });

  it('returns the running process instead of starting the same command twice', async () => {
    const runtime = runtimeWith('npm run dev', (process) => {
      process.print('Local: http://localhost:5173/\n');
      runtime.emitPort(5173);
    });
    const ctx = withRegistry(runtime, { limits: { portSettleMs: 5 } });
    const first = (await executeTool('run_command', { command: 'npm run dev', background: true }, ctx)) as BackgroundCommandOutput;
    const second = (await executeTool('run_command', { command: 'npm  run dev' }, ctx)) as BackgroundCommandOutput;
    expect(runtime.processes).toHaveLength(1);
    expect(second).toMatchObject({ id: first.id, already_running: true, started: true, ports: [5173], urls: ['http://p5173.localhost:3000/'] });
    expect(second.output).toContain('Local: http://localhost:5173/');
    expect(second.note).toContain(`stop_process with id ${first.id}`);
  });

  it('starts the command again once the earlier one ended', async () => {
    const runtime = runtimeWith('npm test', (process) => process.end(1));
    const ctx = withRegistry(runtime);
    await executeTool('run_command', { command: 'npm test' }, ctx);
    await executeTool('run_command', { command: 'npm test' }, ctx);
    expect(runtime.processes).toHaveLength(2);
  });
});
