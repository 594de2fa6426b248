import { describe, expect, it } from 'vitest';
import type { RuntimeProcess } from '@/lib/runtime/types';
import { ShellTab } from './shell-tab';

function fakeProcess() {
  const written: string[] = [];
  const sizes: [number, number][] = [];
  let exit: (code: number) => void = () => {};
  const process: RuntimeProcess = {
    id: 'p1',
    command: 'bash',
    onOutput: () => () => {},
    exit: new Promise<number>((resolve) => (exit = resolve)),
    write: (input) => written.push(input),
    resize: (cols, rows) => sizes.push([cols, rows]),
    kill: async () => {},
  };
  return { process, written, sizes, exit: (code: number) => exit(code) };
}

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ShellTab', () => {
  it('keeps what is typed while the shell starts and sends it, in order, once the shell is there', async () => {
    const opened = deferred<RuntimeProcess | null>();
    const tab = new ShellTab('shell-1', 'Shell 1', () => opened.promise);
    const starting = tab.start({ cols: 80, rows: 24 });
    for (const key of 'echo hi') tab.input(key);
    tab.resize({ cols: 100, rows: 30 });
    tab.input('\r');
    const shell = fakeProcess();
    opened.resolve(shell.process);
    await starting;
    tab.input('ls\r');
    expect(shell.written.join('')).toBe('echo hi\rls\r');
    expect(shell.sizes).toEqual([[100, 30]]);
  });

  it('drops early keys when no shell could be opened, and keys typed after the shell ended', async () => {
    const none = new ShellTab('shell-1', 'Shell 1', async () => null);
    none.input('lost');
    await none.start({ cols: 80, rows: 24 });
    expect(none.surface.text()).toContain('No runtime is ready yet');

    const shell = fakeProcess();
    const tab = new ShellTab('shell-2', 'Shell 2', async () => shell.process);
    await tab.start({ cols: 80, rows: 24 });
    shell.exit(0);
    await shell.process.exit;
    await Promise.resolve();
    tab.input('after');
    expect(shell.written).toEqual([]);
  });
});
