import type { Duplex } from 'node:stream';
import { listeningSocketsOf, loopbackFor, processTree, socketInodes } from './proc-scan';

export interface OpenPort {
  port: number;
  /** Loopback address the preview proxy connects to. */
  host: string;
  /** Opens a stream to the port when it is not reachable from the host's own network (a sandbox's namespace). */
  connect?: () => Duplex;
}

/** Finds the TCP ports that a set of process trees listens on, by polling /proc. */
export class PortWatcher {
  private ports = new Map<number, OpenPort>();
  private timer: NodeJS.Timeout | null = null;
  private active = false;
  /** Scans run one after another, so an older scan can never be applied after a newer one. */
  private scanning: Promise<void> = Promise.resolve();
  private soon: NodeJS.Timeout | null = null;
  private lastSoon = 0;

  constructor(
    private readonly rootPids: () => number[],
    private readonly onChange: (port: OpenPort, open: boolean) => void,
    private readonly intervalMs = 400,
    private readonly soonGapMs = 100,
  ) {}

  openPorts(): OpenPort[] {
    return [...this.ports.values()];
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    const tick = () => {
      this.timer = setTimeout(() => {
        void this.scan().finally(() => {
          if (this.active) tick();
        });
      }, this.intervalMs);
    };
    tick();
  }

  /**
   * Scans ahead of the next tick: a server prints its banner right after it binds, so a process's output is the moment
   * its port is most likely to have opened. At most one such scan per `soonGapMs`, however much is printed.
   */
  pollSoon(): void {
    if (!this.active || this.soon) return;
    const wait = Math.max(0, this.lastSoon + this.soonGapMs - Date.now());
    this.soon = setTimeout(() => {
      this.soon = null;
      this.lastSoon = Date.now();
      if (this.active) void this.scan();
    }, wait);
  }

  private scan(): Promise<void> {
    this.scanning = this.scanning.then(() => this.poll()).catch(() => {});
    return this.scanning;
  }

  /** Stops polling and reports every known port as closed. */
  stop(): void {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.soon) clearTimeout(this.soon);
    this.soon = null;
    this.timer = null;
    this.apply(new Map());
  }

  async poll(): Promise<void> {
    const roots = this.rootPids();
    if (roots.length === 0) {
      if (this.active) this.apply(new Map());
      return;
    }
    const [tree, sockets] = await Promise.all([processTree(roots), listeningSocketsOf(roots)]);
    const inodes = await socketInodes(tree);
    const found = new Map<number, OpenPort>();
    for (const socket of sockets) {
      if (!inodes.has(socket.inode)) continue;
      // Prefer IPv4 when a server listens on both families.
      if (found.has(socket.port) && socket.family === 6) continue;
      found.set(socket.port, { port: socket.port, host: loopbackFor(socket) });
    }
    if (this.active) this.apply(found);
  }

  private apply(found: Map<number, OpenPort>): void {
    for (const [port, info] of this.ports) {
      if (!found.has(port)) this.onChange(info, false);
    }
    for (const [port, info] of found) {
      const known = this.ports.get(port);
      if (!known) this.onChange(info, true);
    }
    this.ports = found;
  }
}
