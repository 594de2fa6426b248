import type { RuntimeProcess } from '@/lib/runtime/types';
import { TerminalSurface } from './terminal-surface';

const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';
/** Keys typed while the shell starts are kept for it; beyond this much, a paste into nothing is not worth holding. */
const MAX_EARLY_INPUT_CHARS = 64 * 1024;

export type OpenShell = (size: { cols: number; rows: number }) => Promise<RuntimeProcess | null>;

/** One user terminal tab: an interactive shell in the project, connected to an xterm surface. */
export class ShellTab {
  readonly surface = new TerminalSurface();
  private process: RuntimeProcess | null = null;
  private stopOutput: (() => void) | null = null;
  private started = false;
  private closed = false;
  /** The shell could not start, or has exited: nothing more goes to a process. */
  private ended = false;
  private earlyInput = '';
  private earlyInputFull = false;
  private earlySize: { cols: number; rows: number } | null = null;

  constructor(
    readonly id: string,
    readonly title: string,
    private readonly openShell: OpenShell,
  ) {}

  async start(size: { cols: number; rows: number }): Promise<void> {
    if (this.started) return;
    this.started = true;
    let process: RuntimeProcess | null;
    try {
      process = await this.openShell(size);
    } catch (error) {
      this.endWithoutProcess();
      const reason = error instanceof Error ? error.message : String(error);
      this.surface.write(`${RED}The shell could not start: ${reason}${RESET}\r\n`);
      return;
    }
    if (!process) {
      this.endWithoutProcess();
      this.surface.write(
        `${DIM}No runtime is ready yet, so there is no shell to open. ` +
          `Wait until the status at the top says "ready", then open a new tab with +.${RESET}\r\n`,
      );
      return;
    }
    if (this.closed) {
      void process.kill();
      return;
    }
    this.process = process;
    this.stopOutput = process.onOutput((chunk) => this.surface.write(chunk));
    if (this.earlySize) process.resize(this.earlySize.cols, this.earlySize.rows);
    if (this.earlyInput) process.write(this.earlyInput);
    this.earlyInput = '';
    this.earlySize = null;
    void process.exit.then((code) => {
      if (this.closed) return;
      this.process = null;
      this.ended = true;
      this.surface.startLine();
      this.surface.write(`${DIM}The shell ended (exit code ${code}). Close this tab and press + for a new one.${RESET}\r\n`);
    });
  }

  input(data: string): void {
    if (this.process) {
      this.process.write(data);
    } else if (this.waitingForProcess() && !this.earlyInputFull) {
      // Past the cap, nothing more is kept: later keys without the ones before them would run something else.
      if (this.earlyInput.length + data.length <= MAX_EARLY_INPUT_CHARS) this.earlyInput += data;
      else this.earlyInputFull = true;
    }
  }

  resize(size: { cols: number; rows: number }): void {
    if (this.process) this.process.resize(size.cols, size.rows);
    else if (this.waitingForProcess()) this.earlySize = size;
  }

  private waitingForProcess(): boolean {
    return !this.closed && !this.ended;
  }

  private endWithoutProcess(): void {
    this.ended = true;
    this.earlyInput = '';
    this.earlySize = null;
  }

  close(): void {
    this.closed = true;
    this.stopOutput?.();
    this.stopOutput = null;
    const process = this.process;
    this.process = null;
    if (process) void process.kill();
  }
}
