import { getToolName, isToolUIPart } from 'ai';
import { sendsAutomatically } from '../agent/agent-loop';
import type { ChatMessage, ChatMessagePart } from './chat-message';
import { INTERRUPTED_TOOL_TEXT, settleInterruptedTools } from './turn-state';

type ToolPart = Extract<ChatMessagePart, { toolCallId: string }>;

function isTool(part: ChatMessagePart): part is ToolPart {
  return isToolUIPart(part);
}

function isUnsettled(part: ChatMessagePart): boolean {
  if (isTool(part)) return part.state === 'input-streaming' || part.state === 'input-available';
  return part.type === 'text' && part.state === 'streaming';
}

/**
 * Whether the chat as stored was cut off mid-turn (the page was reloaded or closed, or the tab
 * died): the reply never came, a step was still streaming or running, or the agent would have
 * gone on by itself. A turn the person stopped, or one waiting for them, is not interrupted.
 */
export function wasInterrupted(messages: readonly ChatMessage[], options: { pendingPrompt: string | null }): boolean {
  const last = messages[messages.length - 1];
  if (!last || last.metadata?.stopped) return false;
  if (last.metadata?.interrupted) return true;
  // A first prompt from the home page is still to be sent, so its reply is not missing.
  if (last.role === 'user') return options.pendingPrompt === null;
  if (last.role !== 'assistant') return false;
  if (last.parts.some(isUnsettled)) return true;
  return sendsAutomatically(messages, { stopped: false });
}

/** Marks the last message interrupted (the UI offers Continue) and settles its unfinished tools. */
export function markInterrupted(messages: ChatMessage[]): ChatMessage[] {
  const settled = settleInterruptedTools(messages);
  const last = settled[settled.length - 1];
  if (!last || last.metadata?.interrupted) return settled;
  return [...settled.slice(0, -1), { ...last, metadata: { ...last.metadata, interrupted: true } }];
}

/** Drops the interrupted mark from the last message once the turn goes on. */
export function clearInterrupted(messages: ChatMessage[]): ChatMessage[] {
  const last = messages[messages.length - 1];
  if (!last?.metadata?.interrupted) return messages;
  const metadata = { ...last.metadata };
  delete metadata.interrupted;
  return [...messages.slice(0, -1), { ...last, metadata }];
}

export interface InterruptionSummary {
  done: string[];
  notDone: string[];
  /** "Interrupted. Done: wrote 3 files. Not done: npm install." */
  sentence: string;
}

const MAX_COMMAND_CHARS = 60;

function inputField(input: unknown, key: string): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const value = (input as Record<string, unknown>)[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function oneLine(command: string): string {
  const line = command.replace(/\s+/g, ' ').trim();
  return line.length > MAX_COMMAND_CHARS ? `${line.slice(0, MAX_COMMAND_CHARS - 1)}…` : line;
}

function files(count: number, verb: string): string {
  return `${verb} ${count} file${count === 1 ? '' : 's'}`;
}

/** What a tool call that did not finish was doing, in a person's words. */
function unfinished(toolName: string, input: unknown): string {
  const path = inputField(input, 'path');
  switch (toolName) {
    case 'run_command':
      return oneLine(inputField(input, 'command') ?? 'a command');
    case 'write_file':
      return `writing ${path ?? 'a file'}`;
    case 'edit_file':
      return `changing ${path ?? 'a file'}`;
    case 'delete_file':
      return `deleting ${path ?? 'a file'}`;
    case 'move_file':
      return `moving ${inputField(input, 'from') ?? 'a file'}`;
    case 'check_preview':
    case 'test_preview':
      return 'checking the preview';
    default:
      return toolName.replace(/_/g, ' ');
  }
}

/** The assistant messages of the latest turn (after the last user message). */
function latestTurn(messages: readonly ChatMessage[]): ChatMessage[] {
  const lastUser = messages.findLastIndex((message) => message.role === 'user');
  return messages.slice(lastUser + 1).filter((message) => message.role === 'assistant');
}

/**
 * What the latest turn finished and what it did not, for a turn cut off by a reload or a failed
 * request. Finished file changes are counted per file; commands that ran are named; what was still
 * streaming or running when the turn stopped is "not done", else the agent's next step is.
 */
export function summarizeInterruption(messages: readonly ChatMessage[]): InterruptionSummary {
  const written = new Set<string>();
  const changed = new Set<string>();
  const deleted = new Set<string>();
  const moved = new Set<string>();
  const ran: string[] = [];
  let checked = false;
  const notDone: string[] = [];

  for (const message of settleInterruptedTools(latestTurn(messages))) {
    for (const part of message.parts) {
      if (part.type === 'data-interrupted-tool') {
        notDone.push(unfinished(part.data.toolName, part.data));
        continue;
      }
      if (!isTool(part)) continue;
      const toolName = getToolName(part);
      if (part.state === 'output-error' && part.errorText === INTERRUPTED_TOOL_TEXT) {
        notDone.push(unfinished(toolName, part.input));
        continue;
      }
      if (part.state !== 'output-available') continue;
      const path = inputField(part.input, 'path');
      if (toolName === 'write_file' && path) written.add(path);
      else if (toolName === 'edit_file' && path) changed.add(path);
      else if (toolName === 'delete_file' && path) deleted.add(path);
      else if (toolName === 'move_file') moved.add(inputField(part.input, 'from') ?? String(moved.size));
      else if (toolName === 'run_command') ran.push(`ran ${oneLine(inputField(part.input, 'command') ?? 'a command')}`);
      else if (toolName === 'check_preview' || toolName === 'test_preview') checked = true;
    }
  }
  for (const path of written) changed.delete(path);

  const done = [
    ...(written.size ? [files(written.size, 'wrote')] : []),
    ...(changed.size ? [files(changed.size, 'changed')] : []),
    ...(deleted.size ? [files(deleted.size, 'deleted')] : []),
    ...(moved.size ? [files(moved.size, 'moved')] : []),
    ...[...new Set(ran)],
    ...(checked ? ['checked the preview'] : []),
  ];
  const missing = notDone.length > 0 ? [...new Set(notDone)] : ["the agent's next step"];
  const sentence = `Interrupted. Done: ${done.length > 0 ? done.join(', ') : 'nothing yet'}. Not done: ${missing.join(', ')}.`;
  return { done, notDone: missing, sentence };
}
