'use client';

import { memo, useState } from 'react';
import type { ToolCallDescription } from '@/lib/agent/describe-tool-call';
import { ChevronIcon } from '@/components/ui/icons';

export type ToolRowState = 'streaming' | 'running' | 'done' | 'error';

const toneClasses: Record<string, string> = {
  neutral: 'text-zinc-300',
  success: 'text-zinc-200',
  error: 'text-red-300',
  running: 'text-sky-300',
};

const dotClasses: Record<string, string> = {
  neutral: 'bg-zinc-500',
  success: 'bg-emerald-500',
  error: 'bg-red-500',
  running: 'bg-sky-400 animate-pulse',
};

function rawJson(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/**
 * One tool call as a compact row; its output or error is one click away. It takes the row's
 * description rather than the tool input: while a long input streams, the input changes many
 * times a second but the row's title does not, so the row does not re-render. The raw input and
 * output (what the model sent and got back) arrive only once the call is finished, under "Details".
 */
export const ToolCallRow = memo(function ToolCallRow({
  toolName,
  title,
  detail,
  tone,
  state,
  input,
  output,
  errorText,
}: ToolCallDescription & {
  toolName: string;
  state: ToolRowState;
  input?: unknown;
  output?: unknown;
  errorText?: string;
}) {
  const [open, setOpen] = useState(false);
  const finished = state === 'done' || state === 'error';
  const note = detail?.trim() || (state === 'error' ? errorText : undefined);
  const raw = finished
    ? [`Input:\n${rawJson(input)}`, state === 'error' ? `Error:\n${errorText ?? ''}` : `Output:\n${rawJson(output)}`].join('\n\n')
    : '';
  const expandable = Boolean(note || raw);

  return (
    <div
      data-testid="tool-row"
      data-tool={toolName}
      data-state={state}
      className="my-1 rounded-md border border-zinc-800 bg-zinc-900/60 text-xs"
    >
      <button
        type="button"
        onClick={() => setOpen((v) => !v)}
        disabled={!expandable}
        aria-expanded={expandable ? open : undefined}
        className="flex w-full items-center gap-2 px-2 py-1.5 text-left disabled:cursor-default"
      >
        <span className={`h-1.5 w-1.5 shrink-0 rounded-full ${dotClasses[tone] ?? dotClasses.neutral}`} />
        <span className={`min-w-0 flex-1 truncate ${toneClasses[tone] ?? toneClasses.neutral}`}>{title}</span>
        {expandable && <ChevronIcon className={`shrink-0 text-zinc-500 transition-transform ${open ? 'rotate-90' : ''}`} />}
      </button>
      {open && expandable && (
        <div data-testid="tool-row-detail" className="border-t border-zinc-800 px-2 py-1.5">
          {note && (
            <pre className="mb-1 max-h-72 overflow-auto whitespace-pre-wrap break-words font-mono text-[11px] leading-relaxed text-zinc-300">
              {note}
            </pre>
          )}
          {raw && (
            <details data-testid="tool-row-raw" className="text-zinc-500">
              <summary className="cursor-pointer select-none hover:text-zinc-300">Details</summary>
              <pre className="mt-1 max-h-72 overflow-auto whitespace-pre-wrap break-words font-mono text-[11px] leading-relaxed text-zinc-400">
                {raw}
              </pre>
            </details>
          )}
        </div>
      )}
    </div>
  );
});

/** A tool call whose input never finished (Stop, error or reload); it never ran. */
export function InterruptedToolRow({ toolName, path }: { toolName: string; path?: string }) {
  const what = toolName === 'write_file' ? 'writing' : toolName === 'edit_file' ? 'editing' : `calling ${toolName} for`;
  return (
    <div
      data-testid="tool-row"
      data-tool={toolName}
      data-state="interrupted"
      className="my-1 flex items-center gap-2 rounded-md border border-zinc-800 bg-zinc-900/60 px-2 py-1.5 font-mono text-xs text-zinc-400"
    >
      <span className="h-1.5 w-1.5 shrink-0 rounded-full bg-amber-500" />
      {path ? `Stopped before ${what} ${path} — nothing was written` : `Stopped before ${toolName} finished`}
    </div>
  );
}
