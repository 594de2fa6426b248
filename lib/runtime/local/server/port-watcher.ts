import { listeningSockets, loopbackFor, processTree, socketInodes } from './proc-scan';

export interface OpenPort {
  port: number;
  /** Loopback address the preview proxy connects to. */
  host: string;
}

/** Finds the TCP ports that a set of process trees listens on, by polling /proc. */
export class PortWatcher {
  private ports = new Map<number, OpenPort>();
  private timer: NodeJS.Timeout | null = null;
  private active = false;

  constructor(
    private readonly rootPids: () => number[],
    private readonly onChange: (port: OpenPort, open: boolean) => void,
    private readonly intervalMs = 400,
  ) {}

  openPorts(): OpenPort[] {
    return [...this.ports.values()];
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    const tick = () => {
      this.timer = setTimeout(() => {
        void this.poll().finally(() => {
          if (this.active) tick();
        });
      }, this.intervalMs);
    };
    tick();
  }

  /** Stops polling and reports every known port as closed. */
  stop(): void {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.apply(new Map());
  }

  async poll(): Promise<void> {
    const roots = this.rootPids();
    if (roots.length === 0) {
      if (this.active) this.apply(new Map());
      return;
    }
    const [tree, sockets] = await Promise.all([processTree(roots), listeningSockets()]);
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
