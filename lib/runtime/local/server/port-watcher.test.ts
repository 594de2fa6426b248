import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from '../../test-support/wait-for';
import { PortWatcher, type ProcScan } from './port-watcher';
import type { ListeningSocket } from './proc-scan';

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

describe('PortWatcher: what a scan reads', () => {
  const socket = (port: number, inode: string): ListeningSocket => ({ port, inode, family: 4, address: '0100007F' });

  /** A fake /proc: the listening sockets and the inodes the processes hold, with a count of the walks. */
  function fakeProc(listening: ListeningSocket[], held: string[]) {
    const state = { listening, held: new Set(held), walks: 0 };
    const scan: ProcScan = {
      listeningSocketsOf: async () => state.listening,
      heldSocketInodes: async () => {
        state.walks += 1;
        return new Set(state.held);
      },
    };
    return Object.assign(state, { scan });
  }

  it('walks the processes only when a listening socket is new, and keeps finding the port it placed', async () => {
    vi.useFakeTimers();
    try {
      // The egress port the host listens on inside the sandbox's namespace, which no command holds.
      const proc = fakeProc([socket(41000, 'egress')], []);
      const opened: number[] = [];
      const watcher = new PortWatcher(() => [100], (port, open) => void opened.push(open ? port.port : -port.port), 600_000, 10, proc.scan);
      watcher.start();
      await watcher.poll();
      await watcher.poll();
      expect(proc.walks).toBe(1);

      proc.listening = [socket(41000, 'egress'), socket(5173, 'vite')];
      proc.held.add('vite');
      await watcher.poll();
      await watcher.poll();
      expect(proc.walks).toBe(2);
      expect(opened).toEqual([5173]);

      proc.listening = [socket(41000, 'egress')];
      await watcher.poll();
      expect(opened).toEqual([5173, -5173]);
      expect(proc.walks).toBe(2);
      watcher.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('checks a socket it found not to be the project’s again after a while, and walks again when the commands change', async () => {
    vi.useFakeTimers();
    try {
      const proc = fakeProc([socket(3000, 'handed-over')], []);
      let roots = [100];
      const opened: number[] = [];
      const watcher = new PortWatcher(() => roots, (port, open) => open && opened.push(port.port), 600_000, 10, proc.scan);
      watcher.start();
      await watcher.poll();
      expect(opened).toEqual([]);

      // The socket reached a command only after the first walk (an fd passed to it): found once it is checked again.
      proc.held.add('handed-over');
      await vi.advanceTimersByTimeAsync(4_000);
      await watcher.poll();
      expect(opened).toEqual([]);
      await vi.advanceTimersByTimeAsync(1_000);
      await watcher.poll();
      expect(opened).toEqual([3000]);
      expect(proc.walks).toBe(2);

      roots = [100, 200];
      await watcher.poll();
      expect(proc.walks).toBe(3);
      watcher.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
