import { isToolUIPart, lastAssistantMessageIsCompleteWithToolCalls, type UIMessage } from 'ai';
import { fixLimitNote, fixLimitReached } from '../chat/turn-info';
import { draftForStreamingInput } from '../chat/tool-drafts';
import { fixAttemptState, fixLimitToolError, toolEventsSinceLastUser } from './fix-attempts';
import { DEFAULT_STEP_BUDGET, shouldContinue } from './step-budget';
import { changesProject, editsFiles, type AgentMode } from './tools';
import type { TurnEvidence } from './turn-status';

/** The rules of one agent turn in the browser, as plain functions the chat controller applies. */

export const DISCUSS_REFUSAL = 'Discussion mode: this tool changes the project, so it is not available. Answer the question instead.';

/**
 * Why a tool call must not run, or null when it may: discuss mode only looks, and once the fix
 * limit for the failure under work is used up, no more file changes.
 */
export function refuseToolCall(toolName: string, mode: AgentMode, messages: readonly UIMessage[]): string | null {
  if (mode === 'discuss' && changesProject(toolName)) return DISCUSS_REFUSAL;
  if (editsFiles(toolName)) {
    const state = fixAttemptState(toolEventsSinceLastUser(messages));
    if (state.mustStop) return fixLimitToolError(state);
  }
  return null;
}

/**
 * Whether the chat sends the tool results back to the model by itself: not after Stop, only when
 * every tool call of the last step has its result, within the step budget, and not once automatic
 * fixing has reached its limit (then the turn ends and says so).
 */
export function sendsAutomatically(messages: readonly UIMessage[], options: { stopped: boolean; budget?: number }): boolean {
  if (options.stopped) return false;
  if (!lastAssistantMessageIsCompleteWithToolCalls({ messages: [...messages] })) return false;
  if (shouldContinue(messages, options.budget ?? DEFAULT_STEP_BUDGET) !== 'continue') return false;
  return fixLimitReached(toolEventsSinceLastUser(messages)) === null;
}

export interface SettleDecision {
  /** Reload the preview once, so the turn's status is measured rather than "Not checked". */
  reloadPreview: boolean;
  /** The note to put on the last reply because automatic fixing stopped; null when none is due. */
  fixLimitNote: string | null;
}

/** What to do when nothing runs any more at the end of a turn. */
export function settleTurn(
  messages: readonly UIMessage[],
  evidence: Pick<TurnEvidence, 'filesChanged' | 'serverRunning' | 'previewLoadedSinceLastChange'>,
  alreadyReloadedFor: string | null,
): SettleDecision {
  const last = messages[messages.length - 1];
  if (!last || last.role !== 'assistant') return { reloadPreview: false, fixLimitNote: null };
  const reloadPreview =
    evidence.filesChanged && evidence.serverRunning && !evidence.previewLoadedSinceLastChange && alreadyReloadedFor !== last.id;
  const metadata = last.metadata as { fixLimitNote?: string } | undefined;
  if (metadata?.fixLimitNote) return { reloadPreview, fixLimitNote: null };
  const state = fixLimitReached(toolEventsSinceLastUser(messages));
  return { reloadPreview, fixLimitNote: state ? fixLimitNote(state) : null };
}

export interface DraftSink {
  set(path: string, content: string): void;
  clear(path: string): void;
}

/**
 * Mirrors streaming `write_file`/`edit_file` inputs into editor drafts, one per tool call, and
 * releases each when its call settles. Drafts never reach the project store or the runtime.
 */
export class DraftTracker {
  /** toolCallId → path of the draft shown for it. */
  private readonly drafts = new Map<string, string>();

  constructor(
    private readonly sink: DraftSink,
    private readonly readFile: (path: string) => string | undefined,
  ) {}

  sync(messages: readonly UIMessage[]): void {
    const last = messages[messages.length - 1];
    if (!last || last.role !== 'assistant') return;
    for (const part of last.parts) {
      if (!isToolUIPart(part)) continue;
      const toolName = part.type === 'dynamic-tool' ? part.toolName : part.type.slice('tool-'.length);
      if (toolName !== 'write_file' && toolName !== 'edit_file') continue;
      if (part.state !== 'input-streaming' && part.state !== 'input-available') continue;
      const draft = draftForStreamingInput(toolName, part.input, this.readFile);
      if (!draft) continue;
      const previous = this.drafts.get(part.toolCallId);
      if (previous !== draft.path) {
        if (previous) this.sink.clear(previous);
        this.drafts.set(part.toolCallId, draft.path);
      }
      this.sink.set(draft.path, draft.content);
    }
  }

  /** The path whose draft was released, so the caller can close a tab that never got a file. */
  release(toolCallId: string): string | null {
    const path = this.drafts.get(toolCallId);
    if (!path) return null;
    this.drafts.delete(toolCallId);
    this.sink.clear(path);
    return path;
  }

  releaseAll(): string[] {
    return [...this.drafts.keys()].flatMap((id) => this.release(id) ?? []);
  }
}
