import { realTimers, type GateTimers } from './language-worker-gate';

/**
 * Holds back the creation of the code editor while the agent works (a prompt about to be sent, a reply streaming, tool
 * calls running), for a short while at most. Creating it takes the page's main thread for about 150 ms, and showing
 * each file the agent writes costs more; when a step's files arrive at once (a fast model), that work sat between the
 * prompt, the writes and the `npm install` after them, and put a third of a second on the way to a running app.
 */
export class EditorStartGate {
  private busy = false;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly maxWaitMs: number,
    private readonly timers: GateTimers = realTimers,
  ) {}

  setBusy(busy: boolean): void {
    this.busy = busy;
    if (!busy) this.releaseAll();
  }

  /** The person reached for the code: the editor comes now. */
  release(): void {
    this.releaseAll();
  }

  /** Resolves once the editor may be created: at once when the agent is not working, else when it stops or after `maxWaitMs`. */
  wait(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.timers.clear(handle);
        this.waiters.delete(done);
        resolve();
      };
      const handle = this.timers.set(done, this.maxWaitMs);
      this.waiters.add(done);
    });
  }

  private releaseAll(): void {
    for (const done of [...this.waiters]) done();
  }
}
