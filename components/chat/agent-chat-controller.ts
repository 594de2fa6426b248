import { Chat } from '@ai-sdk/react';
import { generateId, type FileUIPart } from 'ai';
import { DraftTracker, refuseToolCall, sendsAutomatically, settleTurn } from '@/lib/agent/agent-loop';
import { executeTool } from '@/lib/agent/execute-tool';
import { toolEventsSinceLastUser } from '@/lib/agent/fix-attempts';
import { DEFAULT_STEP_BUDGET } from '@/lib/agent/step-budget';
import { detectClaimMismatch, type TurnStatus } from '@/lib/agent/turn-status';
import { rerunChecksAfterTurn } from '@/lib/checks/rerun-after-turn';
import type { ImageAttachment } from '@/lib/chat/attachments';
import { chatRequestBody } from '@/lib/chat/chat-request-body';
import type { ChatMessage, ChatMessageMetadata, ChatMessagePart } from '@/lib/chat/chat-message';
import { withElementContext, type SelectedElement } from '@/lib/chat/element-reference';
import { changedPathsOf, fixItMessage, type TurnProblems } from '@/lib/chat/turn-info';
import type { RequestKeys } from '@/lib/chat/provider-keys';
import { CoalescingChatTransport } from '@/lib/chat/coalesce-tool-input';
import { clearDraft, setDraft } from '@/lib/chat/streaming-drafts';
import { pathsChangedBy } from '@/lib/chat/tool-paths';
import { ToolRunner, type ToolCallRequest, type ToolOutcome } from '@/lib/chat/tool-runner';
import { waitForRuntime } from '@/lib/chat/wait-for-runtime';
import { clearInterrupted, markInterrupted, wasInterrupted } from '@/lib/chat/interruption';
import { foldStepUsage, markLastTurnStopped, messageText, planRetry, settleInterruptedTools } from '@/lib/chat/turn-state';
import type { WorkbenchSession } from '@/lib/workbench/session-types';

/**
 * How long a tool call waits for a runtime that is still starting: WebContainer's boot timeout, then
 * the local fallback, on a busy machine. A start that failed ends the wait at once.
 */
const RUNTIME_WAIT_MS = 90_000;
export const CONTINUE_PROMPT = 'Continue.';

export interface OutgoingMessage {
  text: string;
  /** Sent by the IDE itself rather than typed. */
  autoFix?: 'checks';
  images?: ImageAttachment[];
  elements?: SelectedElement[];
}

export interface ChatRequestOptions {
  modelId: string | null;
  mode: 'build' | 'discuss';
  keys: RequestKeys | undefined;
}

function textOf(content: unknown): string | undefined {
  return typeof content === 'string' ? content : undefined;
}

const editorDrafts = { set: setDraft, clear: clearDraft };

/**
 * The agent loop in the browser: one AI SDK `Chat` whose tool calls run here, against the
 * session's runtime, each as soon as its input is complete and in the model's order (file changes
 * on separate paths side by side, see ToolRunner); results go back to the model until the turn is done, the
 * step budget is spent, or the user presses Stop. Messages are saved to the project as they settle.
 */
export class AgentChatController {
  readonly chat: Chat<ChatMessage>;
  readonly runner: ToolRunner;
  /** Set by Stop; keeps tool results that arrive afterwards from starting another request. */
  private stopped = false;
  private readonly drafts: DraftTracker;
  private pendingPromptSent = false;
  /** After one wait timed out, later calls do not wait again for a runtime that is not coming. */
  private runtimeGaveUp = false;
  /** The mode of the turn under way, fixed when it was sent. */
  private turnMode: 'build' | 'discuss' = 'build';
  /** The assistant message whose turn already had its preview reloaded. */
  private reloadedFor: string | null = null;
  /** The assistant message whose turn already had its saved checks run again. */
  private checkedFor: string | null = null;

