import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from '../../test-support/wait-for';
import { PortWatcher } from './port-watcher';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A server that prints its port once it listens. */
function startServer(): ChildProcess {
  const script = "const s=require('http').createServer((q,r)=>r.end('ok')).listen(0,'127.0.0.1',()=>console.log('PORT='+s.address().port))";
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return child;
}

describe('PortWatcher', () => {
  it('finds a port as soon as its process prints, without waiting for the next tick', async () => {
    const child = startServer();
    const opened: number[] = [];
    // A tick so long it never comes during the test: only pollSoon can find the port.
    const watcher = new PortWatcher(() => [child.pid!], (port, open) => open && opened.push(port.port), 600_000, 20);
    watcher.start();
    let printed = 0;
    child.stdout!.on('data', (data: Buffer) => {
      printed = Number(/PORT=(\d+)/.exec(String(data))?.[1] ?? printed);
      watcher.pollSoon();
    });
    try {
      await waitFor(() => printed > 0 && opened.includes(printed), 5_000);
    } finally {
      watcher.stop();
    }
    expect(opened).toEqual([printed]);
  });

  it('scans at most once per gap however much is printed, and never after stop', async () => {
    vi.useFakeTimers();
    try {
      let scans = 0;
      const watcher = new PortWatcher(
        () => {
          scans += 1;
          return [];
        },
        () => {},
        600_000,
        50,
      );
      watcher.start();
      for (let i = 0; i < 100; i++) watcher.pollSoon();
      await vi.advanceTimersByTimeAsync(1);
      expect(scans).toBe(1);
      for (let i = 0; i < 100; i++) watcher.pollSoon();
      await vi.advanceTimersByTimeAsync(40);
      expect(scans).toBe(1);
      await vi.advanceTimersByTimeAsync(20);
      expect(scans).toBe(2);
      watcher.pollSoon();
      watcher.stop();
      await vi.advanceTimersByTimeAsync(200);
      expect(scans).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
