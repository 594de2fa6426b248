import { Chat } from '@ai-sdk/react';
import { DefaultChatTransport, isToolUIPart, lastAssistantMessageIsCompleteWithToolCalls } from 'ai';
import { executeTool } from '@/lib/agent/execute-tool';
import { shouldContinue } from '@/lib/agent/step-budget';
import type { ChatMessage } from '@/lib/chat/chat-message';
import type { RequestKeys } from '@/lib/chat/provider-keys';
import { clearDraft, setDraft } from '@/lib/chat/streaming-drafts';
import { draftForStreamingInput } from '@/lib/chat/tool-drafts';
import { ToolRunner, type ToolCallRequest, type ToolOutcome } from '@/lib/chat/tool-runner';
import { waitForRuntime } from '@/lib/chat/wait-for-runtime';
import { foldStepUsage, markLastTurnStopped, messageText, planRetry, settleInterruptedTools } from '@/lib/chat/turn-state';
import type { WorkbenchSession } from '@/lib/workbench/session-types';

export const STEP_BUDGET = 40;
/** How long a tool call waits for a runtime that is still starting (WebContainer boot, then local). */
const RUNTIME_WAIT_MS = 30_000;
export const CONTINUE_PROMPT = 'Continue.';

export interface ChatRequestOptions {
  modelId: string | null;
  mode: 'build' | 'discuss';
  keys: RequestKeys | undefined;
}

function textOf(content: unknown): string | undefined {
  return typeof content === 'string' ? content : undefined;
}

/**
 * The agent loop in the browser: one AI SDK `Chat` whose tool calls run here, against the
 * session's runtime, one at a time; results go back to the model until the turn is done, the
 * step budget is spent, or the user presses Stop. Messages are saved to the project as they settle.
 */
export class AgentChatController {
  readonly chat: Chat<ChatMessage>;
  readonly runner: ToolRunner;
  /** Set by Stop; keeps tool results that arrive afterwards from starting another request. */
  private stopped = false;
  /** toolCallId → path of drafts shown in the editor. */
  private readonly drafts = new Map<string, string>();
  private pendingPromptSent = false;
  /** After one wait timed out, later calls do not wait again for a runtime that is not coming. */
  private runtimeGaveUp = false;

  constructor(
    private readonly session: WorkbenchSession,
    private requestOptions: ChatRequestOptions,
  ) {
    this.runner = new ToolRunner({
      execute: async (call, signal) => {
        if (!this.runtimeGaveUp) {
          const ready = await waitForRuntime(this.session.runtimeState, signal, RUNTIME_WAIT_MS);
          if (!ready && !signal.aborted) this.runtimeGaveUp = true;
        }
        return executeTool(call.toolName, call.input, this.session.toolContext(signal));
      },
      report: (call, outcome) => this.report(call, outcome),
    });
    const initial = settleInterruptedTools(session.store.getState().record.messages as ChatMessage[]);
    this.chat = new Chat<ChatMessage>({
      id: session.projectId,
      messages: initial,
      transport: new DefaultChatTransport<ChatMessage>({
        api: '/api/chat',
        prepareSendMessagesRequest: ({ messages, body }) => {
          const { modelId, mode, keys } = this.requestOptions;
          return {
            body: {
              ...body,
              messages,
              modelId,
              mode,
              fileList: this.session.store.listFiles(),
              runtime: this.session.runtimeState.getState().status?.kind,
              ...(keys ? { keys } : {}),
            },
          };
        },
      }),
      sendAutomaticallyWhen: ({ messages }) =>
        !this.stopped &&
        lastAssistantMessageIsCompleteWithToolCalls({ messages }) &&
        shouldContinue(messages, STEP_BUDGET) === 'continue',
      onToolCall: ({ toolCall }) => {
        // Not awaited: the chat is still processing the stream, and the runner reports through it.
        void this.runner
          .enqueue({ toolCallId: toolCall.toolCallId, toolName: toolCall.toolName, input: toolCall.input })
          .catch(() => {});
      },
      onFinish: ({ message }) => {
        this.chat.messages = this.chat.messages.map((m) => (m.id === message.id ? foldStepUsage(m) : m));
        this.persist();
      },
    });
  }