  constructor(
    private readonly session: WorkbenchSession,
    private requestOptions: ChatRequestOptions,
  ) {
    this.drafts = new DraftTracker(editorDrafts, (path) => textOf(session.store.readFile(path)));
    this.runner = new ToolRunner({
      execute: async (call, signal) => {
        if (!this.runtimeGaveUp) {
          const wait = await waitForRuntime(this.session.runtimeState, signal, RUNTIME_WAIT_MS);
          if (wait === 'timeout') this.runtimeGaveUp = true;
        }
        const refusal = refuseToolCall(call.toolName, this.turnMode, this.chat.messages);
        if (refusal) throw new Error(refusal);
        return executeTool(call.toolName, call.input, this.session.toolContext(signal));
      },
      report: (call, outcome) => this.report(call, outcome),
      // A failed save is already shown by the store's own notice.
      settle: () => this.session.store.persist().catch(() => {}),
      pathsChanged: (call) => pathsChangedBy(call.toolName, call.input),
    });
    const { messages: stored, pendingPrompt } = session.store.getState().record;
    // A following tab shows a turn the other tab is still working on; only the owner can be interrupted.
    const interrupted = !session.store.isReadOnly() && wasInterrupted(stored as ChatMessage[], { pendingPrompt });
    const initial = interrupted ? markInterrupted(stored as ChatMessage[]) : settleInterruptedTools(stored as ChatMessage[]);
    this.chat = new Chat<ChatMessage>({
      id: session.projectId,
      messages: initial,
      transport: new CoalescingChatTransport<ChatMessage>({
        api: '/api/chat',
        prepareSendMessagesRequest: ({ messages, body }) => ({
          body: chatRequestBody({
            ...this.requestOptions,
            messages,
            body,
            fileList: this.session.store.listFiles(),
            runtime: this.session.runtimeState.getState().status?.kind,
          }),
        }),
      }),
      sendAutomaticallyWhen: ({ messages }) => sendsAutomatically(messages, { stopped: this.stopped, budget: DEFAULT_STEP_BUDGET }),
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
    // Kept with the chat, so another reload still offers Continue.
    if (initial !== stored) this.persist();
  }

  /** Model, mode and keys for the next request. */
  setRequestOptions(options: ChatRequestOptions): void {
    this.requestOptions = options;
  }

  private async report(call: ToolCallRequest, outcome: ToolOutcome): Promise<void> {
    this.session.evidence.toolResult({
      toolName: call.toolName,
      input: call.input,
      output: outcome.state === 'output-available' ? outcome.output : undefined,
      failed: outcome.state === 'output-error',
      ...(outcome.state === 'output-error' ? { errorText: outcome.errorText } : {}),
    });
    await (outcome.state === 'output-available'
      ? this.chat.addToolOutput({ tool: call.toolName, toolCallId: call.toolCallId, output: outcome.output })
      : this.chat.addToolOutput({
          tool: call.toolName,
          toolCallId: call.toolCallId,
          state: 'output-error',
          errorText: outcome.errorText,
        }));
    this.releaseDraft(call.toolCallId);
    // The runner saves this before the next call starts, so a reload never finds a finished step recorded as unfinished.
    this.persist();
  }

  persist(): void {
    this.session.store.setMessages(this.chat.messages);
  }

  send(message: string | OutgoingMessage): Promise<void> {
    this.stopped = false;
    const outgoing = typeof message === 'string' ? { text: message } : message;
    return this.submit(outgoing);
  }

  /** Replaces a user message and drops everything after it, then asks again. */
  editAndResend(messageId: string, text: string): Promise<void> {
    this.stopped = false;
    return this.submit({ text }, messageId);
  }

  /** Sends the agent the real errors and the files they involve. */
  fixIt(problems: TurnProblems): Promise<void> {
    const changed = changedPathsOf(toolEventsSinceLastUser(this.chat.messages));
    return this.send(fixItMessage(problems, this.session.store, changed));
  }

  /**
   * Takes the restore point first (so it holds the files exactly as the agent found them,
   * manual edits included), then sends. A failed checkpoint is noted on the message, not fatal.
   */
  private async submit(message: OutgoingMessage, replaceId?: string): Promise<void> {
    const mode = this.requestOptions.mode;
    const id = replaceId ?? generateId();
    const metadata: ChatMessageMetadata = {};
    if (mode === 'discuss') metadata.mode = 'discuss';
    else Object.assign(metadata, await this.checkpoint(id, message.text));
    if (message.elements?.length) metadata.elements = message.elements;
    if (message.autoFix) metadata.autoFix = message.autoFix;
    const parts: ChatMessagePart[] = [
      ...(message.images ?? []).map(
        (image): FileUIPart => ({ type: 'file', mediaType: image.mediaType, url: image.url, filename: image.name }),
      ),
      { type: 'text', text: message.text },
    ];
    if (message.elements?.length) parts.push({ type: 'text', text: withElementContext('', message.elements).trimStart() });
    this.chat.messages = clearInterrupted(this.chat.messages);
    this.freezeLastTurn();
    this.beginTurn(mode);
    return replaceId
      ? this.chat.sendMessage({ parts, metadata, messageId: replaceId })
      : this.chat.sendMessage({ id, parts, metadata });
  }

  private async checkpoint(messageId: string, label: string): Promise<Pick<ChatMessageMetadata, 'checkpointId' | 'checkpointError'>> {
    try {
      const checkpoint = await this.session.checkpoints.checkpointBeforeTurn(messageId, label.slice(0, 120));
      return { checkpointId: checkpoint.id };
    } catch (error) {
      const reason = error instanceof Error && error.message ? error.message : 'the browser storage refused it';
      return { checkpointError: `No restore point was saved for this message: ${reason}` };
    }
  }

  private beginTurn(mode: 'build' | 'discuss'): void {
    this.turnMode = mode;
    this.session.evidence.startTurn();
  }

  /**
   * Keeps the settled turn's latest measured status with the message, so a later visit shows what
   * was true when the turn ended instead of a live status that has not been measured yet.
   */
  private recordLastTurnStatus(last: ChatMessage, status: TurnStatus): void {
    const recorded = last.metadata?.turnStatus;
    const mismatch = detectClaimMismatch(messageText(last), status) ?? undefined;
    if (recorded?.kind === status.kind && recorded.errorCount === status.errorCount && last.metadata?.claimMismatch === mismatch) return;
    const metadata: ChatMessageMetadata = { ...last.metadata, turnStatus: { ...status }, claimMismatch: mismatch };
    if (!mismatch) delete metadata.claimMismatch;
    const messages = this.chat.messages;
    this.chat.messages = [...messages.slice(0, -1), { ...last, metadata }];
    this.persist();
  }

  /** The latest turn shows its status live; once another turn starts, it keeps what it had. */
  private freezeLastTurn(): void {
    const messages = this.chat.messages;
    const last = messages[messages.length - 1];
    if (!last || last.role !== 'assistant') return;
    const { status, evidence } = this.session.evidence.state.getState();
    if (!evidence.filesChanged) return;
    const mismatch = detectClaimMismatch(messageText(last), status);
    const metadata: ChatMessageMetadata = { ...last.metadata, turnStatus: { ...status } };
    if (mismatch) metadata.claimMismatch = mismatch;
    this.chat.messages = [...messages.slice(0, -1), { ...last, metadata }];
  }

  /**
   * Called when nothing runs. A turn that changed files the preview has not shown yet gets the
   * preview reloaded once, so its status is measured rather than "Not checked"; and when automatic
   * fixing stopped at its limit, the turn says so.
   */
  settle(): void {
    const messages = this.chat.messages;
    const last = messages[messages.length - 1];
    if (!last || last.role !== 'assistant') return;
    const { evidence, status, turnsThisVisit } = this.session.evidence.state.getState();
    const decision = settleTurn(messages, evidence, this.reloadedFor);
    if (decision.reloadPreview) {
      this.reloadedFor = last.id;
      this.session.refreshPreviewAfterTurn();
    }
    if (turnsThisVisit > 0 && evidence.filesChanged) this.recordLastTurnStatus(last, status);
    if (evidence.filesChanged && evidence.serverRunning && this.checkedFor !== last.id) {
      this.checkedFor = last.id;
      void rerunChecksAfterTurn({
        session: this.session,
        messages: () => this.chat.messages,
        turnId: last.id,
        send: (text) => this.send({ text, autoFix: 'checks' }),
      });
    }
    if (!decision.fixLimitNote) return;
    const note = decision.fixLimitNote;
    // Recording the status may have replaced the last message; the note goes on the current one.
    const current = this.chat.messages;
    const latest = current[current.length - 1];
    this.chat.messages = [...current.slice(0, -1), { ...latest, metadata: { ...latest.metadata, fixLimitNote: note } }];
    this.persist();
  }

  /** Asks again for the last reply (the last assistant turn is replaced). */
  regenerate(): Promise<void> {
    this.stopped = false;
    return this.chat.regenerate();
  }

  /**
   * After an error or an interrupted turn ("Continue"): keeps finished work, with the finished tool
   * results, and asks for the step that did not happen.
   */
  retry(): Promise<void> {
    this.stopped = false;
    const messages = clearInterrupted(this.chat.messages);
    const plan = planRetry(messages);
    this.chat.clearError();
    if (!plan) {
      this.chat.messages = messages;
      this.persist();
      return Promise.resolve();
    }
    const lastUser = plan.messages.findLast((m) => m.role === 'user');
    this.turnMode = lastUser?.metadata?.mode === 'discuss' ? 'discuss' : 'build';
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
    for (const path of this.drafts.releaseAll()) this.closeUnwrittenTab(path);
    this.persist();
  }

  hasPendingPrompt(): boolean {
    return !this.pendingPromptSent && !!this.session.store.getState().record.pendingPrompt;
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
      void this.regenerateFirstPrompt(last);
    } else {
      void this.send(prompt);
    }
  }

  private async regenerateFirstPrompt(message: ChatMessage): Promise<void> {
    const mode = this.requestOptions.mode;
    const metadata = mode === 'discuss' ? {} : await this.checkpoint(message.id, messageText(message));
    this.chat.messages = this.chat.messages.map((m) => (m.id === message.id ? { ...m, metadata: { ...m.metadata, ...metadata } } : m));
    this.beginTurn(mode);
    await this.chat.regenerate();
  }

  /** Mirrors streaming `write_file`/`edit_file` inputs into editor drafts (never into the store). */
  syncDrafts(messages: ChatMessage[]): void {
    this.drafts.sync(messages);
  }

  private releaseDraft(toolCallId: string): void {
    this.closeUnwrittenTab(this.drafts.release(toolCallId));
  }

  /** A tab opened for a file that never got written would point at nothing. */
  private closeUnwrittenTab(path: string | null): void {
    if (path && this.session.store.readFile(path) === undefined) this.session.store.closeTab(path);
  }

  dispose(): void {
    this.stopped = true;
    this.runner.abort();
    void this.chat.stop();
    for (const path of this.drafts.releaseAll()) this.closeUnwrittenTab(path);
  }
}
