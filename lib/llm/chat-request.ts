import { z } from 'zod';
import type { UIMessage } from 'ai';
import type { ProviderKeys } from './types';

const uiMessageShape = z.looseObject({
  id: z.string({ error: 'each message needs a string id' }),
  role: z.enum(['system', 'user', 'assistant'], { error: 'each message role must be system, user or assistant' }),
  parts: z.array(z.looseObject({ type: z.string({ error: 'each message part needs a type' }) }), {
    error: 'each message needs a parts array',
  }),
});

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

export const chatRequestSchema = z.object({
  messages: z.array(uiMessageShape, { error: 'messages must be an array' }).min(1, 'messages must not be empty'),
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

/** Validates a parsed JSON body; the error names the first problem in words a developer can act on. */
export function parseChatRequest(body: unknown): ChatRequestParse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: 'The request body must be a JSON object.' };
  }
  const result = chatRequestSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = pathOf(issue.path);
    return { ok: false, error: where ? `${where}: ${issue.message}` : issue.message };
  }
  const { messages, modelId, mode, fileList, runtime, keys } = result.data;
  return {
    ok: true,
    // The shape check above is deliberately shallow; convertToModelMessages validates the parts themselves.
    value: { messages: messages as unknown as UIMessage[], modelId, mode: mode ?? 'build', fileList: fileList ?? [], runtime, keys },
  };
}
