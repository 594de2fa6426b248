import type { UIMessage } from 'ai';
import type { TurnStatus } from '../agent/turn-status';
import type { SelectedElement } from '../runtime/preview-bridge/messages';

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
  /** The turn was cut off (a reload, a closed tab) and waits for Continue. */
  interrupted?: boolean;
  /** On user messages: the restore point taken before the agent acted on this message. */
  checkpointId?: string;
  /** On user messages: why no restore point could be taken. */
  checkpointError?: string;
  /** On user messages: elements picked in the preview (their description is a separate text part). */
  elements?: SelectedElement[];
  /** On user messages: sent by the IDE itself, not typed (saved checks broke after the previous turn). */
  autoFix?: 'checks';
  /** On user messages: sent in discussion mode (no file changes). */
  mode?: 'discuss';
  /** On assistant messages: the IDE's status when the next turn began (the latest turn shows it live). */
  turnStatus?: TurnStatus;
  /** On assistant messages: the claim/status disagreement frozen with `turnStatus`. */
  claimMismatch?: string;
  /** On assistant messages: automatic fixing hit its limit in this turn. */
  fixLimitNote?: string;
}

export type ChatDataParts = {
  /** A tool call whose input never finished streaming (Stop, error, reload); the model never sees it. */
  'interrupted-tool': { toolName: string; path?: string };
};

export type ChatMessage = UIMessage<ChatMessageMetadata, ChatDataParts>;
export type ChatMessagePart = ChatMessage['parts'][number];
