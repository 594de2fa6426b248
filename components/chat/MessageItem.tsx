'use client';

import { memo, useState, type KeyboardEvent } from 'react';
import { getToolName, isToolUIPart } from 'ai';
import { Button } from '@/components/ui/Button';
import type { ChatMessage, ChatMessagePart } from '@/lib/chat/chat-message';
import { formatUsage, messageText, turnUsageOf } from '@/lib/chat/turn-state';
import { Markdown } from './Markdown';
import { InterruptedToolRow, ToolCallRow, type ToolRowState } from './ToolCallRow';

function rowState(state: string): ToolRowState {
  if (state === 'input-streaming') return 'streaming';
  if (state === 'output-available') return 'done';
  if (state === 'output-error' || state === 'output-denied') return 'error';
  return 'running';
}

function PartView({ part }: { part: ChatMessagePart }) {
  if (part.type === 'text') return part.text ? <Markdown text={part.text} /> : null;
  if (part.type === 'data-interrupted-tool') return <InterruptedToolRow toolName={part.data.toolName} path={part.data.path} />;
  if (isToolUIPart(part)) {
    return (
      <ToolCallRow
        toolName={getToolName(part)}
        input={part.input}
        state={rowState(part.state)}
        output={part.state === 'output-available' ? part.output : undefined}
        errorText={part.state === 'output-error' ? part.errorText : undefined}
      />
    );
  }
  return null;
}

function UserMessage({
  message,
  canEdit,
  onEdit,
}: {
  message: ChatMessage;
  canEdit: boolean;
  onEdit: (text: string) => void;
}) {
  const text = messageText(message);
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
      <div className="max-w-[90%] whitespace-pre-wrap break-words rounded-lg bg-zinc-800 px-3 py-2 text-sm text-zinc-100">{text}</div>
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
  );
}

function AssistantMessage({
  message,
  isLast,
  canRegenerate,
  onRegenerate,
}: {
  message: ChatMessage;
  isLast: boolean;
  canRegenerate: boolean;
  onRegenerate: () => void;
}) {
  const usage = turnUsageOf(message);
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
      <div className="mt-1 flex items-center gap-3 text-xs text-zinc-500">
        {usage && <span data-testid="chat-usage">{formatUsage(usage)}</span>}
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
}: {
  message: ChatMessage;
  isLast: boolean;
  /** No request or tool is running, so history may change. */
  idle: boolean;
  onEdit: (messageId: string, text: string) => void;
  onRegenerate: () => void;
}) {
  if (message.role === 'user') {
    return <UserMessage message={message} canEdit={idle} onEdit={(text) => onEdit(message.id, text)} />;
  }
  if (message.role === 'assistant') {
    return <AssistantMessage message={message} isLast={isLast} canRegenerate={idle} onRegenerate={onRegenerate} />;
  }
  return null;
});
