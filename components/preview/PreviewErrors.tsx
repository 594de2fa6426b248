'use client';

import { useState } from 'react';
import { useStore } from 'zustand';
import type { WorkbenchSession } from '@/lib/workbench/session-types';

const kindLabel = {
  exception: 'Uncaught error',
  'unhandled-rejection': 'Unhandled promise rejection',
  'console-error': 'console.error',
} as const;

/** Error count badge for the preview; expands to the messages the app reported. */
export function PreviewErrors({ session }: { session: WorkbenchSession }) {
  const errors = useStore(session.runtimeState, (s) => s.previewErrors);
  const [open, setOpen] = useState(false);
  const count = errors.length;
  const expanded = open && count > 0;

  return (
    <div data-testid="preview-errors" data-count={count} hidden={count === 0} className="relative">
      <button
        type="button"
        onClick={() => setOpen((value) => !value)}
        aria-expanded={expanded}
        className="flex items-center gap-1 rounded bg-red-900/70 px-2 py-0.5 text-xs font-medium text-red-100 hover:bg-red-800"
      >
        <span data-testid="preview-errors-count">{count}</span> {count === 1 ? 'error' : 'errors'}
      </button>
      <div
        className={`${expanded ? '' : 'hidden'} absolute right-0 top-full z-20 mt-1 max-h-80 w-96 overflow-auto rounded border border-zinc-700 bg-zinc-900 p-2 text-xs shadow-xl`}
      >
        <div className="mb-2 flex items-center justify-between">
          <span className="text-zinc-400">Errors from your app</span>
          <button
            type="button"
            className="rounded px-2 py-0.5 text-zinc-300 hover:bg-zinc-800"
            onClick={() => {
              session.clearPreviewErrors();
              setOpen(false);
            }}
          >
            Clear
          </button>
        </div>
        <ul className="space-y-2">
          {errors.map((error, index) => (
            <li key={`${error.at}-${index}`} className="rounded bg-zinc-950 p-2">
              <div className="text-[10px] uppercase tracking-wide text-red-300">{kindLabel[error.kind]}</div>
              <pre className="whitespace-pre-wrap break-words font-mono text-red-100">{error.message}</pre>
              {error.source && <div className="mt-1 truncate text-zinc-500">{error.source}</div>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
