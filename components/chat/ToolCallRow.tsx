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

function outputText(output: unknown): string {
  if (output === undefined) return '';
  if (output && typeof output === 'object') {
    const record = output as Record<string, unknown>;
    // Commands: the terminal output is what a person wants to read first.
    if (typeof record.output === 'string') {
      const rest = Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'output'));
      return `${record.output.trimEnd()}\n\n${JSON.stringify(rest, null, 2)}`.trim();
    }
    if (typeof record.content === 'string') return record.content;
  }
  return typeof output === 'string' ? output : JSON.stringify(output, null, 2);
}

/**
 * One tool call as a compact row; its output or error is one click away. It takes the row's
 * description rather than the tool input: while a long input streams, the input changes many
 * times a second but the row's title does not, so the row does not re-render.
 */
export const ToolCallRow = memo(function ToolCallRow({
  toolName,
  title,
  detail,
  tone,
  state,
  output,
  errorText,
}: ToolCallDescription & {
  toolName: string;
  state: ToolRowState;
  output?: unknown;
  errorText?: string;
}) {
  const [open, setOpen] = useState(false);
  const body = state === 'error' ? (errorText ?? '') : state === 'done' ? outputText(output) : '';
  const note = detail && !body.includes(detail.trim()) ? detail : undefined;
  const expandable = Boolean(note || body);

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
        <span className={`min-w-0 flex-1 truncate font-mono ${toneClasses[tone] ?? toneClasses.neutral}`}>{title}</span>
        {expandable && <ChevronIcon className={`shrink-0 text-zinc-500 transition-transform ${open ? 'rotate-90' : ''}`} />}
      </button>
      {open && expandable && (
        <div data-testid="tool-row-detail" className="border-t border-zinc-800 px-2 py-1.5">
          {note && <p className="mb-1 whitespace-pre-wrap text-zinc-400">{note}</p>}
          {body && (
            <pre className="max-h-72 overflow-auto whitespace-pre-wrap break-words font-mono text-[11px] leading-relaxed text-zinc-300">
              {body}
            </pre>
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
