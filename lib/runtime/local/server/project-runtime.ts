import { randomUUID } from 'node:crypto';
import type { Deletions, FileContent } from '../../../project/types';
import type { ServerMessage, WireKeptFile } from '../protocol';
import { FileWatcher, readWireFile } from './file-watcher';
import { ManagedProcess } from './managed-process';
import { PortWatcher, type OpenPort } from './port-watcher';
import { resolveProjectPath } from './project-paths';
import { egressPolicy } from './egress-proxy';
import { buildCommandLine, prepareSandboxPaths, sandboxPaths, type SandboxPaths } from './sandbox';
import { ProjectCgroup, rlimitWrapper, sandboxLimits, type SandboxLimits } from './sandbox-limits';
import { SandboxNetwork } from './sandbox-network';
import { SandboxWatchdog } from './sandbox-watchdog';
import { SerialQueue } from './serial-queue';
import { promoteToShared } from './shared-npm-cache';
import { Workspace } from './workspace';

export type FileChangeRequest = { kind: 'write'; path: string; content: FileContent } | { kind: 'delete'; path: string };

const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

/**
 * Splits changes into consecutive runs that may be applied side by side: writes to paths that do not overlap. A delete
 * runs alone, since it removes folders it leaves empty, which a write beside it may be about to fill.
 */
