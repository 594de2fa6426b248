import { realTimers, type GateTimers } from './language-worker-gate';

/**
 * Holds back the creation of the code editor while the agent is busy with the page (a prompt about to be sent and
 * answered, tool calls running), for a short while at most. Creating it takes the page's main thread for about 150 ms,
 * and showing each file the agent writes costs more; when a step's files arrive at once (a fast model), that work sat
 * between the prompt, the writes and the `npm install` after them, and put a third of a second on the way to a running
 * app. A reply that streams leaves the page quiet between its tool calls, and the editor comes then.
 */
export class EditorStartGate {
  private busy = false;
  private quietTimer: unknown = null;
  private readonly waiters = new Set<() => void>();

  /**
   * `quietMs`: how long the agent must have been quiet before the editor starts, so the gap between a reply's first
   * piece and the tool calls it carries does not count. `maxWaitMs`: the longest the editor waits in any case.
   */
  constructor(
    private readonly quietMs: number,
    private readonly maxWaitMs: number,
    private readonly timers: GateTimers = realTimers,
  ) {}

  setBusy(busy: boolean): void {
    if (busy === this.busy) return;
    this.busy = busy;
    if (this.quietTimer !== null) this.timers.clear(this.quietTimer);
    this.quietTimer = busy
      ? null
      : this.timers.set(() => {
          this.quietTimer = null;
          this.release();
        }, this.quietMs);
  }

  /** The editor comes now: the agent has been quiet long enough, or the person reached for the code. */
  release(): void {
    for (const done of [...this.waiters]) done();
  }

  /** Resolves once the editor may be created: at once when the agent is quiet, else once it is, or after `maxWaitMs`. */
  wait(): Promise<void> {
    if (!this.busy && this.quietTimer === null) return Promise.resolve();
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
}
