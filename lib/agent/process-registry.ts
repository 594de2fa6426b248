import { cleanTerminalOutput, OutputBuffer } from '../runtime/output';
import type { PortEvent, Runtime, RuntimeProcess } from '../runtime/types';

/** Who started a process: the agent's run_command or the Run button. */
export type ProcessOrigin = 'agent' | 'run';

export interface ProcessInfo {
  id: string;
  command: string;
  origin: ProcessOrigin;
  running: boolean;
  ports: number[];
  exit_code?: number;
}

interface Tracked {
  process: RuntimeProcess;
  command: string;
  origin: ProcessOrigin;
  startedAt: number;
  output: OutputBuffer;
  exitCode: number | undefined;
  stopOutput: () => void;
}

/** Raw output kept per process; enough for a dev server's recent errors without growing without bound. */
const OUTPUT_KEPT_CHARS = 200_000;
/** Ended processes kept for process_output, oldest dropped first. */
const ENDED_KEPT = 20;
const STOP_WAIT_MS = 5000;

/** Same command as a person would type it twice: whitespace differences do not make it another one. */
export function normalizeCommand(command: string): string {
  return command.trim().replace(/\s+/g, ' ');
}

/**
 * The processes the agent and the Run button started in one runtime: what each printed (also after
 * the tool call that started it returned), whether it still runs, and which ports it serves.
 */
export class ProcessRegistry {
  private readonly tracked = new Map<string, Tracked>();
  /** Open ports with when they opened, in opening order. */
  private readonly ports = new Map<number, number>();
  private readonly stopPorts: () => void;
  private readonly now: () => number;

  constructor(runtime: Pick<Runtime, 'onPort' | 'openPorts'>, options: { now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
    for (const event of runtime.openPorts()) if (event.open) this.ports.set(event.port, this.now());
    this.stopPorts = runtime.onPort((event: PortEvent) => {
      this.ports.delete(event.port);
      if (event.open) this.ports.set(event.port, this.now());
    });
  }

  /** Starts keeping `process`'s output; tracking the same process twice is harmless. */
  track(process: RuntimeProcess, origin: ProcessOrigin, command = process.command): void {
    if (this.tracked.has(process.id)) return;
    const output = new OutputBuffer(OUTPUT_KEPT_CHARS);
    const entry: Tracked = {
      process,
      command: normalizeCommand(command),
      origin,
      startedAt: this.now(),
      output,
      exitCode: undefined,
      stopOutput: process.onOutput((chunk) => output.append(chunk)),
    };
    this.tracked.set(process.id, entry);
    void process.exit.then(
      (code) => this.ended(entry, code),
      () => this.ended(entry, 1),
    );
  }

  private ended(entry: Tracked, code: number): void {
    entry.exitCode = code;
    entry.stopOutput();
    const ended = [...this.tracked.values()].filter((t) => t.exitCode !== undefined);
    for (const old of ended.slice(0, Math.max(0, ended.length - ENDED_KEPT))) this.tracked.delete(old.process.id);
  }

  /** The still running process started with the same command line, if any. */
  findRunning(command: string): RuntimeProcess | undefined {
    const wanted = normalizeCommand(command);
    const match = [...this.tracked.values()].reverse().find((t) => t.exitCode === undefined && t.command === wanted);
    return match?.process;
  }

  has(id: string): boolean {
    return this.tracked.has(id);
  }

  /**
   * The runtime reports ports without saying who opened them: a port belongs to the running process
   * whose output names it, else to the newest process that was already running when it opened.
   */
  private ownerOf(port: number, openedAt: number): string | undefined {
    const candidates = [...this.tracked.values()].filter((t) => t.exitCode === undefined && t.startedAt <= openedAt);
    const pattern = new RegExp(`(?::|port\\s+)${port}(?!\\d)`, 'i');
    const naming = candidates.filter((t) => pattern.test(t.output.text()));
    const pool = naming.length > 0 ? naming : candidates;
    return pool.at(-1)?.process.id;
  }

  portsOf(id: string): number[] {
    const ports: number[] = [];
    for (const [port, openedAt] of this.ports) if (this.ownerOf(port, openedAt) === id) ports.push(port);
    return ports.sort((a, b) => a - b);
  }

  list(): ProcessInfo[] {
    return [...this.tracked.values()].map((t) => this.info(t));
  }

  private info(t: Tracked): ProcessInfo {
    const running = t.exitCode === undefined;
    return {
      id: t.process.id,
      command: t.command,
      origin: t.origin,
      running,
      ports: running ? this.portsOf(t.process.id) : [],
      ...(running ? {} : { exit_code: t.exitCode }),
    };
  }

  get(id: string): ProcessInfo | undefined {
    const t = this.tracked.get(id);
    return t ? this.info(t) : undefined;
  }

  /** Everything the process printed that is still kept, cleaned of colours and progress redraws. */
  output(id: string): string | undefined {
    const t = this.tracked.get(id);
    return t ? cleanTerminalOutput(t.output.text()) : undefined;
  }

  /** A bookmark in a process's output, to read what it printed after this moment. */
  outputMark(id: string): number {
    return this.tracked.get(id)?.output.totalChars ?? 0;
  }

  /** What the process printed after `mark` (of outputMark), as far as it is still kept. */
  outputSince(id: string, mark: number): string {
    const t = this.tracked.get(id);
    if (!t) return '';
    const kept = t.output.text();
    const keptFrom = t.output.totalChars - kept.length;
    return cleanTerminalOutput(kept.slice(Math.max(0, mark - keptFrom)));
  }

  /** Running processes, newest first. */
  running(): ProcessInfo[] {
    return this.list()
      .filter((p) => p.running)
      .reverse();
  }

  /** Kills the process and its children; resolves once it ended (or gave up waiting). */
  async stop(id: string): Promise<boolean> {
    const t = this.tracked.get(id);
    if (!t) return false;
    if (t.exitCode !== undefined) return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ended = await Promise.race([
      t.process
        .kill()
        .catch(() => undefined)
        .then(() => t.process.exit)
        .then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), STOP_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    return ended;
  }

  dispose(): void {
    this.stopPorts();
    for (const t of this.tracked.values()) t.stopOutput();
    this.tracked.clear();
  }
}
