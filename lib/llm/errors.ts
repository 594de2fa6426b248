import { APICallError, InvalidToolInputError, NoSuchToolError, RetryError } from 'ai';

export type ChatErrorKind =
  | 'key-rejected'
  | 'rate-limited'
  | 'model-not-found'
  | 'unreachable'
  | 'context-too-long'
  | 'stream-cut'
  | 'invalid-tool-input'
  | 'unknown-tool'
  | 'provider-error'
  | 'unknown';

export interface ChatErrorContext {
  /** e.g. "OpenAI"; names the provider in messages. */
  providerLabel: string;
  /** A hosted service (OpenAI, Anthropic, Google at their own addresses): when it cannot be reached, the person's connection is the likely cause, not a server of theirs. */
  cloud?: boolean;
  /** Where requests go, for "could not reach …". */
  baseUrl?: string;
}

export interface ClassifiedChatError {
  kind: ChatErrorKind;
  statusCode?: number;
  retryAfterSeconds?: number;
  url?: string;
  toolName?: string;
  availableTools?: string[];
  detail?: string;
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const contextTooLongPattern =
  /context[_ ]length|context window|maximum context|too many tokens|prompt is too long|input is too long|exceeds the (maximum|context)|token limit/i;
const streamCutPattern = /terminated|other side closed|socket hang up|premature close|stream ended without a finish reason|ECONNRESET|UND_ERR_SOCKET/i;

/** The error that actually happened: retries wrap it, and fetch failures hide their code in `cause`. */
function unwrap(error: unknown): unknown {
  if (RetryError.isInstance(error)) return unwrap(error.lastError);
  return error;
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  for (let depth = 0; current != null && depth < 6; depth++) {
    chain.push(current);
    current = typeof current === 'object' && 'cause' in current ? (current as { cause?: unknown }).cause : undefined;
  }
  return chain;
}

function codeOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String((error as { message: unknown }).message);
  return '';
}

export function retryAfterSeconds(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers['retry-after-ms'] ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.ceil(ms / 1000);
  const raw = headers['retry-after'];
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function isStreamCut(error: unknown): boolean {
  return streamCutPattern.test(messageOf(error)) || streamCutPattern.test(codeOf(error) ?? '');
}

/** Tool errors reach `onError` as plain strings (the SDK flattens them), so they are recognised by their wording too. */
export function classifyChatError(input: unknown): ClassifiedChatError {
  const error = unwrap(input);
  const message = messageOf(error);

  if (NoSuchToolError.isInstance(error)) {
    return { kind: 'unknown-tool', toolName: error.toolName, availableTools: error.availableTools };
  }
  if (InvalidToolInputError.isInstance(error)) {
    return { kind: 'invalid-tool-input', toolName: error.toolName, detail: messageOf(error.cause) };
  }
  const unknownTool = /^Model tried to call unavailable tool '([^']*)'\.(?: Available tools: ([^.]*)\.)?/.exec(message);
  if (unknownTool) {
    return { kind: 'unknown-tool', toolName: unknownTool[1], availableTools: unknownTool[2]?.split(', ') };
  }
  const invalidInput = /^Invalid input for tool ([^:]+): ([\s\S]*)$/.exec(message);
  if (invalidInput) return { kind: 'invalid-tool-input', toolName: invalidInput[1], detail: invalidInput[2] };

  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    const succeeded = status == null || (status >= 200 && status < 300);
    if (succeeded && causeChain(error.cause).some(isStreamCut)) return { kind: 'stream-cut' };
    const body = `${error.responseBody ?? ''} ${error.message}`;
    if (status === 401 || status === 403) return { kind: 'key-rejected', statusCode: status };
    if (status === 429) return { kind: 'rate-limited', statusCode: status, retryAfterSeconds: retryAfterSeconds(error.responseHeaders) };
    if (status === 404) return { kind: 'model-not-found', statusCode: status };
    if (status === 413 || contextTooLongPattern.test(body)) return { kind: 'context-too-long', statusCode: status };
    if (status == null) return { kind: 'unreachable', url: error.url };
    if (succeeded) return { kind: 'stream-cut' };
    return { kind: 'provider-error', statusCode: status };
  }

  const chain = causeChain(error);
  if (chain.some((e) => unreachableCodes.has(codeOf(e) ?? '')) || /fetch failed|Cannot connect to API/i.test(message)) {
    return { kind: 'unreachable' };
  }
  if (chain.some(isStreamCut)) return { kind: 'stream-cut' };
  if (contextTooLongPattern.test(message)) return { kind: 'context-too-long' };
  return { kind: 'unknown', detail: message };
}

function clip(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

/** Keys sometimes appear in provider error text ("Incorrect API key provided: sk-…"). */
function redactSecrets(text: string): string {
  return text.replace(/\b(sk|pk|key|AIza)[-_A-Za-z0-9]{10,}/g, '[hidden]');
}

function seconds(n: number): string {
  return n === 1 ? '1 second' : `${n} seconds`;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * One plain sentence or two for the chat: what happened and what to do. Never a stack trace.
 * Tool-input messages are also what the model reads next turn, so they tell it how to recover.
 */
export function describeChatError(error: unknown, context: ChatErrorContext): string {
  const c = classifyChatError(error);
  const who = context.providerLabel;
  switch (c.kind) {
    case 'key-rejected':
      return `${who} rejected the API key (HTTP ${c.statusCode}). Check the key in Settings, then try again.`;
    case 'rate-limited':
      return c.retryAfterSeconds != null
        ? `${who} is rate limiting requests right now. Try again in ${seconds(c.retryAfterSeconds)}.`
        : `${who} is rate limiting requests right now. Wait a minute, then try again.`;
    case 'model-not-found':
      return `${who} does not know this model. Pick another model in the model list.`;
    case 'unreachable': {
      const where = context.cloud ? undefined : (context.baseUrl ?? originOf(c.url));
      return where
        ? `Could not reach ${who} at ${where}. Check that it is running and the address is right, then try again.`
        : `Could not reach ${who}. Check your internet connection; if it works, ${who} may be down for a moment, so try again shortly.`;
    }
    case 'context-too-long':
      return `The conversation is too long for this model. Start a new chat or pick a model with a larger context window.`;
    case 'stream-cut':
      return `The model's response was cut off before it finished. Anything already written was kept; try again to continue.`;
    case 'unknown-tool':
      return c.availableTools?.length
        ? `The model called a tool that does not exist ("${c.toolName}"). Use only these tools: ${c.availableTools.join(', ')}.`
        : `The model called a tool that does not exist ("${c.toolName}"). No tools are available here.`;
    case 'invalid-tool-input':
      return `The model sent input for ${c.toolName} that could not be read (${clip(c.detail ?? 'invalid input', 160)}). Call ${c.toolName} again with valid JSON arguments that match its schema.`;
    case 'provider-error':
      return `${who} had a problem answering (HTTP ${c.statusCode}). Try again in a moment.`;
    case 'unknown':
      return c.detail
        ? `Something went wrong while talking to ${who}: ${redactSecrets(clip(c.detail, 200))}. Try again.`
        : `Something went wrong while talking to ${who}. Try again.`;
  }
}
