'use client';

import { memo, useState, type KeyboardEvent } from 'react';
import { getToolName, isToolUIPart } from 'ai';
import { Button } from '@/components/ui/Button';
import { describeToolCall } from '@/lib/agent/describe-tool-call';
import type { ChatMessage, ChatMessagePart } from '@/lib/chat/chat-message';
import { elementChipLabel } from '@/lib/chat/element-reference';
import type { TurnProblems } from '@/lib/chat/turn-info';
import { formatUsage, messageText, turnUsageOf } from '@/lib/chat/turn-state';
import type { WorkbenchSession } from '@/lib/workbench/session-types';
import { Markdown } from './Markdown';
import { InterruptedToolRow, ToolCallRow, type ToolRowState } from './ToolCallRow';
import { TurnFooter } from './TurnFooter';

/** What the person typed: the first text part (a second one carries elements picked in the preview). */
function typedText(message: ChatMessage): string {
  const first = message.parts.find((part) => part.type === 'text');
  return first?.type === 'text' ? first.text : '';
}

type FilePart = Extract<ChatMessagePart, { type: 'file' }>;

function rowState(state: string): ToolRowState {
  if (state === 'input-streaming') return 'streaming';
  if (state === 'output-available') return 'done';
  if (state === 'output-error' || state === 'output-denied') return 'error';
  return 'running';
}

function PartView({ part }: { part: ChatMessagePart }) {
  if (part.type === 'text')
    return part.text ? (
      <div data-testid="chat-reply-text">
        <Markdown text={part.text} />
      </div>
    ) : null;
  if (part.type === 'data-interrupted-tool') return <InterruptedToolRow toolName={part.data.toolName} path={part.data.path} />;
  if (isToolUIPart(part)) {
    const toolName = getToolName(part);
    const state = rowState(part.state);
    const output = part.state === 'output-available' ? part.output : undefined;
    const errorText = part.state === 'output-error' ? part.errorText : undefined;
    const finished = state === 'done' || state === 'error';
    const { title, detail, tone } = describeToolCall(toolName, part.input, state, output, errorText);
    return (
      <ToolCallRow
        toolName={toolName}
        title={title}
        detail={detail}
        tone={tone}
        state={state}
        input={finished ? part.input : undefined}
        output={output}
        errorText={errorText}
      />
    );
  }
  return null;
}

function UserMessage({
  message,
  canEdit,
  onEdit,
  onRestore,
}: {
  message: ChatMessage;
  canEdit: boolean;
  onEdit: (text: string) => void;
  onRestore: (checkpointId: string, label: string) => void;
}) {
  const text = typedText(message);
  const images = message.parts.filter((part): part is FilePart => part.type === 'file' && part.mediaType.startsWith('image/'));
  const elements = message.metadata?.elements ?? [];
  const checkpointId = message.metadata?.checkpointId;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);

  const resend = () => {
    const next = draft.trim();
    if (!next) return;
    setEditing(false);
    onEdit(next);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      resend();
    } else if (event.key === 'Escape') {
      setEditing(false);
    }
  };

  if (editing) {
    return (
      <div data-testid="chat-message" data-role="user" className="flex flex-col gap-2 rounded-lg bg-zinc-800 p-2">
        <textarea
          data-testid="chat-edit-input"
          autoFocus
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          rows={Math.min(8, Math.max(2, draft.split('\n').length))}
          className="w-full resize-none rounded-md border border-zinc-700 bg-zinc-950 p-2 text-sm text-zinc-100 focus:border-sky-500 focus:outline-none"
        />
        <p className="text-xs text-zinc-400">Resending removes everything after this message from the chat. Files already written stay.</p>
        <div className="flex justify-end gap-2">
          <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
            Cancel
          </Button>
          <Button size="sm" variant="primary" onClick={resend} data-testid="chat-edit-send">
            Send
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div data-testid="chat-message" data-role="user" className="group flex flex-col items-end gap-1">
      {images.length > 0 && (
        <div className="flex max-w-[90%] flex-wrap justify-end gap-1.5">
          {images.map((image, i) => (
            // eslint-disable-next-line @next/next/no-img-element -- a data: URL kept with the chat
            <img
              key={i}
              data-testid="chat-message-image"
              src={image.url}
              alt={image.filename ?? 'Attached image'}
              className="h-20 max-w-40 rounded border border-zinc-700 object-cover"
            />
          ))}
        </div>
      )}
      <div className="max-w-[90%] whitespace-pre-wrap break-words rounded-lg bg-zinc-800 px-3 py-2 text-sm text-zinc-100">
        {message.metadata?.autoFix === 'checks' && (
          <span data-testid="auto-fix-label" className="mb-1 block text-[11px] uppercase tracking-wide text-amber-300">
            Sent by Tabsmith: a saved check broke
          </span>
        )}
        {message.metadata?.mode === 'discuss' && (
          <span className="mr-1.5 rounded bg-zinc-700 px-1 py-px text-[10px] uppercase tracking-wide text-zinc-300">Discuss</span>
        )}
        {text}
        {elements.length > 0 && (
          <span className="mt-1.5 flex flex-wrap gap-1">
            {elements.map((element) => (
              <span key={element.selector} data-testid="chat-message-element" className="rounded-full bg-sky-950 px-2 py-px font-mono text-xs text-sky-200">
                {elementChipLabel(element)}
              </span>
            ))}
          </span>
        )}
      </div>
      {message.metadata?.checkpointError && <p className="text-xs text-amber-400">{message.metadata.checkpointError}</p>}
      <div className="flex gap-3">
      {checkpointId && (
        <button
          type="button"
          data-testid="checkpoint-restore"
          disabled={!canEdit}
          title={canEdit ? 'Put every file back as it was before the agent acted on this message' : 'Wait until the agent is done'}
          onClick={() => onRestore(checkpointId, text)}
          className="text-xs text-zinc-500 hover:text-zinc-200 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Restore to before this message
        </button>
      )}
      {canEdit && (
        <button
          type="button"
          data-testid="chat-edit"
          onClick={() => {
            setDraft(text);
            setEditing(true);
          }}
          className="text-xs text-zinc-500 opacity-0 transition-opacity hover:text-zinc-200 focus:opacity-100 group-hover:opacity-100"
        >
          Edit
        </button>
      )}
      </div>
    </div>
  );
}

