import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readlink } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { constants } from 'node:os';
import type { CommandLine } from './sandbox';
import { processTree } from './proc-scan';

const KILL_GRACE_MS = 2000;

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const number = signal ? constants.signals[signal] : undefined;
  return number ? 128 + number : 1;
}

/** One command running for a project: merged output, stdin, whole-group kill, exit code. */
export class ManagedProcess {
  readonly exit: Promise<number>;
  exitCode: number | null = null;
  private readonly child: ChildProcess;
  private readonly outputListeners = new Set<(chunk: string) => void>();
  private readonly sandboxed: boolean;

  constructor(
    readonly id: string,
    readonly projectId: string,
    readonly command: string,
    line: CommandLine,
    private readonly interactive: boolean,
  ) {
    this.sandboxed = line.sandboxed;
    // Its own process group, so kill() reaches every descendant (dev servers spawn workers).
    this.child = spawn(line.file, line.args, { cwd: line.cwd, env: line.env as NodeJS.ProcessEnv, detached: true, stdio: 'pipe' });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      const decoder = new StringDecoder('utf8');
      stream?.on('data', (data: Buffer) => this.emit(decoder.write(data)));
      stream?.on('end', () => this.emit(decoder.end()));
    }
    this.child.stdin?.on('error', () => {});
    this.exit = new Promise((resolve) => {
      this.child.on('error', (error) => {
        this.emit(`Could not start the command: ${error.message}\r\n`);
        this.exitCode = 127;
        resolve(127);
      });
      this.child.on('close', (code, signal) => {
        this.exitCode ??= exitCodeOf(code, signal);
        resolve(this.exitCode);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitCode === null;
  }

  onOutput(listener: (chunk: string) => void): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  /** A line from the sandbox itself (a blocked connection, a limit reached), shown in the command's output. */
  notice(text: string): void {
    this.emit(`\r\n[sandbox] ${text}\r\n`);
  }

  write(input: string): void {
    if (this.running && this.child.stdin?.writable) this.child.stdin.write(input);
  }

  /** Sets the pseudo-terminal size of an interactive shell; the kernel then signals the shell itself. */
  async resize(cols: number, rows: number): Promise<void> {
    if (!this.interactive || !this.running || this.pid === undefined) return;
    const safeCols = Math.max(1, Math.min(1000, Math.floor(cols)));
    const safeRows = Math.max(1, Math.min(1000, Math.floor(rows)));
    for (const pid of await processTree([this.pid])) {
      const stdin = await readlink(`/proc/${pid}/fd/0`).catch(() => '');
      if (!stdin.startsWith('/dev/pts/')) continue;
      await new Promise<void>((resolve) => {
        execFile('stty', ['-F', `/proc/${pid}/fd/0`, 'rows', String(safeRows), 'cols', String(safeCols)], () =>
          resolve(),
        );
      });
      return;
    }
  }

  async kill(): Promise<void> {
    const started = Date.now();
    while (this.running && this.pid !== undefined) {
      const signal = Date.now() - started < KILL_GRACE_MS ? 'SIGTERM' : 'SIGKILL';
      await this.signalDescendants(signal);
      // bubblewrap's outer process must outlive its sandbox: killed first, it orphans the command.
      if (!this.sandboxed || Date.now() - started > 2 * KILL_GRACE_MS) this.signalGroup(signal);
      await Promise.race([this.exit, new Promise((resolve) => setTimeout(resolve, 50))]);
    }
    await this.exit;
  }

  /** Immediate, for server shutdown. */
  killNow(): void {
    if (this.running) this.signalGroup('SIGKILL');
  }

  /**
   * Commands run in a new session inside bubblewrap, so a group signal would reach only bwrap itself;
   * signalling each descendant reaches the command (the sandbox's own init ignores SIGTERM, and exits
   * once its child has gone).
   */
  private async signalDescendants(signal: NodeJS.Signals): Promise<void> {
    const pids = await processTree([this.pid!]);
    pids.delete(this.pid!);
    for (const pid of pids) {
      try {
        process.kill(pid, signal);
      } catch {
        // Already gone.
      }
    }
  }

  private signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid!, signal);
    } catch {
      // Already gone.
    }
  }

  private emit(chunk: string): void {
    if (!chunk) return;
    for (const listener of this.outputListeners) listener(chunk);
  }
}
