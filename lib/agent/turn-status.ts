import type { Runtime } from '../runtime/types';

export type TurnStatusKind = 'running-ok' | 'running-errors' | 'not-running' | 'not-checked';

export interface TurnStatus {
  kind: TurnStatusKind;
  label: string;
  errorCount: number;
  /** The latest test_preview since the latest change: "Checked in the preview: clicked 'Add', saw 'Count: 1' ✓". */
  check?: { passed: boolean; label: string; failure?: string };
  /** The saved checks, run again after a turn that changed files: "3 of 3 checks still pass". */
  savedChecks?: { passed: boolean; label: string };
  /** The agent tried the app in the preview after its own last change; a later change by the person resets `check`, not this. */
  testedAfterItsChanges?: boolean;
}

/** One test_preview the agent ran. */
export interface CheckEvidence {
  passed: boolean;
  /** The details of the steps that ran, in order ("clicked 'Add'", "saw 'Count: 1'"). */
  steps: { ok: boolean; detail: string }[];
  /** Why it could not run at all (a tool error). */
  error?: string;
}

/** The saved checks' latest run after a change. */
export interface SavedChecksEvidence {
  total: number;
  broken: { name: string; detail: string }[];
}

export interface EvidenceError {
  message: string;
  source?: string;
}

export interface CommandEvidence {
  command: string;
  /** null when the command was stopped or timed out without an exit code. */
  exitCode: number | null;
  timedOut: boolean;
  output: string;
  /** Whether it ran after the latest file change (a failure before it may have been fixed since). */
  afterLastChange: boolean;
}

/** What the IDE saw during a turn; the status is derived from this alone, never from the model's words. */
export interface TurnEvidence {
  /** Files were written or deleted during the turn. */
  filesChanged: boolean;
  /** A dev server port is open now. */
  serverRunning: boolean;
  /** The preview finished loading after the latest file change. */
  previewLoadedSinceLastChange: boolean;
  /** Uncaught errors, unhandled rejections and console errors seen since the latest file change. */
  errorsSinceLastChange: EvidenceError[];
  /** The latest command of the turn, if any. */
  lastCommand: CommandEvidence | null;
  /** test_preview runs since the latest file change, in order. */
  checksSinceLastChange?: CheckEvidence[];
  /** The saved checks, when they ran after the latest file change. */
  savedChecks?: SavedChecksEvidence | null;
  /** A test_preview ran after the agent's latest file change in the turn. */
  testedAfterItsChanges?: boolean;
}

