'use client';

import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { WorkbenchSession } from '@/lib/workbench/session-types';
import { isRunActive, runPhaseText } from './runtime-words';

/** Run / Stop the app, with what is happening in plain words and how long it has taken. */
export function RunButton({ session, size = 'small' }: { session: WorkbenchSession; size?: 'small' | 'large' }) {
  const run = useStore(session.runtimeState, (s) => s.run);
  const hasRuntime = useStore(session.runtimeState, (s) => s.runtime !== null);
  const agentWorking = useStore(session.runtimeState, (s) => s.agentWorking);
  const [now, setNow] = useState(() => Date.now());
  const [pending, setPending] = useState(false);
  const ticking = (run.phase === 'installing' || run.phase === 'starting') && run.startedAt !== null;

  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);

  const active = isRunActive(run);
  const act = async () => {
    setPending(true);
    try {
      await (active ? session.stopApp() : session.run());
    } finally {
      setPending(false);
    }
  };

  const phaseText = run.phase === 'idle' ? null : runPhaseText(run, ticking ? Math.max(now, run.startedAt ?? 0) : now);
  const large = size === 'large';
  return (
    <div className={`flex min-w-0 items-center gap-2 ${large ? 'flex-col' : ''}`}>
      <button
        type="button"
        data-testid="run-app"
        onClick={() => void act()}
        disabled={!hasRuntime || (!active && (pending || agentWorking))}
        title={
          !hasRuntime
            ? 'The runtime is not ready yet'
            : !active && agentWorking
              ? 'The assistant is working and starts the app itself'
              : undefined
        }
        className={`shrink-0 rounded font-medium disabled:cursor-not-allowed disabled:opacity-50 ${
          large ? 'px-5 py-2 text-sm' : 'px-3 py-1 text-xs'
        } ${active ? 'bg-zinc-700 text-zinc-100 hover:bg-zinc-600' : 'bg-emerald-600 text-white hover:bg-emerald-500'}`}
      >
        {active ? 'Stop app' : 'Run'}
      </button>
      {phaseText && (
        <span
          data-testid="run-phase"
          data-phase={run.phase}
          title={run.detail}
          className={`truncate text-xs ${run.phase === 'failed' ? 'text-red-400' : 'text-zinc-400'}`}
        >
          {phaseText}
          {run.phase === 'failed' && run.detail ? ` — ${run.detail}` : ''}
        </span>
      )}
    </div>
  );
}
