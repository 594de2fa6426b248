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
}

export const TOOL_STOPPED_TEXT = 'Stopped by the user.';
export const TOOL_NOT_RUN_TEXT = 'Not run: the user pressed Stop before this started.';

function errorTextOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'The tool failed without saying why.';
}

/**
 * Runs the agent's tool calls one at a time, in the order the model made them (a write must land
 * before the command that uses it). Stop aborts the running call and reports queued ones as not run.
 */
export class ToolRunner {
  private tail: Promise<void> = Promise.resolve();
  private controller = new AbortController();
  private pending = 0;
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
    const run = async () => {
      try {
        const outcome = await this.runOne(call, signal);
        await this.deps.report(call, outcome);
      } finally {
        this.setPending(-1);
      }
    };
    const next = this.tail.then(run, run);
    this.tail = next.catch(() => {});
    return next;
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
    this.controller.abort();
    this.controller = new AbortController();
  }

  /** Resolves once every call enqueued so far has reported. */
  idle(): Promise<void> {
    return this.tail;
  }
}