export interface TurnProps {
  session: WorkbenchSession;
  /** Restore point before the turn, and the next one ('current' for the latest turn). */
  before: string | null;
  after: string;
  onFixIt: (problems: TurnProblems) => void;
}

function AssistantMessage({
  message,
  isLast,
  canRegenerate,
  onRegenerate,
  turn,
}: {
  message: ChatMessage;
  isLast: boolean;
  canRegenerate: boolean;
  onRegenerate: () => void;
  turn: TurnProps;
}) {
  // The demo spends no tokens; for a model, the counts are for people who want them, under Details.
  const usage = message.metadata?.modelId?.startsWith('demo:') ? null : turnUsageOf(message);
  return (
    <div data-testid="chat-message" data-role="assistant" className="flex flex-col text-sm leading-relaxed text-zinc-200">
      {message.parts.map((part, i) => (
        <PartView key={'toolCallId' in part ? part.toolCallId : `${part.type}-${i}`} part={part} />
      ))}
      {message.metadata?.stopped && (
        <p data-testid="chat-stopped" className="mt-1 text-xs font-medium text-amber-400">
          Stopped. Files written before you pressed Stop are kept.
        </p>
      )}
      <TurnFooter
        session={turn.session}
        assistantText={messageText(message)}
        metadata={message.metadata}
        before={turn.before}
        after={turn.after}
        live={isLast}
        settled={canRegenerate}
        onFixIt={turn.onFixIt}
      />
      <div className="mt-1 flex items-center gap-3 text-xs text-zinc-500">
        {usage && (
          <details data-testid="chat-details" className="order-last">
            <summary className="cursor-pointer select-none hover:text-zinc-300">Details</summary>
            <p className="mt-1">
              {message.metadata?.modelId && <span>{message.metadata.modelId} · tokens: </span>}
              <span data-testid="chat-usage">{formatUsage(usage)}</span>
            </p>
          </details>
        )}
        {isLast && canRegenerate && (
          <button type="button" data-testid="chat-regenerate" onClick={onRegenerate} className="hover:text-zinc-200">
            Regenerate
          </button>
        )}
      </div>
    </div>
  );
}

export const MessageItem = memo(function MessageItem({
  message,
  isLast,
  idle,
  onEdit,
  onRegenerate,
  onRestore,
  session,
  before,
  after,
  onFixIt,
}: {
  message: ChatMessage;
  isLast: boolean;
  /** No request or tool is running, so history may change. */
  idle: boolean;
  onEdit: (messageId: string, text: string) => void;
  onRegenerate: () => void;
  onRestore: (checkpointId: string, label: string) => void;
} & TurnProps) {
  if (message.role === 'user') {
    return <UserMessage message={message} canEdit={idle} onEdit={(text) => onEdit(message.id, text)} onRestore={onRestore} />;
  }
  if (message.role === 'assistant') {
    return (
      <AssistantMessage
        message={message}
        isLast={isLast}
        canRegenerate={idle}
        onRegenerate={onRegenerate}
        turn={{ session, before, after, onFixIt }}
      />
    );
  }
  return null;
});
