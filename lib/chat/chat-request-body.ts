import type { UIMessage } from 'ai';
import { compactOlderTurns } from '@/lib/agent/compact-messages';
import type { RequestKeys } from './provider-keys';

/** What `/api/chat` reads (`parseChatRequest`), besides anything the transport adds. */
export interface ChatRequestBody<MESSAGE extends UIMessage> {
  messages: MESSAGE[];
  modelId: string | null;
  mode: 'build' | 'discuss';
  fileList: string[];
  runtime: string | undefined;
  keys?: RequestKeys;
}

export interface ChatRequestBodyInput<MESSAGE extends UIMessage> extends Omit<ChatRequestBody<MESSAGE>, 'keys'> {
  /** What the AI SDK's transport would have sent besides the messages. */
  body: object | undefined;
  keys: RequestKeys | undefined;
}

/**
 * The body of one `/api/chat` request. Older turns go out already shortened as the server would shorten them, so a
 * long chat uploads a fraction of its history (and no old images) on every step; the chat itself keeps everything.
 */
export function chatRequestBody<MESSAGE extends UIMessage>(input: ChatRequestBodyInput<MESSAGE>): ChatRequestBody<MESSAGE> {
  const { messages, body, modelId, mode, keys, fileList, runtime } = input;
  return {
    ...body,
    messages: compactOlderTurns(messages),
    modelId,
    mode,
    fileList,
    runtime,
    ...(keys ? { keys } : {}),
  };
}
