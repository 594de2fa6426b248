import { getToolName, isToolUIPart, type UIMessage } from 'ai';
import { editsFiles } from './tools';
import {
  commandFailed,
  commandFromToolOutput,
  commandOf,
  isRecord,
  type EvidenceError,
  type TurnToolEvent,
} from './turn-status';

/** Automatic fix attempts the agent may make per user turn before it must stop and report. */
export const MAX_AUTO_FIX_ATTEMPTS = 2;

export interface FailedCommand {
  command: string;
  exitCode: number | null;
  timedOut?: boolean;
  output: string;
}

export type TurnFailure = { kind: 'command'; command: FailedCommand } | { kind: 'preview'; errors: EvidenceError[] };

export interface FixAttemptState {
  /** Fix attempts at the failure the agent is working on (the latest one still open). */
  attempts: number;
  /** Something failed and has not been seen succeeding since. */
  failing: boolean;
  /** The failures still open, latest last. */
  openFailures: TurnFailure[];
  /** Another automatic fix attempt may start. */
  mayTryAgain: boolean;
  /** The limit is used up for the latest failure and it still fails: no more automatic changes; the agent must report. */
  mustStop: boolean;
}

function previewErrorsOf(output: unknown): EvidenceError[] | null {
  if (!isRecord(output)) return null;
  const errors = Array.isArray(output.errors)
    ? output.errors.filter(isRecord).flatMap((error) =>
        typeof error.message === 'string'
          ? [{ message: error.message, ...(typeof error.source === 'string' ? { source: error.source } : {}) }]
          : [],
      )
    : [];
  if (output.status === 'error' || errors.length > 0) return errors.length > 0 ? errors : [{ message: 'The preview reported an error.' }];
  return output.status === 'ready' ? [] : null;
}

const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);

/**
 * Which failure a command's result speaks about: "npm run build -- --mode x" and "npm run build"
 * are the same check, "npm install" and "npm run build" are not. Environment assignments, flags and
 * all but the last of chained commands do not matter.
 */
export function commandFamily(command: string): string {
  const segments = command.split(/&&|\|\||;|\n/).map((segment) => segment.trim()).filter(Boolean);
  const last = segments.at(-1) ?? '';
  const words = last
    .split(/\s+/)
    .filter((word) => word && !word.startsWith('-') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
  if (words.length === 0) return last;
  const [program] = words;
  const take = PACKAGE_MANAGERS.has(program) && (words[1] === 'run' || words[1] === 'run-script') ? 3 : 2;
  return words.slice(0, take).join(' ');
}

interface OpenFailure {
  failure: TurnFailure;
  /** File-change runs made while this failure was open. */
  attempts: number;
  /** A run of file changes is under way since this failure was last seen. */
  inAttempt: boolean;
}

/**
 * Counts fix attempts per failure in one user turn's tool calls, in order. A failure is a command
 * that failed (keyed by its command family) or a preview check that found errors; it stays open
 * until the same check succeeds, and its count starts over once it is gone. Each run of file
 * changes is one attempt at every failure open at the time. Only the latest failure decides
 * whether the agent must stop, so a new, unrelated failure can still be fixed.
 */
export function fixAttemptState(events: readonly TurnToolEvent[], maxAttempts = MAX_AUTO_FIX_ATTEMPTS): FixAttemptState {
  const open = new Map<string, OpenFailure>();
  const reopen = (key: string, failure: TurnFailure) => {
    const previous = open.get(key);
    open.delete(key);
    open.set(key, { failure, attempts: previous?.attempts ?? 0, inAttempt: false });
  };
  for (const event of events) {
    if (editsFiles(event.toolName)) {
      if (event.failed) continue;
      for (const entry of open.values()) {
        if (entry.inAttempt) continue;
        entry.attempts++;
        entry.inAttempt = true;
      }
      continue;
    }
    if (event.toolName === 'run_command') {
      const command = commandFromToolOutput(event.output, event.failed, commandOf(event.input), event.errorText);
      const key = `command:${commandFamily(command.command)}`;
      const background = isRecord(event.output) && (event.output.background === true || 'started' in event.output);
      if (commandFailed(command)) reopen(key, { kind: 'command', command });
      else if (!background || open.has(key)) open.delete(key);
      continue;
    }
    if (event.toolName === 'check_preview' && !event.failed) {
      const errors = previewErrorsOf(event.output);
      if (errors === null) continue;
      if (errors.length > 0) reopen('preview', { kind: 'preview', errors });
      else open.delete('preview');
    }
  }
  const entries = [...open.values()];
  const latest = entries.at(-1);
  const attempts = latest?.attempts ?? 0;
  return {
    attempts,
    failing: entries.length > 0,
    openFailures: entries.map((entry) => entry.failure),
    mayTryAgain: attempts < maxAttempts,
    mustStop: latest !== undefined && attempts >= maxAttempts,
  };
}

/** The tool calls since the last user message, finished ones only, in order. */
export function toolEventsSinceLastUser(messages: readonly UIMessage[]): TurnToolEvent[] {
  let start = messages.length;
  while (start > 0 && messages[start - 1].role !== 'user') start--;
  const events: TurnToolEvent[] = [];
  for (const message of messages.slice(start)) {
    if (message.role !== 'assistant') continue;
    for (const part of message.parts) {
      if (!isToolUIPart(part)) continue;
      if (part.state === 'output-available') {
        events.push({ toolName: getToolName(part), input: part.input, output: part.output, failed: false });
      } else if (part.state === 'output-error') {
        events.push({ toolName: getToolName(part), input: part.input, output: undefined, failed: true, errorText: part.errorText });
      }
    }
  }
  return events;
}

function describeFailure(failure: TurnFailure): string {
  if (failure.kind === 'preview') {
    const first = failure.errors[0]?.message.split('\n')[0] ?? 'an error';
    return `the preview still shows "${truncate(first, 200)}"`;
  }
  const { command, exitCode, timedOut } = failure.command;
  const how = timedOut ? 'timed out' : exitCode === null ? 'could not run' : `failed with exit code ${exitCode}`;
  return `\`${command || 'the last command'}\` ${how}`;
}

/**
 * Returned to the model instead of performing a file change once the limit is used up, so it
 * stops and tells the person what it tried.
 */
export function fixLimitToolError(state: FixAttemptState): string {
  const still = state.openFailures.map(describeFailure).join('; ');
  return `Automatic fixing has stopped: you already made ${state.attempts} fix attempts in this turn and ${still || 'it still fails'}. Do not change any more files. Tell the user in plain words what you tried, what still fails, and that they can press "Fix it" to let you try again.`;
}

/** What the chat shows the person when automatic fixing stopped. */
export function fixLimitNotice(state: FixAttemptState): string {
  const still = state.openFailures.map(describeFailure).join('; ');
  return `The assistant tried to fix this ${state.attempts === 1 ? 'once' : `${state.attempts} times`} and stopped${still ? `: ${still}` : ''}. Press "Fix it" to let it try again.`;
}

export interface FixRequestFile {
  path: string;
  content: string;
}

export interface FixRequestInput {
  errors: EvidenceError[];
  failedCommand?: FailedCommand;
  /** Paths, or paths with their current content. */
  files: (string | FixRequestFile)[];
}

const MAX_ERRORS = 10;
const MAX_ERROR_CHARS = 2000;
const MAX_OUTPUT_CHARS = 4000;
const MAX_FILE_CHARS = 6000;
const MAX_TOTAL_FILE_CHARS = 20_000;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (cut)` : text;
}

/** Keeps the end: compilers and test runners put the real error last. */
function tail(text: string, max: number): string {
  return text.length > max ? `…(earlier output cut)\n${text.slice(text.length - max)}` : text;
}

function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}\n${text.replace(/\n$/, '')}\n${ticks}`;
}

