/**
 * Holds back Monaco's language workers while the workbench is busy. The TypeScript worker alone is 7 MB of script that
 * takes a core for about two seconds to compile and start; started while the agent's first `npm install` runs, it
 * made that install a second slower on a two-core machine. Syntax colouring and live drafts need no worker, so only
 * diagnostics, hovers and completions wait, and never once the person works in the editor.
 */

/** Monaco's labels for language workers; any other label (the editor's own worker, used for diffs) is never held. */
export const LANGUAGE_WORKER_LABELS: ReadonlySet<string> = new Set([
  'typescript',
  'javascript',
  'json',
  'css',
  'scss',
  'less',
  'html',
  'handlebars',
  'razor',
]);

export interface GateTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: GateTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class LanguageWorkerGate {
  private isOpen = false;
  private busy = true;
  private quietTimer: unknown = null;
  private readonly waiters: Array<() => void> = [];

  /**
   * Closed until the workbench reports it is not busy and stays so for `quietMs`; a busy spell within that time starts
   * the wait again, so a Run pressed right after the page loads still holds the workers.
   */
  constructor(
    private readonly quietMs: number,
    private readonly timers: GateTimers = realTimers,
  ) {}

  get opened(): boolean {
    return this.isOpen;
  }

  setBusy(busy: boolean): void {
    if (this.isOpen || busy === this.busy) return;
    this.busy = busy;
    this.cancelQuietTimer();
    if (!busy) this.quietTimer = this.timers.set(() => this.open(), this.quietMs);
  }

  /** The person is using the editor: their diagnostics and completions come now, busy or not. */
  open(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    this.cancelQuietTimer();
    for (const release of this.waiters.splice(0)) release();
  }

  wait(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Wraps Monaco's worker factory so language workers are created only once the gate opens. */
  gateWorkerFactory<W>(
    create: (moduleId: string, label: string) => W | Promise<W>,
  ): (moduleId: string, label: string) => W | Promise<W> {
    return (moduleId, label) => {
      if (this.isOpen || !LANGUAGE_WORKER_LABELS.has(label)) return create(moduleId, label);
      return this.wait().then(() => create(moduleId, label));
    };
  }

  private cancelQuietTimer(): void {
    if (this.quietTimer === null) return;
    this.timers.clear(this.quietTimer);
    this.quietTimer = null;
  }
}