export function commandFailed(command: Pick<CommandEvidence, 'exitCode' | 'timedOut'>): boolean {
  return command.timedOut || command.exitCode !== 0;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * "Running, no errors" only when the dev server is up and the preview loaded with no uncaught
 * errors since the last change; a command that failed after the last change counts as an error.
 */
export function computeTurnStatus(evidence: TurnEvidence): TurnStatus {
  const base = runningStatus(evidence);
  const check = evidence.checksSinceLastChange?.at(-1);
  const saved = evidence.savedChecks;
  return {
    ...base,
    ...(check ? { check: describeCheck(check) } : {}),
    ...(saved && saved.total > 0 ? { savedChecks: describeSavedChecks(saved) } : {}),
    ...(evidence.testedAfterItsChanges ? { testedAfterItsChanges: true } : {}),
  };
}

function runningStatus(evidence: TurnEvidence): TurnStatus {
  const commandErrors = evidence.lastCommand && evidence.lastCommand.afterLastChange && commandFailed(evidence.lastCommand) ? 1 : 0;
  const errorCount = evidence.errorsSinceLastChange.length + commandErrors;
  if (!evidence.serverRunning) return { kind: 'not-running', label: 'Not running', errorCount };
  if (errorCount > 0) return { kind: 'running-errors', label: `Running, with ${plural(errorCount, 'error')}`, errorCount };
  if (!evidence.previewLoadedSinceLastChange) return { kind: 'not-checked', label: 'Not checked', errorCount: 0 };
  return { kind: 'running-ok', label: 'Running, no errors', errorCount: 0 };
}

/** The status of a finished turn as it was then, said in the past tense: "Was running, no errors". */
export function pastStatusLabel(status: Pick<TurnStatus, 'kind' | 'errorCount'>): string {
  switch (status.kind) {
    case 'running-ok':
      return 'Was running, no errors';
    case 'running-errors':
      return `Was running, with ${plural(status.errorCount, 'error')}`;
    case 'not-running':
      return 'Was not running';
    case 'not-checked':
      return 'Was running, not checked';
  }
}

/** "Checked in the preview: clicked 'Count: 0', saw 'Count: 1' ✓", or the step that failed with ✗. */
export function describeCheck(check: CheckEvidence): NonNullable<TurnStatus['check']> {
  if (check.error) return { passed: false, label: `Could not check in the preview: ${check.error}`, failure: check.error };
  const failed = check.steps.find((step) => !step.ok);
  const parts = check.steps.filter((step) => step.ok).map((step) => step.detail);
  if (!failed) return { passed: check.passed, label: `Checked in the preview: ${parts.join(', ')} ✓` };
  const done = parts.length > 0 ? `${parts.join(', ')} ✓, then ` : '';
  return { passed: false, label: `Checked in the preview: ${done}${failed.detail} ✗`, failure: failed.detail };
}

/** "3 of 3 checks still pass", or which one broke and how. */
export function describeSavedChecks(saved: SavedChecksEvidence): NonNullable<TurnStatus['savedChecks']> {
  const passing = saved.total - saved.broken.length;
  const still = `${passing} of ${saved.total} ${saved.total === 1 && passing === 1 ? 'check' : 'checks'} still ${passing === 1 ? 'passes' : 'pass'}`;
  if (saved.broken.length === 0) return { passed: true, label: still };
  const first = saved.broken[0];
  const others = saved.broken.length > 1 ? ` (and ${saved.broken.length - 1} more)` : '';
  return { passed: false, label: `${still}: the check "${first.name}" broke — ${first.detail}${others}` };
}

/** A test_preview result (or tool error) as check evidence. */
export function checkFromToolOutput(output: unknown, failed: boolean, errorText?: string): CheckEvidence {
  if (failed || !isRecord(output) || !Array.isArray(output.steps)) {
    return { passed: false, steps: [], error: (errorText ?? 'the check could not run').split('\n')[0] };
  }
  const steps = output.steps.filter(isRecord).map((step) => ({ ok: step.ok === true, detail: typeof step.detail === 'string' ? step.detail : '' }));
  return { passed: output.passed === true && steps.every((step) => step.ok), steps };
}

const CLAIM =
  /\b(works?|working|worked|done|fixed|resolved|running|ready|complete|completed|finished|live|up and running|all set|good to go|success(?:ful(?:ly)?)?|no (?:more )?errors?)\b/gi;
/** Words that, shortly before a claim in the same clause, undo it. */
const NEGATION =
  /\b(not|no longer|never|isn't|isnt|aren't|wasn't|weren't|doesn't|doesnt|don't|didn't|didnt|won't|can't|cannot|couldn't|couldnt|haven't|hasn't|unable|failed|fails|still broken|yet to)\b|n't\b/i;
/** Words that make the clause a condition, a question or a plan rather than a statement of fact. */
const HYPOTHETICAL =
  /\b(if|once|when|whether|until|unless|after|let me know|make sure|check|verify|to see|try|will|going to|i'll|we'll|might|may|need|needs|has to|have to|must)\b/i;

/** Steps of one reply are text parts joined without a space ("…a counter.Your counter works!"), so a capital after a full stop starts a clause too. */
function clauses(text: string): string[] {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .split(/(?<=[.!?;:])\s+|(?<=[a-z][.!?])(?=[A-Z])|\n+|,\s*(?:[Bb]ut|[Hh]owever|[Aa]lthough|[Tt]hough)\b/)
    .map((clause) => clause.trim())
    .filter(Boolean);
}

/** Whether the assistant's text states that the app works now ("Done, it works", "The bug is fixed"). */
export function claimsSuccess(assistantText: string): boolean {
  for (const clause of clauses(assistantText)) {
    if (clause.endsWith('?')) continue;
    for (const match of clause.matchAll(CLAIM)) {
      const before = clause.slice(0, match.index ?? 0).split(/,\s*/).pop() ?? '';
      const window = before.split(/\s+/).slice(-6).join(' ');
      if (NEGATION.test(window) || HYPOTHETICAL.test(window)) continue;
      // "working on it" is about the assistant, not the app; "ready yet"/"running not" trail a denial.
      const after = clause.slice((match.index ?? 0) + match[0].length);
      if (/^working$/i.test(match[0]) && /^\s+on\b/i.test(after)) continue;
      if (/^\s+(not|yet)\b/i.test(after)) continue;
      return true;
    }
  }
  return false;
}

/**
 * A sentence to show beside the status when the assistant claims success the evidence does not
 * support; null when they agree or the assistant claims nothing.
 */
export function detectClaimMismatch(assistantText: string, status: TurnStatus): string | null {
  if (!claimsSuccess(assistantText)) return null;
  if (status.check && !status.check.passed) return `The assistant said it works, but its own check failed: ${status.check.failure ?? status.check.label}`;
  if (status.savedChecks && !status.savedChecks.passed) return `The assistant said it works, but ${status.savedChecks.label}`;
  if (status.kind === 'running-ok') {
    return status.check || status.savedChecks || status.testedAfterItsChanges ? null : 'The assistant said it works, but did not test it in the preview.';
  }
  const claim = 'The assistant said the app works';
  switch (status.kind) {
    case 'running-errors':
      return `${claim}, but the preview has ${plural(status.errorCount, 'error')}.`;
    case 'not-running':
      return `${claim}, but it is not running.`;
    case 'not-checked':
      return `${claim}, but the preview has not loaded since the last change, so Tabsmith could not check it.`;
  }
}

export type TrackedCommand = Omit<CommandEvidence, 'afterLastChange'>;

/** One finished tool call of the turn, as the chat has it (a UI tool part in state output-available or output-error). */
export interface TurnToolEvent {
  toolName: string;
  input: unknown;
  output: unknown;
  /** The call ended as a tool error (`output-error`). */
  failed: boolean;
  errorText?: string;
}

export function commandOf(input: unknown): string {
  return isRecord(input) && typeof input.command === 'string' ? input.command : '';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A `run_command` result (or tool error) as command evidence; a background start that failed counts as a failure. */
export function commandFromToolOutput(output: unknown, failed: boolean, command = '', errorText?: string): TrackedCommand {
  if (failed || !isRecord(output)) {
    return { command, exitCode: null, timedOut: false, output: errorText ?? (typeof output === 'string' ? output : '') };
  }
  const text = typeof output.output === 'string' ? output.output : '';
  if (output.background === true || 'started' in output) {
    const exited = typeof output.exit_code === 'number' ? output.exit_code : null;
    const ok = output.started === true && (exited === null || exited === 0);
    return { command, exitCode: ok ? 0 : (exited ?? null), timedOut: false, output: text };
  }
  return {
    command,
    exitCode: typeof output.exit_code === 'number' ? output.exit_code : null,
    timedOut: output.timed_out === true,
    output: text,
  };
}

const MAX_TRACKED_ERRORS = 50;

/**
 * Collects turn evidence from IDE events. Port and preview state carry over between turns (the
 * server keeps running); `startTurn` only resets whether this turn changed files.
 */
export class TurnEvidenceTracker {
  /** Follows the runtime's ports and preview errors; returns the unsubscribe. Preview loads come from the preview pane. */
  attachRuntime(runtime: Pick<Runtime, 'onPort' | 'openPorts' | 'onPreviewError'>): () => void {
    for (const event of runtime.openPorts()) if (event.open) this.portOpened(event.port);
    const stopPorts = runtime.onPort((event) => (event.open ? this.portOpened(event.port) : this.portClosed(event.port)));
    const stopErrors = runtime.onPreviewError((error) => this.previewError(error));
    return () => {
      stopPorts();
      stopErrors();
    };
  }

  /**
   * Feeds one finished agent tool call. File changes from other sources (the editor, a restore)
   * go to `fileChanged` directly; changes a command makes (lockfiles, build output) should not.
   */
  toolResult(event: TurnToolEvent): void {
    const { toolName, output, failed } = event;
    if (toolName === 'write_file' || toolName === 'edit_file' || toolName === 'delete_file') {
      if (!failed) this.fileChanged();
      return;
    }
    if (toolName === 'run_command') {
      this.commandResult(commandFromToolOutput(output, failed, commandOf(event.input), event.errorText));
      return;
    }
    if (toolName === 'test_preview') {
      const check = checkFromToolOutput(output, failed, event.errorText);
      this.testedAfterItsChanges = true;
      if (this.checks.length < MAX_TRACKED_ERRORS) this.checks.push(check);
      else this.checks = [...this.checks.slice(1), check];
      if (!failed && isRecord(output) && Array.isArray(output.errors)) this.previewErrorsFrom(output.errors);
      return;
    }
    if (toolName === 'check_preview' && !failed && isRecord(output) && Array.isArray(output.errors)) this.previewErrorsFrom(output.errors);
  }

  private previewErrorsFrom(errors: unknown[]): void {
    for (const error of errors) {
      if (isRecord(error) && typeof error.message === 'string') {
        this.previewError({ message: error.message, ...(typeof error.source === 'string' ? { source: error.source } : {}) });
      }
    }
  }

  private readonly openPorts = new Set<number>();
  private checks: CheckEvidence[] = [];
  private savedChecks: SavedChecksEvidence | null = null;
  private testedAfterItsChanges = false;
  private filesChanged = false;
  private loadedSinceChange = false;
  private errors: EvidenceError[] = [];
  private lastCommand: CommandEvidence | null = null;

  startTurn(): void {
    this.filesChanged = false;
    this.testedAfterItsChanges = false;
    this.lastCommand = null;
  }

  /** A file changed: by the agent (its tools, or anything but the person), or by the person in the editor. */
  fileChanged(by: 'agent' | 'person' = 'agent'): void {
    if (by === 'agent') this.testedAfterItsChanges = false;
    this.filesChanged = true;
    this.loadedSinceChange = false;
    this.errors = [];
    this.checks = [];
    this.savedChecks = null;
    if (this.lastCommand) this.lastCommand = { ...this.lastCommand, afterLastChange: false };
  }

  portOpened(port: number): void {
    this.openPorts.add(port);
  }

  portClosed(port: number): void {
    this.openPorts.delete(port);
    if (this.openPorts.size === 0) this.loadedSinceChange = false;
  }

  previewLoaded(): void {
    if (this.openPorts.size > 0) this.loadedSinceChange = true;
  }

  previewError(error: EvidenceError): void {
    if (this.errors.some((seen) => seen.message === error.message && seen.source === error.source)) return;
    if (this.errors.length < MAX_TRACKED_ERRORS) this.errors.push({ message: error.message, ...(error.source ? { source: error.source } : {}) });
  }

  /** The saved checks ran again (after a turn that changed files). */
  savedChecksRan(result: SavedChecksEvidence): void {
    this.savedChecks = result;
  }

  commandResult(command: TrackedCommand): void {
    this.lastCommand = { ...command, afterLastChange: true };
  }

  evidence(): TurnEvidence {
    return {
      filesChanged: this.filesChanged,
      serverRunning: this.openPorts.size > 0,
      previewLoadedSinceLastChange: this.loadedSinceChange,
      errorsSinceLastChange: [...this.errors],
      lastCommand: this.lastCommand,
      checksSinceLastChange: [...this.checks],
      savedChecks: this.savedChecks,
      testedAfterItsChanges: this.testedAfterItsChanges,
    };
  }

  status(): TurnStatus {
    return computeTurnStatus(this.evidence());
  }
}
