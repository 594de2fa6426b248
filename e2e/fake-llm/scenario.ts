/** A scripted conversation the fake model replays, one step per request. */
export interface Scenario {
  name: string;
  /** Words that pick this scenario when they appear in the first user message (whole words, any case). */
  keywords?: string[];
  steps: ScenarioStep[];
}

export interface ScenarioToolCall {
  name: string;
  /** Sent as JSON. */
  arguments?: Record<string, unknown>;
  /** Sent verbatim instead of `arguments`, e.g. malformed JSON. */
  raw_arguments?: string;
  /**
   * Adds `id`: the process id from the latest `run_command` result (in this conversation) for this exact command,
   * since the runtime picks process ids at random.
   */
  id_of_command?: string;
}

export type ScenarioFailure =
  | { status: 401 | 403 | 404 | 429 | 500 | 503; retry_after?: number; message?: string }
  /** Stream this step normally, then destroy the socket after N SSE chunks. */
  | { cut_after_chunks: number };

export interface ScenarioStep {
  text?: string;
  tool_calls?: ScenarioToolCall[];
  /** Fail instead of answering; after `fail_times` failed requests on this step it is answered normally. */
  fail?: ScenarioFailure;
  /** Default: fail every time. The chat route retries retryable errors (429, 5xx) once, so 2 means "the user's retry works". */
  fail_times?: number;
  /** Characters per streamed piece (default 24). */
  chunk_size?: number;
  /** Pause between streamed pieces (default 2 ms). */
  chunk_delay_ms?: number;
  /**
   * Pace text and tool-call pieces to this rate (a token counted as 4 characters) against the clock, so sleep
   * overshoot on a loaded machine does not slow the stream; replaces `chunk_delay_ms`.
   */
  tokens_per_second?: number;
  /**
   * Only the first N requests for this step are paced (`chunk_delay_ms`, `tokens_per_second`); later ones
   * stream at full speed, as when a turn cut off mid-stream is continued.
   */
  paced_times?: number;
}
