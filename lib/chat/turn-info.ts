import type { FailedCommand } from '../agent/fix-attempts';
import { commandFailed, type EvidenceError, type TurnEvidence } from '../agent/turn-status';
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
