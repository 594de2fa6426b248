import type { UIMessage } from 'ai';
import { countLines } from './line-changes';

/** Strings longer than this in older turns are cut to a head and a tail. */
export const COMPACT_THRESHOLD_CHARS = 800;
const KEEP_HEAD_CHARS = 300;
const KEEP_TAIL_CHARS = 300;
const MAX_OLD_LIST_ENTRIES = 50;

type Part = UIMessage['parts'][number];
type ToolPart = Extract<Part, { toolCallId: string }>;

function isToolPart(part: Part): part is ToolPart {
  return part.type === 'dynamic-tool' || part.type.startsWith('tool-');
}

function toolNameOf(part: ToolPart): string {
  return part.type === 'dynamic-tool' ? part.toolName : part.type.slice('tool-'.length);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function shortenText(text: string, threshold = COMPACT_THRESHOLD_CHARS): string {
  if (text.length <= threshold) return text;
  const omitted = text.length - KEEP_HEAD_CHARS - KEEP_TAIL_CHARS;
  return `${text.slice(0, KEEP_HEAD_CHARS)}\n…[${omitted} characters omitted from an earlier turn]\n${text.slice(-KEEP_TAIL_CHARS)}`;
}

/** `items` mapped by `map`, or `items` itself when no item changed, so compacting twice allocates nothing new. */
function mapKeeping<T>(items: T[], map: (item: T) => T): T[] {
  let result: T[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const mapped = map(items[i]);
    if (mapped !== items[i]) {
      result ??= items.slice();
      result[i] = mapped;
    }
  }
  return result ?? items;
}

/**
 * Long strings and lists anywhere in a tool's output, shortened; other values kept as they are. A shortened list,
 * note included, is no longer than the limit, so shortening it again leaves it alone.
 */
function shortenValue(value: unknown): unknown {
  if (typeof value === 'string') return shortenText(value);
  if (Array.isArray(value)) {
    if (value.length <= MAX_OLD_LIST_ENTRIES) return mapKeeping(value, shortenValue);
    const kept = value.slice(0, MAX_OLD_LIST_ENTRIES - 1).map(shortenValue);
    kept.push(`…and ${value.length - kept.length} more`);
    return kept;
  }
  if (isRecord(value)) {
    let result: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const shortened = shortenValue(value[key]);
      if (shortened !== value[key]) {
        result ??= { ...value };
        result[key] = shortened;
      }
    }
    return result ?? value;
  }
  return value;
}

/** What an older write_file's content becomes; the browser has usually replaced it already. */
const OMITTED_CONTENT = /^\[content omitted: \d+ lines? written\]$/;

function compactInput(toolName: string, input: unknown): unknown {
  if (!isRecord(input)) return input;
  if (toolName === 'write_file' && typeof input.content === 'string' && !OMITTED_CONTENT.test(input.content)) {
    const lines = countLines(input.content);
    return { ...input, content: `[content omitted: ${lines} line${lines === 1 ? '' : 's'} written]` };
  }
  if (toolName === 'edit_file' && Array.isArray(input.edits)) {
    const edits = mapKeeping(input.edits, shortenValue);
    return edits === input.edits ? input : { ...input, edits };
  }
  return input;
}

function compactToolPart(part: ToolPart): ToolPart {
  const toolName = toolNameOf(part);
  switch (part.state) {
    case 'output-available': {
      const input = compactInput(toolName, part.input);
      const output = shortenValue(part.output);
      return input === part.input && output === part.output ? part : ({ ...part, input, output } as ToolPart);
    }
    case 'output-error': {
      const input = compactInput(toolName, part.input);
      const errorText = shortenText(part.errorText);
      // Input the model sent that did not parse is kept here, and goes back to the model as the call's input.
      const withRaw = part as ToolPart & { rawInput?: unknown };
      const rawInput = withRaw.rawInput === undefined ? undefined : shortenValue(compactInput(toolName, withRaw.rawInput));
      if (input === part.input && errorText === part.errorText && rawInput === withRaw.rawInput) return part;
      return { ...part, input, errorText, ...(rawInput === undefined ? {} : { rawInput }) } as ToolPart;
    }
    case 'input-available':
      // A call that never got a result (the turn was stopped) would leave the provider waiting for one.
      return {
        ...part,
        state: 'output-error',
        input: compactInput(toolName, part.input),
        errorText: 'Not run: the user stopped the turn before this tool ran.',
      } as ToolPart;
    case 'input-streaming': {
      // Never sent to the model, so a half-streamed file body is dead weight.
      const { rawInput, ...rest } = part as ToolPart & { rawInput?: unknown };
      const input = compactInput(toolName, part.input);
      return rawInput === undefined && input === part.input ? part : ({ ...rest, input } as ToolPart);
    }
    default:
      return part;
  }
}

