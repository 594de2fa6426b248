import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, readdirSync, rmdirSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';

export interface SandboxLimits {
  /** Processes a project may run at once. */
  processes: number;
  /** Memory of all of a project's commands together. */
  memoryBytes: number;
  /** Largest single file a command may write. */
  fileBytes: number;
  /** The project's workspace, HOME and package cache together. */
  diskBytes: number;
  /** Each command's private /tmp. */
  tmpBytes: number;
}

const MiB = 1024 * 1024;

function fromEnv(value: string | undefined, unit: number, fallback: number): number {
  const number = Number(value);
  return value && Number.isFinite(number) && number > 0 ? Math.floor(number * unit) : fallback;
}

/** Defaults that fit a dev server and an install; `SANDBOX_MAX_PROCESSES`, `SANDBOX_MEMORY_MB`, `SANDBOX_DISK_MB`, `SANDBOX_TMP_MB` change them. */
export function sandboxLimits(env: Record<string, string | undefined> = process.env): SandboxLimits {
  return {
    processes: fromEnv(env.SANDBOX_MAX_PROCESSES, 1, 1024),
    memoryBytes: fromEnv(env.SANDBOX_MEMORY_MB, MiB, 4096 * MiB),
    fileBytes: fromEnv(env.SANDBOX_FILE_MB, MiB, 2048 * MiB),
    diskBytes: fromEnv(env.SANDBOX_DISK_MB, MiB, 10240 * MiB),
    tmpBytes: fromEnv(env.SANDBOX_TMP_MB, MiB, 512 * MiB),
  };
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * MiB ? `${(bytes / (1024 * MiB)).toFixed(1)} GB` : `${Math.round(bytes / MiB)} MB`;
}

/**
 * rlimits every command starts with. The process count needs an unprivileged user to hold; it then counts every task
 * (thread) in the project's user namespace, the network holder's included, because each command's own namespace is
 * created with this limit and the kernel checks it at every level up.
 */
export function rlimitWrapper(limits: SandboxLimits): string[] {
  return ['/usr/bin/prlimit', `--nproc=${limits.processes}`, `--fsize=${limits.fileBytes}`, '--core=0', '--'];
}

interface ControllerDir {
  controller: 'pids' | 'memory' | 'unified';
  dir: string;
}

function ownCgroups(): Map<string, string> {
  const paths = new Map<string, string>();
  let text = '';
  try {
    text = readFileSync('/proc/self/cgroup', 'utf8');
  } catch {
    return paths;
  }
  for (const line of text.split('\n')) {
    const [, controllers, cgroupPath] = line.split(':');
    if (controllers === undefined || cgroupPath === undefined) continue;
    for (const name of controllers === '' ? ['unified'] : controllers.split(',')) paths.set(name, cgroupPath);
  }
  return paths;
}

function tryWrite(file: string, value: string): boolean {
  try {
    writeFileSync(file, value);
    return true;
  } catch {
    return false;
  }
}

