'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { diffLines } from '@/lib/checkpoints/line-diff';
import type { FileChangeSummary, FilePair } from '@/lib/checkpoints/checkpoint-manager';
import type { WorkbenchSession } from '@/lib/workbench/session-types';
import { MonacoDiff } from './MonacoDiff';

const kindWords: Record<FileChangeSummary['kind'], string> = { added: 'Added', edited: 'Edited', deleted: 'Deleted' };
const kindColors: Record<FileChangeSummary['kind'], string> = {
  added: 'text-emerald-400',
  edited: 'text-sky-300',
  deleted: 'text-red-400',
};

export function LineCounts({ added, removed }: { added: number; removed: number }) {
  return (
    <span className="font-mono">
      <span className="text-emerald-400">+{added}</span> <span className="text-red-400">−{removed}</span>
    </span>
  );
}

/** What one agent turn changed: the files, and for the chosen one its diff. */
export function ChangesDialog({
  session,
  before,
  after,
  changes,
  onClose,
}: {
  session: WorkbenchSession;
  before: string;
  after: string;
  changes: FileChangeSummary[];
  onClose: () => void;
}) {
  const [selected, setSelected] = useState<string | null>(changes[0]?.path ?? null);
  const [pair, setPair] = useState<{ path: string; value: FilePair } | { path: string; error: string } | null>(null);

  useEffect(() => {
    if (!selected) return;
    let cancelled = false;
    session.checkpoints
      .filePair(selected, before, after)
      .then((value) => !cancelled && setPair({ path: selected, value }))
      .catch(() => !cancelled && setPair({ path: selected, error: 'This version of the file could not be read from the browser storage.' }));
    return () => {
      cancelled = true;
    };
  }, [session, selected, before, after]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const current = pair && pair.path === selected ? pair : null;

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/60 p-2 md:p-4" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        role="dialog"
        aria-label="Changes in this turn"
        data-testid="changes-dialog"
        className="flex max-h-[90vh] w-full max-w-6xl flex-col overflow-hidden rounded-lg border border-zinc-700 bg-zinc-950 text-zinc-100 shadow-xl"
      >
        <header className="flex items-center gap-2 border-b border-zinc-800 px-3 py-2">
          <h2 className="flex-1 text-sm font-semibold">Changes in this turn</h2>
          <Button size="sm" variant="ghost" onClick={onClose} data-testid="changes-close">
            Close
          </Button>
        </header>
        <div className="flex min-h-0 flex-1 flex-col md:flex-row">
          <ul className="max-h-32 shrink-0 overflow-y-auto border-b border-zinc-800 py-1 text-xs md:max-h-none md:w-64 md:border-b-0 md:border-r" aria-label="Changed files">
            {changes.map((change) => (
              <li key={change.path}>
                <button
                  type="button"
                  data-testid="changes-file"
                  data-path={change.path}
                  data-kind={change.kind}
                  aria-current={selected === change.path}
                  onClick={() => setSelected(change.path)}
                  className={`flex w-full items-center gap-2 px-3 py-1 text-left hover:bg-zinc-800 ${selected === change.path ? 'bg-zinc-800' : ''}`}
                >
                  <span className={`w-12 shrink-0 ${kindColors[change.kind]}`}>{kindWords[change.kind]}</span>
                  <span className="min-w-0 flex-1 truncate font-mono" title={change.path}>
                    {change.path}
                  </span>
                  {!change.binary && <LineCounts added={change.added} removed={change.removed} />}
                </button>
              </li>
            ))}
          </ul>
          <div className="min-w-0 flex-1 overflow-y-auto">
            {!current && <p className="p-3 text-xs text-zinc-500">{selected ? 'Loading…' : 'No file changed.'}</p>}
            {current && 'error' in current && <p className="p-3 text-xs text-red-300">{current.error}</p>}
            {current && 'value' in current && (
              <FileDiff key={current.path} path={current.path} kind={changes.find((c) => c.path === current.path)?.kind} pair={current.value} />
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

const kindHeadings: Record<FileChangeSummary['kind'], string> = { added: 'New file', edited: 'Edited', deleted: 'Deleted file' };

function FileDiff({ path, kind, pair }: { path: string; kind: FileChangeSummary['kind'] | undefined; pair: FilePair }) {
  const [viewerError, setViewerError] = useState<string | null>(null);
  const { before, after } = pair;
  if ((before !== undefined && typeof before !== 'string') || (after !== undefined && typeof after !== 'string')) {
    return <p className="p-3 text-xs text-zinc-400">{path} is a binary file, so there are no lines to compare.</p>;
  }
  const diff = diffLines(before ?? '', after ?? '', { context: 2 });
  return (
    <div data-testid="changes-file-diff" data-path={path}>
      <p className="flex items-center gap-2 border-b border-zinc-800 px-3 py-1.5 text-xs">
        <span className={kind ? kindColors[kind] : 'text-zinc-400'}>{kind ? kindHeadings[kind] : 'Changed'}</span>
        <span className="min-w-0 flex-1 truncate font-mono text-zinc-300" title={path}>
          {path}
        </span>
        <LineCounts added={diff.added} removed={diff.removed} />
      </p>
      {viewerError ? (
        <p className="p-3 text-xs text-red-300">{viewerError} The changed lines are listed below.</p>
      ) : (
        <MonacoDiff path={path} before={before} after={after} onFailed={setViewerError} />
      )}
      {/* The changed lines as text: what a screen reader reads (Monaco's diff is a canvas of positioned
          lines), and what everyone sees if the diff viewer cannot load. */}
      <ol className={viewerError ? 'py-1 font-mono text-xs' : 'sr-only'} aria-label="Changed lines">
        {diff.hunks.map((hunk, h) => (
          <li key={h} className="border-b border-zinc-900 py-1">
            <p className="px-3 text-zinc-500">Line {hunk.afterStart}</p>
            {hunk.lines.map((line, i) => (
              <pre
                key={i}
                data-testid="changes-line"
                data-kind={line.kind}
                className={`whitespace-pre-wrap break-all px-3 ${
                  line.kind === 'added' ? 'bg-emerald-950/40 text-emerald-100' : line.kind === 'removed' ? 'bg-red-950/40 text-red-100' : 'text-zinc-400'
                }`}
              >
                {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}
                {line.text}
              </pre>
            ))}
          </li>
        ))}
      </ol>
    </div>
  );
}
