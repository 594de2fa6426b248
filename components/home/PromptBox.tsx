'use client';

import { forwardRef, type KeyboardEvent } from 'react';
import { ArrowUpIcon } from '@/components/ui/icons';

interface PromptBoxProps {
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  busy: boolean;
}

export const PromptBox = forwardRef<HTMLTextAreaElement, PromptBoxProps>(function PromptBox(
  { value, onChange, onSubmit, busy },
  ref,
) {
  const canSubmit = value.trim().length > 0 && !busy;

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (canSubmit) onSubmit();
    }
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (canSubmit) onSubmit();
      }}
      className="relative rounded-2xl border border-zinc-700 bg-zinc-900 shadow-lg shadow-black/30 focus-within:border-sky-500"
    >
      <label htmlFor="prompt-input" className="sr-only">
        Describe the app you want
      </label>
      <textarea
        id="prompt-input"
        ref={ref}
        data-testid="prompt-input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        placeholder="Describe the app you want"
        rows={4}
        autoFocus
        className="block w-full resize-none rounded-2xl bg-transparent px-5 pt-4 pb-14 text-base text-zinc-100 placeholder:text-zinc-500 focus:outline-none"
      />
      <div className="absolute right-3 bottom-3 flex items-center gap-3">
        <span className="hidden text-xs text-zinc-500 sm:inline">Enter to start · Shift+Enter for a new line</span>
        <button
          type="submit"
          data-testid="prompt-submit"
          disabled={!canSubmit}
          className="inline-flex h-9 items-center gap-1.5 rounded-full bg-sky-500 px-4 text-sm font-medium text-zinc-950 transition-colors hover:bg-sky-400 disabled:bg-zinc-700 disabled:text-zinc-400"
        >
          {busy ? 'Creating…' : 'Build it'}
          <ArrowUpIcon />
        </button>
      </div>
    </form>
  );
});
