import { z } from 'zod';
import type { UIMessage } from 'ai';
import type { ProviderKeys } from './types';

/** Keys typed into Settings; unknown fields are dropped. */
export const providerKeysSchema = z
  .object({
    openai: z.string().optional(),
    anthropic: z.string().optional(),
    google: z.string().optional(),
    openaiCompatible: z.string().optional(),
    openaiCompatibleBaseUrl: z
      .url({ protocol: /^https?$/, error: 'keys.openaiCompatibleBaseUrl must be an http(s) URL' })
      .optional(),
    openaiCompatibleModels: z.array(z.string().max(200)).max(100).optional(),
  })
  .optional();

/** Everything but `messages`, which `checkMessages` reads in one pass (a zod schema for them copies every object). */
const chatRequestSchema = z.object({
  modelId: z.string({ error: 'modelId is required' }).min(1, 'modelId is required'),
  mode: z.enum(['build', 'discuss'], { error: 'mode must be "build" or "discuss"' }).optional(),
  fileList: z.array(z.string(), { error: 'fileList must be an array of paths' }).max(20_000).optional(),
  runtime: z.string().max(40).optional(),
  keys: providerKeysSchema,
});

export interface ChatRequest {
  messages: UIMessage[];
  modelId: string;
  mode: 'build' | 'discuss';
  fileList: string[];
  runtime?: string;
  keys?: ProviderKeys;
}

export type ChatRequestParse = { ok: true; value: ChatRequest } | { ok: false; error: string };

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

const ROLES = new Set(['system', 'user', 'assistant']);
/** Tool part states that reach the model; the conversion drops the others. */
const SENT_TOOL_STATES = new Set(['approval-responded', 'output-available', 'output-error', 'output-denied']);
const METADATA_FIELDS = ['providerMetadata', 'callProviderMetadata', 'resultProviderMetadata'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOptional(value: unknown, type: 'string' | 'boolean'): boolean {
  return value === undefined || value === null || typeof value === type;
}

type Problem = [field: string, message: string] | null;

function toolPartProblem(type: string, part: Record<string, unknown>): Problem {
  if (type === 'dynamic-tool' && typeof part.toolName !== 'string') return ['toolName', 'a dynamic tool part needs a string toolName'];
  if (typeof part.state !== 'string' || !SENT_TOOL_STATES.has(part.state)) return null;
  if (typeof part.toolCallId !== 'string') return ['toolCallId', 'a tool part needs a string toolCallId'];
  if (!isOptional(part.providerExecuted, 'boolean')) return ['providerExecuted', 'providerExecuted must be true or false'];
  const approval = part.approval;
  if (approval !== undefined && approval !== null) {
    if (!isRecord(approval) || typeof approval.id !== 'string') return ['approval', 'an approval needs a string id'];
    if (!isOptional(approval.approved, 'boolean') || !isOptional(approval.reason, 'string')) {
      return ['approval', 'an approval has a boolean approved and a string reason'];
    }
  }
  return null;
}

/** The first field of a part that the conversion to model messages would pass on with the wrong type. */
function partProblem(part: Record<string, unknown>): Problem {
  const type = part.type;
  if (typeof type !== 'string') return ['type', 'each message part needs a type'];
  for (const field of METADATA_FIELDS) {
    const metadata = part[field];
    if (metadata !== undefined && metadata !== null && !(isRecord(metadata) && Object.values(metadata).every(isRecord))) {
      return [field, 'provider metadata must map each provider name to an object'];
    }
  }
  if (type === 'text' || type === 'reasoning') {
    return typeof part.text === 'string' ? null : ['text', `a ${type} part needs a string text`];
  }
  if (type === 'file') {
    if (typeof part.mediaType !== 'string') return ['mediaType', 'a file part needs a string mediaType'];
    if (typeof part.url !== 'string') return ['url', 'a file part needs a string url'];
    if (!isOptional(part.filename, 'string')) return ['filename', 'a file name must be a string'];
    return null;
  }
  if (type === 'dynamic-tool' || type.startsWith('tool-')) return toolPartProblem(type, part);
  return null;
}

/**
 * Checks every field that turning UI messages into model messages relies on, so the model messages need no second
 * validation (the AI SDK's own costs several milliseconds per message of a long chat, on every request).
 */
function checkMessages(messages: unknown): string | null {
  if (!Array.isArray(messages)) return 'messages: messages must be an array';
  if (messages.length === 0) return 'messages: messages must not be empty';
  for (let i = 0; i < messages.length; i++) {
    const message: unknown = messages[i];
    const at = `messages[${i}]`;
    if (!isRecord(message)) return `${at}: each message must be an object`;
    if (typeof message.id !== 'string') return `${at}.id: each message needs a string id`;
    if (typeof message.role !== 'string' || !ROLES.has(message.role)) {
      return `${at}.role: each message role must be system, user or assistant`;
    }
    const parts = message.parts;
    if (!Array.isArray(parts)) return `${at}.parts: each message needs a parts array`;
    for (let j = 0; j < parts.length; j++) {
      const part: unknown = parts[j];
      if (!isRecord(part)) return `${at}.parts[${j}]: each message part must be an object`;
      const problem = partProblem(part);
      if (problem) return `${at}.parts[${j}].${problem[0]}: ${problem[1]}`;
    }
  }
  return null;
}

/** Validates a parsed JSON body; the error names the first problem in words a developer can act on. */
export function parseChatRequest(body: unknown): ChatRequestParse {
  if (!isRecord(body)) {
    return { ok: false, error: 'The request body must be a JSON object.' };
  }
  const messagesProblem = checkMessages(body.messages);
  if (messagesProblem) return { ok: false, error: messagesProblem };
  const result = chatRequestSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = pathOf(issue.path);
    return { ok: false, error: where ? `${where}: ${issue.message}` : issue.message };
  }
  const { modelId, mode, fileList, runtime, keys } = result.data;
  return {
    ok: true,
    value: { messages: body.messages as UIMessage[], modelId, mode: mode ?? 'build', fileList: fileList ?? [], runtime, keys },
  };
}
