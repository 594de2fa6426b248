import {
  buildFixRequest,
  findRelevantFiles,
  fixAttemptState,
  type FailedCommand,
  type FixAttemptState,
  type FixRequestFile,
} from '../agent/fix-attempts';
import { editsFiles } from '../agent/tools';
import { commandFailed, isRecord, type EvidenceError, type TurnEvidence, type TurnToolEvent } from '../agent/turn-status';
import type { FileContent } from '../project/types';
import type { ChatMessage } from './chat-message';

/** The two restore points around one agent turn, for its Changes view. */
export interface TurnRange {
  /** Taken before the user message that started the turn; null when none was taken. */
  before: string | null;
  /** The next restore point after the turn, or the files as they are now. */
  after: string | 'current';
}

/** The range of the assistant message at `index`: from its user message's checkpoint to the next one. */
export function turnRangeAt(messages: readonly ChatMessage[], index: number): TurnRange {
  let before: string | null = null;
  for (let i = index - 1; i >= 0; i--) {
    if (messages[i].role === 'user') {
      before = messages[i].metadata?.checkpointId ?? null;
      break;
    }
  }
  for (let i = index + 1; i < messages.length; i++) {
    const id = messages[i].role === 'user' ? messages[i].metadata?.checkpointId : undefined;
    if (id) return { before, after: id };
  }
  return { before, after: 'current' };
}

export interface TurnProblems {
  errors: EvidenceError[];
  failedCommand?: FailedCommand;
}

/** What went wrong since the last file change, as the IDE saw it; null when nothing did. */
export function problemsOf(evidence: TurnEvidence): TurnProblems | null {
  const command = evidence.lastCommand;
  const failedCommand = command && command.afterLastChange && commandFailed(command) ? command : undefined;
  if (evidence.errorsSinceLastChange.length === 0 && !failedCommand) return null;
  return {
    errors: evidence.errorsSinceLastChange,
    ...(failedCommand
      ? {
          failedCommand: {
            command: failedCommand.command,
            exitCode: failedCommand.exitCode,
            timedOut: failedCommand.timedOut,
            output: failedCommand.output,
          },
        }
      : {}),
  };
}

function firstLine(text: string, max = 160): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** One plain sentence per problem, for the chat. */
export function describeProblems(problems: TurnProblems): string[] {
  const lines: string[] = [];
  const command = problems.failedCommand;
  if (command) {
    const how = command.timedOut ? 'did not finish in time' : command.exitCode === null ? 'could not run' : `failed (exit code ${command.exitCode})`;
    const said = firstLine(command.output.split('\n').filter((l) => l.trim()).at(-1) ?? '');
    lines.push(`The command "${command.command || 'the last command'}" ${how}${said ? `: ${said}` : '.'}`);
  }
  const count = problems.errors.length;
  if (count > 0) {
    lines.push(`The preview reported ${count === 1 ? 'an error' : `${count} errors`}: ${firstLine(problems.errors[0].message)}`);
  }
  return lines;
}

/** Paths the turn's file tools wrote or deleted, in order, each once (latest last). */
export function changedPathsOf(events: readonly TurnToolEvent[]): string[] {
  const paths: string[] = [];
  for (const event of events) {
    if (event.failed || !['write_file', 'edit_file', 'delete_file'].includes(event.toolName)) continue;
    const path = isRecord(event.input) && typeof event.input.path === 'string' ? event.input.path : null;
    if (!path) continue;
    const at = paths.indexOf(path);
    if (at !== -1) paths.splice(at, 1);
    paths.push(path);
  }
  return paths;
}

/** The message "Fix it" sends: the real errors plus the text files they most likely involve. */
export function fixItMessage(
  problems: TurnProblems,
  project: { listFiles(): string[]; readFile(path: string): FileContent | undefined },
  changedFiles: readonly string[],
): string {
  const relevant = findRelevantFiles({
    errors: problems.errors,
    failedCommand: problems.failedCommand,
    projectFiles: project.listFiles(),
    changedFiles,
  });
  const files = relevant.map((path): string | FixRequestFile => {
    const content = project.readFile(path);
    return typeof content === 'string' ? { path, content } : path;
  });
  return buildFixRequest({ errors: problems.errors, failedCommand: problems.failedCommand, files });
}

/** What the chat says once automatic fixing used up its attempts. */
export function fixLimitNote(state: Pick<FixAttemptState, 'attempts' | 'openFailures'>): string {
  const times = state.attempts === 1 ? 'once' : state.attempts === 2 ? 'twice' : `${state.attempts} times`;
  const problems: TurnProblems = { errors: [] };
  for (const failure of state.openFailures) {
    if (failure.kind === 'command') problems.failedCommand = failure.command;
    else problems.errors = [...problems.errors, ...failure.errors];
  }
  const still = describeProblems(problems).join(' ');
  return `Tried to fix it ${times}; stopping here. ${still ? `Still failing: ${still} ` : ''}Press "Fix it" to let it try again.`;
}

/**
 * The fix-attempt state once automatic fixing must end: the attempts are used up and the check
 * after the last one failed too. The last attempt still gets its check, so while the latest
 * tool call is a file change this is null. Further file changes are refused by `mustStop` alone.
 */
export function fixLimitReached(events: readonly TurnToolEvent[]): FixAttemptState | null {
  const state = fixAttemptState(events);
  if (!state.mustStop) return null;
  const last = events.at(-1);
  if (!last || editsFiles(last.toolName)) return null;
  return state;
}