  /** Model, mode and keys for the next request. */
  setRequestOptions(options: ChatRequestOptions): void {
    this.requestOptions = options;
  }

  private async report(call: ToolCallRequest, outcome: ToolOutcome): Promise<void> {
    await (outcome.state === 'output-available'
      ? this.chat.addToolOutput({ tool: call.toolName, toolCallId: call.toolCallId, output: outcome.output })
      : this.chat.addToolOutput({
          tool: call.toolName,
          toolCallId: call.toolCallId,
          state: 'output-error',
          errorText: outcome.errorText,
        }));
    this.releaseDraft(call.toolCallId);
    this.persist();
  }

  persist(): void {
    this.session.store.setMessages(this.chat.messages);
  }

  send(text: string): Promise<void> {
    this.stopped = false;
    return this.chat.sendMessage({ text });
  }

  /** Replaces a user message and drops everything after it, then asks again. */
  editAndResend(messageId: string, text: string): Promise<void> {
    this.stopped = false;
    return this.chat.sendMessage({ text, messageId });
  }

  /** Asks again for the last reply (the last assistant turn is replaced). */
  regenerate(): Promise<void> {
    this.stopped = false;
    return this.chat.regenerate();
  }

  /** After an error: keeps finished work and asks for what failed. */
  retry(): Promise<void> {
    this.stopped = false;
    const plan = planRetry(this.chat.messages);
    this.chat.clearError();
    if (!plan) return Promise.resolve();
    this.chat.messages = plan.messages;
    this.persist();
    return plan.action === 'regenerate' ? this.chat.regenerate() : this.chat.sendMessage();
  }

  continueTurn(): Promise<void> {
    return this.send(CONTINUE_PROMPT);
  }

  /** Aborts the stream and the running command; what was already written stays. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.runner.abort();
    await this.chat.stop();
    await this.runner.idle();
    this.chat.messages = markLastTurnStopped(this.chat.messages);
    for (const toolCallId of [...this.drafts.keys()]) this.releaseDraft(toolCallId);
    this.persist();
  }

  /** The home page stored the first prompt as a user message plus `pendingPrompt`; send it once. */
  sendPendingPrompt(): void {
    const store = this.session.store;
    const prompt = store.getState().record.pendingPrompt;
    if (this.pendingPromptSent || !prompt) return;
    this.pendingPromptSent = true;
    store.setPendingPrompt(null);
    const last = this.chat.messages[this.chat.messages.length - 1];
    if (last?.role === 'user' && messageText(last).trim() === prompt.trim()) {
      this.stopped = false;
      void this.chat.regenerate();
    } else {
      void this.send(prompt);
    }
  }

  /** Mirrors streaming `write_file`/`edit_file` inputs into editor drafts (never into the store). */
  syncDrafts(messages: ChatMessage[]): void {
    const last = messages[messages.length - 1];
    if (!last || last.role !== 'assistant') return;
    const store = this.session.store;
    for (const part of last.parts) {
      if (!isToolUIPart(part)) continue;
      const toolName = part.type === 'dynamic-tool' ? part.toolName : part.type.slice('tool-'.length);
      if (toolName !== 'write_file' && toolName !== 'edit_file') continue;
      if (part.state !== 'input-streaming' && part.state !== 'input-available') continue;
      const draft = draftForStreamingInput(toolName, part.input, (path) => textOf(store.readFile(path)));
      if (!draft) continue;
      const previous = this.drafts.get(part.toolCallId);
      if (previous !== draft.path) {
        if (previous) clearDraft(previous);
        // The editor opens a tab for a new draft itself (unless the person is mid-edit).
        this.drafts.set(part.toolCallId, draft.path);
      }
      setDraft(draft.path, draft.content);
    }
  }

  private releaseDraft(toolCallId: string): void {
    const path = this.drafts.get(toolCallId);
    if (!path) return;
    this.drafts.delete(toolCallId);
    clearDraft(path);
    // A tab opened for a file that never got written would point at nothing.
    if (this.session.store.readFile(path) === undefined) this.session.store.closeTab(path);
  }

  dispose(): void {
    this.stopped = true;
    this.runner.abort();
    void this.chat.stop();
    for (const toolCallId of [...this.drafts.keys()]) this.releaseDraft(toolCallId);
  }
}
