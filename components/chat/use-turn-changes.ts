'use client';

import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { FileChangeSummary } from '@/lib/checkpoints/checkpoint-manager';
import type { WorkbenchSession } from '@/lib/workbench/session-types';

/** Waits for edits to pause before re-reading the current files. */
const CURRENT_FILES_DEBOUNCE_MS = 300;

/**
 * Files changed between a turn's restore point and the next one (or the current files). Null until
 * known, or when the turn has no restore point.
 */
export function useTurnChanges(
  session: WorkbenchSession,
  before: string | null,
  after: string,
  /** False while the agent works: the counts of a running turn would flicker. */
  settled: boolean,
): FileChangeSummary[] | null {
  const [result, setResult] = useState<{ key: string; changes: FileChangeSummary[] } | null>(null);
  const files = useStore(session.store.api, (s) => (after === 'current' ? s.record.files : null));
  const key = `${before}:${after}`;

  useEffect(() => {
    if (!before || !settled) return;
    let cancelled = false;
    const timer = setTimeout(
      () => {
        session.checkpoints
          .changesForTurn(before, after)
          .then((changes) => {
            if (!cancelled) setResult({ key, changes });
          })
          .catch(() => {});
      },
      after === 'current' ? CURRENT_FILES_DEBOUNCE_MS : 0,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [session, before, after, key, settled, files]);

  return result && result.key === key ? result.changes : null;
}

export function totalLines(changes: FileChangeSummary[]): { added: number; removed: number } {
  return changes.reduce((sum, c) => ({ added: sum.added + c.added, removed: sum.removed + c.removed }), { added: 0, removed: 0 });
}
