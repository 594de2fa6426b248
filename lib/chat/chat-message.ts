import type { UIMessage } from 'ai';

export interface TokenUsage {
  inputTokens?: number;
  outputTokens?: number;
}

/** Metadata on assistant messages: `modelId`/`usage` come from the server per response; the rest is ours. */
export interface ChatMessageMetadata {
  modelId?: string;
  /** Usage of the latest response; folded into `turnUsage` when that response finishes. */
  usage?: TokenUsage;
  /** Sum over every response (step) of this assistant turn. */
  turnUsage?: TokenUsage;
  /** The user pressed Stop during this turn. */
  stopped?: boolean;
}

export type ChatDataParts = {
  /** A tool call whose input never finished streaming (Stop, error, reload); the model never sees it. */
  'interrupted-tool': { toolName: string; path?: string };
};

export type ChatMessage = UIMessage<ChatMessageMetadata, ChatDataParts>;
export type ChatMessagePart = ChatMessage['parts'][number];
