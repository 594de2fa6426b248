import type { Duplex } from 'node:stream';
import { listeningSocketsOf, loopbackFor, processTree, socketInodes, type ListeningSocket } from './proc-scan';

export interface OpenPort {
  port: number;
  /** Loopback address the preview proxy connects to. */
  host: string;
  /** Opens a stream to the port when it is not reachable from the host's own network (a sandbox's namespace). */
  connect?: () => Duplex;
}

/** The reads of /proc a scan is made of. */
export interface ProcScan {
  listeningSocketsOf(pids: number[]): Promise<ListeningSocket[]>;
  /** Socket inodes held by `roots` and their descendants: a walk of every process and of each one's open files. */
  heldSocketInodes(roots: number[]): Promise<Set<string>>;
}

const procScan: ProcScan = {
  listeningSocketsOf: (pids) => listeningSocketsOf(pids),
  heldSocketInodes: async (roots) => socketInodes(await processTree(roots)),
};

/**
 * How long a listening socket found not to be the project's is believed so. Such a socket (in a sandbox, the egress
 * port the host listens on) would otherwise cost the full walk on every scan; one the project's processes hold keeps
 * its answer for as long as it listens.
 */
const NOT_OURS_RECHECK_MS = 5_000;

/**
 * Finds the TCP ports that a set of process trees listens on, by polling /proc. A scan reads the namespaces' socket
 * tables, which is cheap, and walks the processes' open files only when a listening socket it has not placed shows up:
 * during an install, with npm holding hundreds of files open and nothing new listening, that walk would be most of the
 * IDE server's work.
 */
export class PortWatcher {
  private ports = new Map<number, OpenPort>();
  private owners = new Map<string, { ours: boolean; at: number }>();
  private ownersRoots = '';
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
    private readonly proc: ProcScan = procScan,
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
    const sockets = await this.proc.listeningSocketsOf(roots);
    await this.placeSockets(roots, sockets);
    const found = new Map<number, OpenPort>();
    for (const socket of sockets) {
      if (!this.owners.get(socket.inode)?.ours) continue;
      // Prefer IPv4 when a server listens on both families.
      if (found.has(socket.port) && socket.family === 6) continue;
      found.set(socket.port, { port: socket.port, host: loopbackFor(socket) });
    }
    if (this.active) this.apply(found);
  }

  /** Learns which of `sockets` the processes hold, walking them only when a socket is new or due to be checked again. */
  private async placeSockets(roots: number[], sockets: ListeningSocket[]): Promise<void> {
    const rootsKey = [...roots].sort((a, b) => a - b).join(',');
    if (rootsKey !== this.ownersRoots) {
      this.owners.clear();
      this.ownersRoots = rootsKey;
    }
    const listening = new Set(sockets.map((socket) => socket.inode));
    for (const inode of this.owners.keys()) if (!listening.has(inode)) this.owners.delete(inode);
    const now = Date.now();
    const unplaced = sockets.some((socket) => {
      const known = this.owners.get(socket.inode);
      return !known || (!known.ours && now - known.at >= NOT_OURS_RECHECK_MS);
    });
    if (!unplaced) return;
    const held = await this.proc.heldSocketInodes(roots);
    for (const inode of listening) this.owners.set(inode, { ours: held.has(inode), at: now });
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
