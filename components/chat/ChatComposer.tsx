'use client';

import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { ArrowUpIcon } from '@/components/ui/icons';

export function ChatComposer({
  busy,
  disabled,
  onSend,
  onStop,
}: {
  /** A reply streams or a tool runs: Stop replaces Send. */
  busy: boolean;
  disabled?: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
}) {
  const [text, setText] = useState('');

  const send = () => {
    const value = text.trim();
    if (!value || busy || disabled) return;
    onSend(value);
    setText('');
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form onSubmit={onSubmit} className="border-t border-zinc-800 p-2">
      <div className="flex items-end gap-2 rounded-lg border border-zinc-700 bg-zinc-950 p-1.5 focus-within:border-sky-500">
        <textarea
          data-testid="chat-input"
          aria-label="Message to the agent"
          placeholder={busy ? 'The agent is working… you can type your next message' : 'Describe a change or ask a question'}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          rows={Math.min(8, Math.max(2, text.split('\n').length))}
          className="min-h-10 flex-1 resize-none bg-transparent px-1.5 py-1 text-sm text-zinc-100 placeholder:text-zinc-500 focus:outline-none"
        />
        {busy ? (
          <Button variant="danger" size="md" onClick={onStop} data-testid="chat-stop" aria-label="Stop the agent">
            <span className="h-2.5 w-2.5 rounded-[2px] bg-current" />
            Stop
          </Button>
        ) : (
          <Button
            variant="primary"
            size="md"
            type="submit"
            disabled={disabled || text.trim() === ''}
            data-testid="chat-send"
            aria-label="Send"
          >
            <ArrowUpIcon />
            Send
          </Button>
        )}
      </div>
    </form>
  );
}
