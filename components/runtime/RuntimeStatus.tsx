'use client';

import { useStore } from 'zustand';
import type { WorkbenchSession } from '@/lib/workbench/session-types';
import { backendName, stateDot, stateWord, UNCONFINED_WARNING } from './runtime-words';

/**
 * Where the app runs and whether it can, in plain words; the engine and why it was chosen (a
 * fallback, a timeout) are one click away under Details.
 */
export function RuntimeStatus({ session }: { session: WorkbenchSession }) {
  const status = useStore(session.runtimeState, (s) => s.status);

  if (!status) {
    return (
      <div data-testid="runtime-status" data-state="booting" className="flex shrink-0 items-center gap-2 text-xs text-zinc-400">
        <span className={`h-2 w-2 shrink-0 rounded-full ${stateDot.booting}`} aria-hidden />
        <span className="whitespace-nowrap">Getting ready…</span>
      </div>
    );
  }

  const problem = status.state === 'crashed' || status.state === 'unavailable';
  return (
    <div
      data-testid="runtime-status"
      data-kind={status.kind}
      data-state={status.state}
      className="relative flex min-w-0 shrink-0 items-center gap-2 text-xs text-zinc-300"
    >
      <span className={`h-2 w-2 shrink-0 rounded-full ${stateDot[status.state]}`} aria-hidden />
      <span className="whitespace-nowrap">
        {backendName[status.kind]}
        <span className={problem ? 'text-red-300' : 'text-zinc-400'}> · {stateWord[status.state]}</span>
      </span>
      <details data-testid="runtime-details" className="group" title={status.detail}>
        <summary className="cursor-pointer list-none rounded px-1 text-zinc-500 select-none hover:text-zinc-200 group-open:text-zinc-200">
          Details
        </summary>
        <div className="absolute top-full right-0 z-30 mt-2 w-80 space-y-1.5 rounded-md border border-zinc-700 bg-zinc-900 p-3 text-zinc-300 shadow-xl">
          <p>
            <span className="text-zinc-500">State: </span>
            {status.state}
          </p>
          {status.confined && status.sandbox && (
            <p data-testid="sandbox-summary" className="text-zinc-400">{` · ${status.sandbox}`}</p>
          )}
          {status.message && <p className="whitespace-pre-wrap text-zinc-400">{status.message}</p>}
        </div>
      </details>
      {!status.confined && (
        <span role="alert" className="min-w-0 truncate rounded bg-amber-900/60 px-1.5 py-0.5 text-amber-200" title={UNCONFINED_WARNING}>
          {` ⚠ ${UNCONFINED_WARNING}`}
        </span>
      )}
    </div>
  );
}