function compactMessage<T extends UIMessage>(message: T): T {
  if (message.role !== 'assistant') return message;
  const parts = mapKeeping(message.parts, (part) => (isToolPart(part) ? compactToolPart(part) : part));
  return parts === message.parts ? message : { ...message, parts };
}

/** What one request may carry, in estimated tokens (system prompt and tool declarations included). */
export const CONTEXT_TOKEN_BUDGET = 48_000;
/** Room left for the system prompt, the file list and the tool declarations. */
const RESERVED_TOKENS = 8_000;
/** Tool calls at the end of the current turn that are never shortened: the model is acting on them. */
const RECENT_TOOL_CALLS_KEPT = 6;

/** A rough count: about four characters per token for code and English. */
export function estimateTokens(value: unknown): number {
  return Math.ceil((typeof value === 'string' ? value : JSON.stringify(value) ?? '').length / 4);
}

/** An image goes to the model with its own turn; afterwards a note says it was there. */
function withoutImages<T extends UIMessage>(message: T): T {
  if (!message.parts.some((part) => part.type === 'file' && part.mediaType.startsWith('image/'))) return message;
  const parts = message.parts.map((part) =>
    part.type === 'file' && part.mediaType.startsWith('image/')
      ? { type: 'text' as const, text: `[An image${part.filename ? ` (${part.filename})` : ''} was attached here and shown to you in that turn.]` }
      : part,
  );
  return { ...message, parts } as T;
}

/** Shortens the current turn's tool calls, oldest first, until the messages fit or only recent calls are left. */
function fitCurrentTurn<T extends UIMessage>(messages: T[], from: number, budget: number): T[] {
  let total = estimateTokens(messages);
  if (total <= budget) return messages;
  const result = messages.slice();
  const toolParts: { message: number; part: number }[] = [];
  for (let m = from; m < result.length; m++) {
    if (result[m].role !== 'assistant') continue;
    result[m].parts.forEach((part, index) => {
      if (isToolPart(part)) toolParts.push({ message: m, part: index });
    });
  }
  for (const { message, part } of toolParts.slice(0, Math.max(0, toolParts.length - RECENT_TOOL_CALLS_KEPT))) {
    const original = result[message].parts[part] as ToolPart;
    const compacted = compactToolPart(original);
    total += estimateTokens(compacted) - estimateTokens(original);
    const parts = result[message].parts.slice();
    parts[part] = compacted;
    result[message] = { ...result[message], parts };
    if (total <= budget) break;
  }
  return result;
}

function lastUserIndex(messages: readonly UIMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role === 'user') return i;
  }
  return -1;
}

/**
 * Every turn before the last user message with file bodies, long tool outputs and images shortened; the current turn
 * as it is. The browser sends the conversation this way, which keeps a long chat's request small; the server applies
 * it again, as it cannot rely on the browser, and a second pass changes nothing.
 */
export function compactOlderTurns<T extends UIMessage>(messages: T[]): T[] {
  const lastUser = lastUserIndex(messages);
  if (lastUser <= 0) return messages.slice();
  return messages.map((message, index) => (index < lastUser ? withoutImages(compactMessage(message)) : message));
}

/**
 * The conversation as the model should see it, within an estimated token budget: older turns
 * always have file bodies, long tool outputs and images shortened; when that is not enough, the
 * current turn's earlier tool calls are shortened too, oldest first, keeping the latest calls and
 * the user's own words intact. Message and part structure stay valid for `convertToModelMessages`.
 */
export function compactMessagesForModel<T extends UIMessage>(messages: T[], budgetTokens = CONTEXT_TOKEN_BUDGET): T[] {
  const from = Math.max(lastUserIndex(messages), 0);
  return fitCurrentTurn(compactOlderTurns(messages), from, Math.max(0, budgetTokens - RESERVED_TOKENS));
}