/** The message "Fix it" sends: the real error output and the files that are probably involved. */
export function buildFixRequest(input: FixRequestInput): string {
  const sections: string[] = ['The app has a problem. Please find the cause and fix it.'];
  const errors = input.errors.slice(0, MAX_ERRORS);
  if (errors.length > 0) {
    const more = input.errors.length - errors.length;
    const lines = errors.map((error, index) => {
      const where = error.source ? `\n   at ${error.source}` : '';
      return `${index + 1}. ${truncate(error.message.trim(), MAX_ERROR_CHARS).replace(/\n/g, '\n   ')}${where}`;
    });
    if (more > 0) lines.push(`…and ${more} more.`);
    sections.push(`Errors in the preview (${input.errors.length}):\n${lines.join('\n')}`);
  }
  const command = input.failedCommand;
  if (command) {
    const how = command.timedOut
      ? 'did not finish in time'
      : command.exitCode === null
        ? 'could not run'
        : `failed with exit code ${command.exitCode}`;
    const output = command.output.trim();
    sections.push(
      `The command \`${command.command}\` ${how}.${output ? ` The end of its output:\n${fence(tail(output, MAX_OUTPUT_CHARS))}` : ' It printed nothing.'}`,
    );
  }
  if (input.files.length > 0) {
    let budget = MAX_TOTAL_FILE_CHARS;
    const parts = input.files.map((file) => {
      if (typeof file === 'string') return `- ${file}`;
      if (budget <= 0) return `- ${file.path} (read it with read_file; left out here to keep this short)`;
      const content = truncate(file.content, Math.min(MAX_FILE_CHARS, budget));
      budget -= content.length;
      return `- ${file.path}\n${fence(content)}`;
    });
    sections.push(`Files that are probably involved:\n${parts.join('\n')}`);
  }
  sections.push(
    'Fix the cause rather than hiding the error. Then run the app and use check_preview to confirm the errors are gone. If you cannot fix it, say plainly what you tried and what still fails.',
  );
  return sections.join('\n\n');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Project files named in the error output (by path, or by a file name unique in the project),
 * in order of first mention, then the files the turn changed (latest last in `changedFiles`, listed latest first), up to `max`.
 */
export function findRelevantFiles(input: {
  errors: EvidenceError[];
  failedCommand?: FailedCommand;
  projectFiles: readonly string[];
  changedFiles?: readonly string[];
  max?: number;
}): string[] {
  const max = input.max ?? 6;
  const text = [...input.errors.flatMap((error) => [error.message, error.source ?? '']), input.failedCommand?.output ?? ''].join('\n');
  const baseCounts = new Map<string, number>();
  for (const path of input.projectFiles) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    baseCounts.set(base, (baseCounts.get(base) ?? 0) + 1);
  }
  const mentioned: { path: string; at: number }[] = [];
  for (const path of input.projectFiles) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    const byPath = new RegExp(`(?:^|[\\s/("'\`])${escapeRegExp(path)}(?![\\w.-])`, 'm').exec(text);
    const byName =
      !byPath && baseCounts.get(base) === 1 && base.includes('.')
        ? new RegExp(`(?:^|[\\s/("'\`])${escapeRegExp(base)}(?![\\w.-])`, 'm').exec(text)
        : null;
    const found = byPath ?? byName;
    if (found) mentioned.push({ path, at: found.index });
  }
  mentioned.sort((a, b) => a.at - b.at || a.path.localeCompare(b.path));
  const picked = mentioned.map((m) => m.path);
  for (const path of [...(input.changedFiles ?? [])].reverse()) if (!picked.includes(path)) picked.push(path);
  return picked.slice(0, max);
}
