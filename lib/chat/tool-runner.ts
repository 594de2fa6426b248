import { pathsOverlap } from './tool-paths';

export type ToolOutcome =
  | { state: 'output-available'; output: unknown }
  | { state: 'output-error'; errorText: string };

export interface ToolCallRequest {
  toolCallId: string;
  toolName: string;
  input: unknown;
}

export interface ToolRunnerDeps {
  /** Runs one tool; throws (a ToolError or anything else) when it fails. */
  execute(call: ToolCallRequest, signal: AbortSignal): Promise<unknown>;
  /** Hands the outcome to the chat; awaited so outcomes arrive in call order. */
  report(call: ToolCallRequest, outcome: ToolOutcome): Promise<void> | void;
  /**
   * The project paths a call changes, when it only changes files (null otherwise). A run of such calls on separate
   * paths runs side by side; without this every call waits for the one before it.
   */
  pathsChanged?(call: ToolCallRequest): string[] | null;
  /**
   * Makes the outcomes reported so far durable (the chat saved). Awaited before a call that waits for the ones before
   * it starts, and after the last queued call is reported: not after each call of a run side by side, whose outcomes
   * one save covers.
   */
  settle?(): Promise<void>;
}

/** Consecutive file-changing calls on separate paths, all waiting for the same barrier before them. */
interface ParallelRun {
  paths: string[];
  after: Promise<void>;
}

export const TOOL_STOPPED_TEXT = 'Stopped by the user.';
export const TOOL_NOT_RUN_TEXT = 'Not run: the user pressed Stop before this started.';

function errorTextOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'The tool failed without saying why.';
}

/**
 * Runs the agent's tool calls as soon as each one arrives, in the order the model made them: a call starts once every
 * call before it has run and been reported (a write must land before the command that uses it), except that
 * consecutive file changes on separate paths run side by side, so their files reach the runtime together. Outcomes
 * are reported in call order. Stop aborts the running calls and reports queued ones as not run.
 */
export class ToolRunner {
  /** Settles once every call enqueued so far has run and been reported. */
  private tail: Promise<void> = Promise.resolve();
  private parallel: ParallelRun | null = null;
  private controller = new AbortController();
  private pending = 0;
  private unsaved = false;
  private saving: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: ToolRunnerDeps) {}

  /** Called whenever `busy` may have changed. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setPending(delta: number): void {
    this.pending += delta;
    for (const listener of this.listeners) listener();
  }

  /** True while a tool call runs or waits to run. */
  get busy(): boolean {
    return this.pending > 0;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  enqueue(call: ToolCallRequest): Promise<void> {
    const signal = this.controller.signal;
    this.setPending(1);
    const after = this.startCondition(call);
    const outcome = after.then(() => this.runOne(call, signal));
    const reported = Promise.all([outcome, this.tail])
      .then(([result]) => this.deps.report(call, result))
      .then(() => {
        this.unsaved = true;
        return this.pending === 1 ? this.settle() : undefined;
      })
      .finally(() => this.setPending(-1));
    this.tail = reported.catch(() => {});
    return reported;
  }

  /** What the call waits for before it runs: the whole queue, or the barrier of the file changes it joins. */
  private startCondition(call: ToolCallRequest): Promise<void> {
    const paths = this.deps.pathsChanged?.(call) ?? null;
    const run = this.parallel;
    if (paths && run && !paths.some((path) => run.paths.some((other) => pathsOverlap(path, other)))) {
      run.paths.push(...paths);
      return run.after;
    }
    const after = this.tail.then(() => this.settle());
    this.parallel = paths ? { paths: [...paths], after } : null;
    return after;
  }

  /** Saves what was reported since the last save; a caller arriving while that save runs waits for it too. */
  private settle(): Promise<void> {
    if (this.unsaved) {
      this.unsaved = false;
      this.saving = Promise.resolve(this.deps.settle?.());
    }
    return this.saving;
  }

  private async runOne(call: ToolCallRequest, signal: AbortSignal): Promise<ToolOutcome> {
    if (signal.aborted) return { state: 'output-error', errorText: TOOL_NOT_RUN_TEXT };
    try {
      const output = await this.deps.execute(call, signal);
      return { state: 'output-available', output };
    } catch (error) {
      if (signal.aborted) return { state: 'output-error', errorText: TOOL_STOPPED_TEXT };
      return { state: 'output-error', errorText: errorTextOf(error) };
    }
  }

  /** Aborts the running and queued calls; later calls get a fresh signal. */
  abort(): void {
    this.parallel = null;
    this.controller.abort();
    this.controller = new AbortController();
  }

  /** Resolves once every call enqueued so far has reported. */
  idle(): Promise<void> {
    return this.tail;
  }
}
