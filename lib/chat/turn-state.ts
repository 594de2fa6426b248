import { getToolName, isToolUIPart } from 'ai';
import type { ChatMessage, ChatMessagePart, TokenUsage } from './chat-message';

export const STOPPED_TOOL_TEXT = 'Stopped by the user before this finished.';
export const INTERRUPTED_TOOL_TEXT = 'Interrupted before this finished (the page was closed or reloaded).';

type ToolPart = Extract<ChatMessagePart, { toolCallId: string }>;

function isTool(part: ChatMessagePart): part is ToolPart {
  return isToolUIPart(part);
}

function pathOf(input: unknown): string | undefined {
  if (input && typeof input === 'object' && 'path' in input) {
    const path = (input as { path?: unknown }).path;
    if (typeof path === 'string' && path.length > 0) return path;
  }
  return undefined;
}

function settlePart(part: ChatMessagePart, errorText: string): ChatMessagePart {
  if (!isTool(part)) {
    if (part.type === 'text' && part.state === 'streaming') return { ...part, state: 'done' };
    return part;
  }
  if (part.state === 'input-streaming') {
    // The model must never see a half-streamed call, so it becomes display-only data.
    const path = pathOf(part.input);
    return {
      type: 'data-interrupted-tool',
      data: path ? { toolName: getToolName(part), path } : { toolName: getToolName(part) },
    };
  }
  if (part.state === 'input-available') {
    return { ...part, state: 'output-error', errorText, output: undefined } as ToolPart;
  }
  return part;
}

/**
 * Makes every assistant message valid to send again: unfinished tool inputs become display-only
 * parts and tool calls that never got a result get an error result. Returns the same array when
 * nothing needed settling.
 */
export function settleInterruptedTools(messages: ChatMessage[], errorText = INTERRUPTED_TOOL_TEXT): ChatMessage[] {
  let changed = false;
  const next = messages.map((message) => {
    if (message.role !== 'assistant') return message;
    const parts = message.parts.map((part) => settlePart(part, errorText));
    if (parts.every((part, i) => part === message.parts[i])) return message;
    changed = true;
    return { ...message, parts };
  });
  return changed ? next : messages;
}

/** Paths whose `write_file`/`edit_file` input was still streaming in the last assistant message. */
export function streamingToolPaths(message: ChatMessage | undefined): string[] {
  if (!message || message.role !== 'assistant') return [];
  const paths: string[] = [];
  for (const part of message.parts) {
    if (isTool(part) && part.state === 'input-streaming') {
      const path = pathOf(part.input);
      if (path) paths.push(path);
    }
  }
  return paths;
}

/** Marks the last assistant message stopped (if the last message is one) and settles its tools. */
export function markLastTurnStopped(messages: ChatMessage[]): ChatMessage[] {
  const settled = settleInterruptedTools(messages, STOPPED_TOOL_TEXT);
  const last = settled[settled.length - 1];
  if (!last || last.role !== 'assistant') return settled;
  return [...settled.slice(0, -1), { ...last, metadata: { ...last.metadata, stopped: true } }];
}

function addUsage(a: TokenUsage | undefined, b: TokenUsage): TokenUsage {
  return {
    inputTokens: (a?.inputTokens ?? 0) + (b.inputTokens ?? 0),
    outputTokens: (a?.outputTokens ?? 0) + (b.outputTokens ?? 0),
  };
}

/**
 * Folds the latest response's `usage` into `turnUsage`. `usage` is cleared so a later response
 * that fails before reporting usage is not counted twice.
 */
export function foldStepUsage(message: ChatMessage): ChatMessage {
  const usage = message.metadata?.usage;
  if (!usage) return message;
  return {
    ...message,
    metadata: { ...message.metadata, usage: undefined, turnUsage: addUsage(message.metadata?.turnUsage, usage) },
  };
}

export function turnUsageOf(message: ChatMessage): TokenUsage | null {
  const { turnUsage, usage } = message.metadata ?? {};
  if (!turnUsage && !usage) return null;
  return usage ? addUsage(turnUsage, usage) : (turnUsage ?? null);
}

function compactCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 10_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  if (n < 1_000_000) return `${Math.round(n / 1000)}k`;
  return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
}

/** "1.2k in · 340 out" */
export function formatUsage(usage: TokenUsage): string {
  return `${compactCount(usage.inputTokens ?? 0)} in · ${compactCount(usage.outputTokens ?? 0)} out`;
}

function isFinishedTool(part: ChatMessagePart): boolean {
  return isTool(part) && (part.state === 'output-available' || part.state === 'output-error');
}

export type RetryPlan =
  /** Ask again for the reply to the last user message (the failed reply, if any, is dropped). */
  | { action: 'regenerate'; messages: ChatMessage[] }
  /** Keep the finished steps of the assistant turn and ask for the next step. */
  | { action: 'continue'; messages: ChatMessage[] };

/**
 * What "Retry" does after a failed request, without losing finished work: the failed step's
 * unfinished parts are dropped; finished tool calls (files already written) stay in the chat.
 */
export function planRetry(messages: ChatMessage[]): RetryPlan | null {
  const last = messages[messages.length - 1];
  if (!last) return null;
  if (last.role === 'user') return { action: 'regenerate', messages };
  if (last.role !== 'assistant') return null;

  const lastStepStart = last.parts.findLastIndex((part) => part.type === 'step-start');
  const head = last.parts.slice(0, Math.max(lastStepStart, 0));
  const step = lastStepStart === -1 ? last.parts : last.parts.slice(lastStepStart);
  // Finished tool calls already changed the project, so they stay; whatever came after them is redone.
  const lastFinished = step.findLastIndex(isFinishedTool);
  const parts = lastFinished === -1 ? head : [...head, ...step.slice(0, lastFinished + 1)];
  const meaningful = parts.filter((part) => part.type !== 'step-start');

  if (meaningful.length === 0) {
    const withoutReply = messages.slice(0, -1);
    const before = withoutReply[withoutReply.length - 1];
    return before ? { action: 'regenerate', messages: withoutReply } : null;
  }
  const settled = settleInterruptedTools([{ ...last, parts }])[0];
  return { action: 'continue', messages: [...messages.slice(0, -1), settled] };
}

export function messageText(message: ChatMessage): string {
  return message.parts
    .filter((part): part is Extract<ChatMessagePart, { type: 'text' }> => part.type === 'text')
    .map((part) => part.text)
    .join('');
}