function readNumber(file: string, pattern: RegExp): number {
  try {
    const match = pattern.exec(readFileSync(file, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * A project's own cgroup, where the machine lets this server create one (as root on cgroup v1, or a delegated
 * cgroup v2 subtree): a hard cap on its processes and memory. Null where it cannot, and rlimits plus the
 * watchdog hold instead.
 */
export class ProjectCgroup {
  private constructor(
    private readonly dirs: ControllerDir[],
    readonly limitsProcesses: boolean,
    readonly limitsMemory: boolean,
  ) {}

  static create(key: string, limits: SandboxLimits, root = '/sys/fs/cgroup'): ProjectCgroup | null {
    const name = `tabsmith-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
    const own = ownCgroups();
    const dirs: ControllerDir[] = [];
    let processes = false;
    let memory = false;
    const make = (dir: string) => {
      try {
        mkdirSync(dir, { recursive: true });
        return true;
      } catch {
        return false;
      }
    };
    if (own.has('pids') || own.has('memory')) {
      const pidsDir = path.join(root, 'pids', own.get('pids') ?? '/', name);
      if (own.has('pids') && make(pidsDir) && tryWrite(path.join(pidsDir, 'pids.max'), String(limits.processes))) {
        dirs.push({ controller: 'pids', dir: pidsDir });
        processes = true;
      }
      const memoryDir = path.join(root, 'memory', own.get('memory') ?? '/', name);
      if (own.has('memory') && make(memoryDir) && tryWrite(path.join(memoryDir, 'memory.limit_in_bytes'), String(limits.memoryBytes))) {
        tryWrite(path.join(memoryDir, 'memory.memsw.limit_in_bytes'), String(limits.memoryBytes));
        dirs.push({ controller: 'memory', dir: memoryDir });
        memory = true;
      }
    } else if (own.has('unified')) {
      const dir = path.join(root, own.get('unified')!, name);
      if (make(dir)) {
        processes = tryWrite(path.join(dir, 'pids.max'), String(limits.processes));
        memory = tryWrite(path.join(dir, 'memory.max'), String(limits.memoryBytes));
        if (processes || memory) {
          tryWrite(path.join(dir, 'memory.swap.max'), '0');
          dirs.push({ controller: 'unified', dir });
        }
      }
    }
    if (dirs.length === 0) return null;
    return new ProjectCgroup(dirs, processes, memory);
  }

  /** A host-side wrapper that moves itself into the cgroup and then execs the rest, so nothing runs outside it. */
  wrapper(): string[] {
    const files = this.dirs.map((d) => path.join(d.dir, 'cgroup.procs'));
    const script = 'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n-1)); done; exec "$@"';
    return ['/bin/sh', '-c', script, 'sh', String(files.length), ...files];
  }

  /** Times the kernel stopped the project at its process or memory cap. */
  events(): { processLimitHits: number; memoryKills: number } {
    let processLimitHits = 0;
    let memoryKills = 0;
    for (const { controller, dir } of this.dirs) {
      if (controller === 'pids' || controller === 'unified') processLimitHits += readNumber(path.join(dir, 'pids.events'), /^max (\d+)/m);
      if (controller === 'memory') memoryKills += readNumber(path.join(dir, 'memory.oom_control'), /^oom_kill (\d+)/m);
      if (controller === 'unified') memoryKills += readNumber(path.join(dir, 'memory.events'), /^oom_kill (\d+)/m);
    }
    return { processLimitHits, memoryKills };
  }

  remove(): void {
    for (const { dir } of this.dirs) {
      try {
        rmdirSync(dir);
      } catch {
        // Still has processes (they exit shortly) or already gone.
      }
    }
  }
}

/**
 * Entries read between two turns of the event loop. Reading them synchronously costs a fifteenth of the CPU of the
 * promise API (about 7 ms for 2,000 entries against 100), which mattered at a walk every two seconds while commands
 * run; yielding in between keeps a big node_modules from holding up the proxy and the chat for long.
 */
const DISK_WALK_BATCH = 1000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Bytes on disk under `dir` (allocated blocks, links not followed), stopping early once past `stopAt`. */
export async function diskUsage(dir: string, stopAt = Number.POSITIVE_INFINITY): Promise<number> {
  let total = 0;
  let sinceYield = 0;
  const pending = [dir];
  while (pending.length > 0 && total <= stopAt) {
    const current = pending.pop()!;
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      continue;
    }
    for (const name of names) {
      const full = `${current}/${name}`;
      let stats: Stats | undefined;
      try {
        stats = lstatSync(full, { throwIfNoEntry: false });
      } catch {
        continue;
      }
      if (!stats) continue;
      total += stats.blocks * 512;
      if (stats.isDirectory()) pending.push(full);
    }
    sinceYield += names.length;
    if (sinceYield >= DISK_WALK_BATCH) {
      sinceYield = 0;
      await nextTurn();
    }
  }
  return total;
}

/** Kernel tasks of `pids`, threads included: what RLIMIT_NPROC counts. */
export function taskCount(pids: Iterable<number>): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields resume after the command name's last ')'; num_threads is the 18th of them.
      total += Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[17]) || 1;
    } catch {
      // Gone.
    }
  }
  return total;
}

/** Resident memory of `pids`, from /proc/<pid>/statm. */
export function residentBytes(pids: Iterable<number>, pageSize = 4096): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * pageSize;
    } catch {
      // Gone.
    }
  }
  return total;
}
