'use client';

import { useStore } from 'zustand';
import type { WorkbenchSession } from '@/lib/workbench/session-types';
import { backendName, stateDot, UNCONFINED_WARNING } from './runtime-words';

/** Which backend runs the project, its state, and why when something is wrong. */
export function RuntimeStatus({ session }: { session: WorkbenchSession }) {
  const status = useStore(session.runtimeState, (s) => s.status);

  if (!status) {
    return (
      <div data-testid="runtime-status" data-state="booting" className="flex items-center gap-2 text-xs text-zinc-400">
        <span className={`h-2 w-2 shrink-0 rounded-full ${stateDot.booting}`} aria-hidden />
        <span>Runtime: booting</span>
      </div>
    );
  }

  return (
    <div
      data-testid="runtime-status"
      data-kind={status.kind}
      data-state={status.state}
      className="flex min-w-0 items-center gap-2 text-xs text-zinc-300"
      title={status.detail ? `${status.message ?? ''}\n${status.detail}`.trim() : status.message}
    >
      <span className={`h-2 w-2 shrink-0 rounded-full ${stateDot[status.state]}`} aria-hidden />
      <span className="shrink-0">
        {backendName[status.kind]}: <span className="font-medium">{status.state}</span>
      </span>
      {status.message && <span className="min-w-0 truncate text-zinc-400">{` — ${status.message}`}</span>}
      {status.confined && status.sandbox && (
        <span data-testid="sandbox-summary" className="min-w-0 truncate text-zinc-400" title={status.sandbox}>
          {` · ${status.sandbox}`}
        </span>
      )}
      {!status.confined && (
        <span
          role="alert"
          className="min-w-0 truncate rounded bg-amber-900/60 px-1.5 py-0.5 text-amber-200"
          title={UNCONFINED_WARNING}
        >
          {` ⚠ ${UNCONFINED_WARNING}`}
        </span>
      )}
    </div>
  );
}