export function sideBySideRuns(changes: FileChangeRequest[]): FileChangeRequest[][] {
  const runs: FileChangeRequest[][] = [];
  let run: FileChangeRequest[] = [];
  for (const change of changes) {
    const joins = change.kind === 'write' && run.every((other) => other.kind === 'write' && !overlaps(other.path, change.path));
    if (!joins && run.length > 0) {
      runs.push(run);
      run = [];
    }
    run.push(change);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** A browser connection to one project: receives its events, owns the processes it started. */
export interface ProjectSubscriber {
  send(message: ServerMessage): void;
}

export interface SpawnRequest {
  command: string;
  /** Project-relative working directory. */
  cwd?: string;
  env?: Record<string, string>;
  terminal?: { cols: number; rows: number };
  /** 'closed': the command reads end-of-file, so a question it asks fails instead of waiting forever. */
  stdin?: 'open' | 'closed';
}

const SHARE_AFTER_MS = 10_000;

/** Shells the WebContainer backend knows by other names; here they all mean bash. */
const SHELL_ALIASES = new Set(['', 'jsh', 'sh', 'bash', 'bash -i']);

/** Files, processes, ports and change events of one project's workspace. */
export class ProjectRuntime {
  readonly workspace: Workspace;
  readonly paths: SandboxPaths;
  private readonly queue = new SerialQueue();
  private readonly watcher: FileWatcher;
  private readonly portWatcher: PortWatcher;
  private readonly processes = new Map<string, { process: ManagedProcess; owner: ProjectSubscriber }>();
  private readonly subscribers = new Set<ProjectSubscriber>();
  private readonly portQueue = new SerialQueue();
  private readonly previewPorts = new Map<number, number | null>();
  private readonly network: SandboxNetwork | null;
  private readonly limits: SandboxLimits;
  private cgroup: ProjectCgroup | null | undefined;
  private readonly watchdog: SandboxWatchdog;
  private sharing: { timer: NodeJS.Timeout | null; running: boolean; again: boolean } = { timer: null, running: false, again: false };

  constructor(
    workspacesDir: string,
    readonly projectId: string,
    private readonly confined: boolean,
    /** Resolves with the preview listener's port for an opened port. */
    onPort: (port: OpenPort, open: boolean, projectId: string) => Promise<number | null>,
    limits: Partial<SandboxLimits> = {},
  ) {
    this.limits = { ...sandboxLimits(), ...limits };
    this.workspace = new Workspace(workspacesDir, projectId);
    this.paths = sandboxPaths(workspacesDir, projectId);
    this.network = confined
      ? new SandboxNetwork({
          key: this.workspace.root,
          domains: egressPolicy().domains,
          onBlocked: (_blocked, message) => {
            for (const entry of this.processes.values()) entry.process.notice(message);
          },
        })
      : null;
    this.watcher = new FileWatcher(this.workspace.root, this.queue, (change) =>
      this.broadcast({ type: 'file', change }),
    );
    this.watchdog = new SandboxWatchdog({
      limits: this.limits,
      cgroup: null,
      diskDirs: [this.paths.workspace, this.paths.home, this.paths.npmCache],
      processes: () => [...this.processes.values()].map((entry) => entry.process),
      namespacePids: () => {
        const pid = this.network?.holderProcessPid;
        return pid ? [pid] : [];
      },
    });
    this.portWatcher = new PortWatcher(
      () => [...this.processes.values()].filter((p) => p.process.running).map((p) => p.process.pid!),
      (port, open) => {
        // In order per project, so a quick open/close pair cannot be reported the wrong way round.
        void this.portQueue.run(async () => {
          const network = this.network;
          const reachable = network ? { ...port, connect: () => network.connect(port.host, port.port) } : port;
          const previewPort = await onPort(reachable, open, projectId);
          this.previewPorts.set(port.port, previewPort);
          if (!open) this.previewPorts.delete(port.port);
          this.broadcast({ type: 'port', port: port.port, open, previewPort });
        });
      },
    );
  }

  /** Ports already announced to subscribers, with their preview listener ports. */
  openPorts(): { port: number; previewPort: number | null }[] {
    return [...this.previewPorts].map(([port, previewPort]) => ({ port, previewPort }));
  }

  async subscribe(subscriber: ProjectSubscriber): Promise<void> {
    this.subscribers.add(subscriber);
    if (this.subscribers.size === 1) {
      await prepareSandboxPaths(this.paths);
      this.startNetworkEarly();
      this.portWatcher.start();
      await this.watcher.start();
    }
  }

  /** Stops what the subscriber started; the last one leaving also stops the watchers. */
  async unsubscribe(subscriber: ProjectSubscriber): Promise<void> {
    if (!this.subscribers.delete(subscriber)) return;
    await this.killAll(subscriber);
    if (this.subscribers.size === 0) {
      this.watcher.stop();
      this.portWatcher.stop();
      if (this.processes.size === 0) this.network?.stop();
    }
  }

  /** Reconciles the workspace with the browser's files (see `Workspace.mount`); returns what the browser lacks. */
  mount(files: Record<string, FileContent>, deleted: Deletions = {}): Promise<WireKeptFile[]> {
    return this.queue.run(async () => {
      const kept = await this.workspace.mount(files, deleted);
      await this.watcher.resetBaseline();
      const wire = await Promise.all(kept.map((file) => readWireFile(this.workspace.root, file.path)));
      return wire.filter((file): file is WireKeptFile => file !== null);
    });
  }

  write(relativePath: string, content: FileContent): Promise<void> {
    return this.queue.run(() => this.applyChange({ kind: 'write', path: relativePath, content }));
  }

  /**
   * Applies writes and deletes as one turn of the queue, with the effect of applying them in order; per change, what
   * it failed with (null where it landed).
   */
  applyChanges(changes: FileChangeRequest[]): Promise<({ error: unknown } | null)[]> {
    const outcomeOf = (change: FileChangeRequest) =>
      this.applyChange(change).then(
        () => null,
        (error: unknown) => ({ error }),
      );
    return this.queue.run(async () => {
      const outcomes: ({ error: unknown } | null)[] = [];
      for (const run of sideBySideRuns(changes)) outcomes.push(...(await Promise.all(run.map(outcomeOf))));
      return outcomes;
    });
  }

  /** One change, noted so the file watcher does not echo it back. Call inside the queue. */
  private async applyChange(change: FileChangeRequest): Promise<void> {
    if (change.kind === 'write') await this.workspace.write(change.path, change.content);
    else await this.workspace.delete(change.path);
    await this.watcher.noteLocalChange(change.path);
  }

  read(relativePath: string): Promise<Uint8Array> {
    return this.workspace.read(relativePath);
  }

  delete(relativePath: string): Promise<void> {
    return this.queue.run(() => this.applyChange({ kind: 'delete', path: relativePath }));
  }

  async spawn(request: SpawnRequest, owner: ProjectSubscriber): Promise<ManagedProcess> {
    await prepareSandboxPaths(this.paths);
    const cwd = request.cwd && request.cwd !== '.' ? await resolveProjectPath(this.workspace.root, request.cwd) : this.workspace.root;
    const command = request.terminal && SHELL_ALIASES.has(request.command.trim()) ? 'bash -i' : request.command;
    // Redirecting inside the shell closes stdin for the command and everything it starts, sandboxed or not.
    const shellCommand = request.stdin === 'closed' && !request.terminal ? `exec </dev/null\n${command}` : command;
    const network = this.network ? { holderPid: await this.network.start(), proxyUrl: this.network.proxyUrl } : null;
    const cgroup = this.projectCgroup();
    const line = buildCommandLine(
      { command: shellCommand, cwd, env: request.env, terminal: request.terminal },
      {
        paths: this.paths,
        confined: this.confined,
        network,
        registry: egressPolicy().registry,
        wrapper: [...(cgroup?.wrapper() ?? []), ...rlimitWrapper(this.limits)],
        tmpBytes: this.limits.tmpBytes,
      },
    );
    const child = new ManagedProcess(randomUUID(), this.projectId, request.command, line, Boolean(request.terminal));
    this.processes.set(child.id, { process: child, owner });
    child.onOutput((data) => owner.send({ type: 'output', processId: child.id, data }));
    child.onOutput(() => this.portWatcher.pollSoon());
    this.watchdog.start();
    void child.exit.then(async (code) => {
      this.processes.delete(child.id);
      if (this.processes.size === 0) this.watchdog.stop();
      await this.watchdog.check([child]).catch(() => {});
      owner.send({ type: 'exit', processId: child.id, code });
      void this.portWatcher.poll();
      this.shareTarballsSoon();
    });
    return child;
  }

  process(id: string, owner: ProjectSubscriber): ManagedProcess | null {
    const entry = this.processes.get(id);
    return entry && entry.owner === owner ? entry.process : null;
  }

  async killAll(owner?: ProjectSubscriber): Promise<void> {
    const targets = [...this.processes.values()].filter((entry) => !owner || entry.owner === owner);
    await Promise.all(targets.map((entry) => entry.process.kill()));
    if (!owner) this.network?.stop();
  }

  /** Immediate kill of everything, for server shutdown. */
  killNow(): void {
    for (const entry of this.processes.values()) entry.process.killNow();
    this.network?.stop();
  }

  /** The project's network namespace, for tests: started when the first browser subscribes, stopped when the last leaves. */
  get sandboxNetwork(): SandboxNetwork | null {
    return this.network;
  }

  /**
   * Starts the project's network namespace while the workbench is still loading, so the first command does not wait
   * for it. A failure here is left to the first command, which starts it again and reports why it could not.
   */
  private startNetworkEarly(): void {
    const network = this.network;
    if (!network) return;
    network.start().then(
      () => {
        if (this.subscribers.size === 0 && this.processes.size === 0) network.stop();
      },
      () => {},
    );
  }

  /**
   * After a quiet spell (so it never competes with the command that follows an install), offers the registry
   * tarballs this project downloaded to the shared cache, where they are checked against their digests.
   */
  private shareTarballsSoon(): void {
    if (!this.confined) return;
    if (this.sharing.timer) clearTimeout(this.sharing.timer);
    this.sharing.timer = setTimeout(() => {
      this.sharing.timer = null;
      void this.shareTarballs();
    }, SHARE_AFTER_MS);
    this.sharing.timer.unref();
  }

  /** Offers this project's registry tarballs to the shared cache now; resolves with how many were added. */
  async shareTarballs(): Promise<number> {
    if (this.sharing.running) {
      this.sharing.again = true;
      return 0;
    }
    this.sharing.running = true;
    try {
      return await promoteToShared(this.paths.npmCache, this.paths.sharedNpmCache, egressPolicy().registry).catch(() => 0);
    } finally {
      this.sharing.running = false;
      if (this.sharing.again) {
        this.sharing.again = false;
        this.shareTarballsSoon();
      }
    }
  }

  /** Created on the first confined command; null where this machine offers no writable cgroup. */
  private projectCgroup(): ProjectCgroup | null {
    if (!this.confined) return null;
    if (this.cgroup === undefined) {
      this.cgroup = ProjectCgroup.create(this.workspace.root, this.limits);
      this.watchdog.useCgroup(this.cgroup);
    }
    return this.cgroup;
  }

  private broadcast(message: ServerMessage): void {
    for (const subscriber of this.subscribers) subscriber.send(message);
  }
}
