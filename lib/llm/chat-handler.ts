import 'server-only';
import { convertToModelMessages, streamText, type UIMessage } from 'ai';
import { buildSystemPrompt } from '@/lib/agent/system-prompt';
import { compactMessagesForModel } from '@/lib/agent/compact-messages';
import { allowedHostsFromEnv, type AllowedHosts } from '@/lib/server/allowed-hosts';
import { refuseForeignJsonRequest } from '@/lib/server/foreign-request';
import { BodyTooLargeError, readBodyWithLimit } from '@/lib/server/request-body';
import { parseChatRequest } from './chat-request';
import { buildChatTools } from './chat-tools';
import { classifyChatError, describeChatError } from './errors';
import { resolveModel } from './registry';
import { guardStreamErrors } from './stream-guard';

/** Sent on each assistant message: which model answered and what the turn cost. */
export interface ChatMessageMetadata {
  modelId: string;
  usage?: { inputTokens: number | undefined; outputTokens: number | undefined };
}

export interface ChatHandlerDeps {
  resolveModel: typeof resolveModel;
  buildSystemPrompt: (options: { mode: 'build' | 'discuss'; fileList: string[]; runtime?: string }) => string;
  compactMessagesForModel: <T extends UIMessage>(messages: T[]) => T[];
  /** One retry rides out a blip; more would leave the person staring at a silent chat. */
  maxRetries: number;
  /** Names whose pages may call this route (the IDE's own origin only). */
  allowedHosts: () => AllowedHosts;
  maxBodyBytes: number;
}

/** Generous for a long conversation with a few pasted images, far below what would strain the server. */
export const MAX_CHAT_BODY_BYTES = 8 * 1024 * 1024;

const defaultDeps: ChatHandlerDeps = {
  resolveModel,
  buildSystemPrompt,
  compactMessagesForModel,
  maxRetries: 1,
  allowedHosts: () => allowedHostsFromEnv(),
  maxBodyBytes: MAX_CHAT_BODY_BYTES,
};

/**
 * `no-transform` keeps Next's gzip off this stream: compressing each small SSE event costs more CPU than it
 * saves bytes, and under load that CPU is queued in front of every chat's first byte.
 */
export const chatStreamHeaders = { 'cache-control': 'no-cache, no-transform' } as const;

function badRequest(error: string): Response {
  return Response.json({ error }, { status: 400 });
}

export function createChatHandler(overrides: Partial<ChatHandlerDeps> = {}) {
  const deps: ChatHandlerDeps = { ...defaultDeps, ...overrides };

  return async function handleChatRequest(req: Request): Promise<Response> {
    const refused = refuseForeignJsonRequest(req, deps.allowedHosts(), 'The chat');
    if (refused) return refused;
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(await readBodyWithLimit(req, deps.maxBodyBytes)));
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return Response.json(
          { error: `${error.message} Start a new chat or remove large pasted images, then send again.` },
          { status: 413 },
        );
      }
      return badRequest('The request body must be JSON.');
    }
    const parsed = parseChatRequest(body);
    if (!parsed.ok) return badRequest(parsed.error);
    const { messages, modelId, mode, fileList, runtime, keys } = parsed.value;

    const resolution = deps.resolveModel(modelId, keys);
    if (!resolution.ok) return badRequest(resolution.error.message);
    const { model, provider, providerLabel, baseUrl } = resolution.value;
    const cloud = baseUrl === undefined && (provider === 'openai' || provider === 'anthropic' || provider === 'google');

    let modelMessages;
    try {
      modelMessages = await convertToModelMessages(deps.compactMessagesForModel<UIMessage>(messages), {
        // A turn stopped mid tool call leaves calls without results, which providers refuse.
        ignoreIncompleteToolCalls: true,
      });
    } catch {
      return badRequest('messages: could not be read as a conversation (unexpected message parts).');
    }

    const tools = buildChatTools(mode);
    const result = streamText({
      model: guardStreamErrors(model),
      system: deps.buildSystemPrompt({ mode, fileList, runtime }),
      // streamText validates `messages` against its ModelMessage union, which costs milliseconds per message of a long
      // chat on every request; parseChatRequest has already checked every field the conversion reads, so only the
      // newest message goes through that check and the step is given the whole conversation.
      messages: modelMessages.slice(-1),
      prepareStep: () => ({ messages: modelMessages }),
      tools,
      maxRetries: deps.maxRetries,
      abortSignal: req.signal,
      // streamText reports errors through the stream; logging only the kind keeps keys and prompts out of logs.
      onError: ({ error }) => console.warn(`[chat] ${modelId}: ${classifyChatError(error).kind}`),
    });

    return result.toUIMessageStreamResponse<UIMessage<ChatMessageMetadata>>({
      headers: chatStreamHeaders,
      messageMetadata: ({ part }): ChatMessageMetadata | undefined => {
        if (part.type === 'start') return { modelId };
        if (part.type === 'finish') {
          return {
            modelId,
            usage: { inputTokens: part.totalUsage.inputTokens, outputTokens: part.totalUsage.outputTokens },
          };
        }
        return undefined;
      },
      onError: (error) => describeChatError(error, { providerLabel, baseUrl, cloud }),
    });
  };
}
