import type { ManagedProcess } from './managed-process';
import { processTree } from './proc-scan';
import { diskUsage, formatBytes, residentBytes, taskCount, type ProjectCgroup, type SandboxLimits } from './sandbox-limits';

const TICK_MS = 1000;
const DISK_EVERY_TICKS = 2;

export interface WatchdogOptions {
  limits: SandboxLimits;
  cgroup: ProjectCgroup | null;
  /** Folders whose size counts against the disk limit. */
  diskDirs: string[];
  processes: () => ManagedProcess[];
  /** Processes that share the project's namespace besides its commands (the network holder): they count too. */
  namespacePids?: () => number[];
}

/**
 * Watches a project's running commands for the limits the kernel does not enforce here (memory without a
 * cgroup, disk use) and says in their output when any limit was hit, the kernel's included.
 */
export class SandboxWatchdog {
  private timer: NodeJS.Timeout | null = null;
  private ticks = 0;
  private seen = { processLimitHits: 0, memoryKills: 0 };

  constructor(private readonly options: WatchdogOptions) {
    this.useCgroup(options.cgroup);
  }

  useCgroup(cgroup: ProjectCgroup | null): void {
    this.options.cgroup = cgroup;
    if (cgroup) this.seen = cgroup.events();
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.timer = setTimeout(() => {
        void this.check().finally(() => {
          if (this.timer) tick();
        });
      }, TICK_MS);
    };
    tick();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** `exited`: commands that just ended, so a limit that ended them is still explained in their output. */
  async check(exited: ManagedProcess[] = []): Promise<void> {
    const running = this.options.processes().filter((p) => p.running);
    if (running.length === 0 && exited.length === 0) return;
    const { limits, cgroup } = this.options;
    const tell = (text: string) => [...running, ...exited].forEach((p) => p.notice(text));

    if (cgroup) {
      const events = cgroup.events();
      if (events.processLimitHits > this.seen.processLimitHits) {
        tell(`Process limit reached: a project may run ${limits.processes} processes at once, so a command could not start another.`);
      }
      if (events.memoryKills > this.seen.memoryKills) {
        tell(`Memory limit reached: the project's commands may use ${formatBytes(limits.memoryBytes)} together; the system stopped a process that went over.`);
      }
      this.seen = events;
    }

    // After an exit only the kernel's counters are read, so the exit is not held up by a disk walk.
    if (running.length === 0 || exited.length > 0) return;
    const trees = await Promise.all(running.map(async (p) => ({ process: p, pids: await processTree(p.pid === undefined ? [] : [p.pid]) })));
    if (!cgroup?.limitsProcesses) {
      const shared = await processTree(this.options.namespacePids?.() ?? []);
      const tasks = taskCount(new Set([...shared, ...trees.flatMap((t) => [...t.pids])]));
      if (tasks >= limits.processes * 0.9) {
        tell(
          `Process limit reached: the project's commands may run ${limits.processes} processes and threads at once, ` +
            'so a command could not start another.',
        );
      }
    }

    if (!cgroup?.limitsMemory) {
      const usage = trees.map((t) => ({ process: t.process, bytes: residentBytes(t.pids) }));
      const total = usage.reduce((sum, u) => sum + u.bytes, 0);
      if (total > limits.memoryBytes) {
        const biggest = usage.reduce((a, b) => (b.bytes > a.bytes ? b : a));
        tell(
          `Memory limit reached: the project's commands used ${formatBytes(total)} of ${formatBytes(limits.memoryBytes)}; ` +
            `stopped "${biggest.process.command}".`,
        );
        await biggest.process.kill();
      }
    }

    this.ticks += 1;
    if (this.ticks % DISK_EVERY_TICKS === 0) {
      let used = 0;
      for (const dir of this.options.diskDirs) used += await diskUsage(dir, limits.diskBytes - used);
      if (used > limits.diskBytes) {
        tell(
          `Disk limit reached: this project uses more than its ${formatBytes(limits.diskBytes)} (workspace, HOME and package cache); ` +
            'stopped its running commands. Delete large files or build output, then run again.',
        );
        await Promise.all(running.map((p) => p.kill()));
      }
    }
  }
}
