import { describe, expect, it } from 'vitest';
import type { RuntimeProcess } from '@/lib/runtime/types';
import { ShellTab } from './shell-tab';

function fakeProcess() {
  const written: string[] = [];
  const sizes: [number, number][] = [];
  const process: RuntimeProcess = {
    id: 'p1',
    command: 'bash',
    onOutput: () => () => {},
    exit: new Promise<number>(() => {}),
    write: (input) => written.push(input),
    resize: (cols, rows) => sizes.push([cols, rows]),
    kill: async () => {},
  };
  return { process, written, sizes };
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

  it('keeps nothing more once early keys pass the cap, so what runs is never a command with a hole in it', async () => {
    const opened = deferred<RuntimeProcess | null>();
    const tab = new ShellTab('shell-1', 'Shell 1', () => opened.promise);
    const starting = tab.start({ cols: 80, rows: 24 });
    tab.input('echo ');
    tab.input('x'.repeat(64 * 1024));
    tab.input('\r');
    const shell = fakeProcess();
    opened.resolve(shell.process);
    await starting;
    expect(shell.written).toEqual(['echo ']);
  });
});
