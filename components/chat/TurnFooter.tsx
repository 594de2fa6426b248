'use client';

import { useState } from 'react';
import { useStore } from 'zustand';
import { ChangesDialog, LineCounts } from '@/components/changes/ChangesDialog';
import { Button } from '@/components/ui/Button';
import { detectClaimMismatch, pastStatusLabel, type TurnStatus } from '@/lib/agent/turn-status';
import type { ChatMessageMetadata } from '@/lib/chat/chat-message';
import { describeProblems, problemsOf, type TurnProblems } from '@/lib/chat/turn-info';
import type { WorkbenchSession } from '@/lib/workbench/session-types';
import { totalLines, useTurnChanges } from './use-turn-changes';

const statusColors: Record<string, string> = {
  'running-ok': 'border-emerald-500/40 text-emerald-300',
  'running-errors': 'border-red-500/40 text-red-300',
  'not-running': 'border-zinc-600 text-zinc-400',
  'not-checked': 'border-amber-500/40 text-amber-300',
};

/**
 * The end of an agent turn: what changed (with a Changes view), the status the IDE measured,
 * where that disagrees with the assistant, and a "Fix it" for what failed.
 */
export function TurnFooter({
  session,
  assistantText,
  metadata,
  before,
  after,
  live,
  settled,
  onFixIt,
}: {
  session: WorkbenchSession;
  assistantText: string;
  metadata: ChatMessageMetadata | undefined;
  before: string | null;
  after: string;
  /** The latest turn: its status follows the app as it is now. */
  live: boolean;
  /** Nothing runs, so the turn is over. */
  settled: boolean;
  onFixIt: (problems: TurnProblems) => void;
}) {
  const liveState = useStore(session.evidence.state);
  // A turn from an earlier visit says what was measured then; only a turn of this visit follows the app.
  const isLive = live && liveState.turnsThisVisit > 0;
  const changes = useTurnChanges(session, before, after, settled || !isLive);
  const [open, setOpen] = useState(false);

  const changedFiles = (changes?.length ?? 0) > 0 || (isLive && liveState.evidence.filesChanged);
  const status: TurnStatus | null = isLive ? liveState.status : (metadata?.turnStatus ?? null);
  const mismatch = isLive ? (settled ? detectClaimMismatch(assistantText, liveState.status) : null) : (metadata?.claimMismatch ?? null);
  const problems = isLive && settled ? problemsOf(liveState.evidence) : null;
  const showStatus = changedFiles && status && settled;

  return (
    <>
      {metadata?.fixLimitNote && (
        <p data-testid="fix-limit-note" className="mt-2 rounded-md border border-amber-500/40 bg-amber-950/40 px-3 py-2 text-xs text-amber-100">
          {metadata.fixLimitNote}
        </p>
      )}
      {(showStatus || (changes && changes.length > 0)) && (
        <div className="mt-2 flex flex-wrap items-center gap-2 text-xs">
          {changes && changes.length > 0 && before && (
            <button
              type="button"
              data-testid="turn-changes"
              onClick={() => setOpen(true)}
              className="inline-flex items-center gap-1.5 rounded-md border border-zinc-700 px-2 py-0.5 text-zinc-300 hover:border-zinc-500 hover:bg-zinc-800"
            >
              Changes · {changes.length} {changes.length === 1 ? 'file' : 'files'} <LineCounts {...totalLines(changes)} />
            </button>
          )}
          {showStatus && (
            <span
              data-testid="turn-status"
              data-kind={status.kind}
              title="Measured by Tabsmith from the running app, not taken from the assistant's words"
              className={`rounded-md border px-2 py-0.5 ${statusColors[status.kind] ?? ''}`}
            >
              {isLive ? status.label : pastStatusLabel(status)}
              {status.check && (
                <span data-testid="turn-check" data-passed={status.check.passed} className={status.check.passed ? 'text-emerald-300' : 'text-red-300'}>
                  {' · '}
                  {status.check.label}
                </span>
              )}
              {status.savedChecks && (
                <span
                  data-testid="turn-saved-checks"
                  data-passed={status.savedChecks.passed}
                  className={status.savedChecks.passed ? 'text-emerald-300' : 'text-red-300'}
                >
                  {' · '}
                  {status.savedChecks.label}
                </span>
              )}
            </span>
          )}
          {showStatus && mismatch && (
            <span data-testid="turn-claim-mismatch" role="status" className="text-amber-300">
              {mismatch}
            </span>
          )}
        </div>
      )}
      {problems && (
        <div
          data-testid="turn-problems"
          role="alert"
          className="mt-2 flex items-start gap-2 rounded-md border border-red-500/40 bg-red-950/40 px-3 py-2 text-xs text-red-100"
        >
          <ul className="flex-1 space-y-1">
            {describeProblems(problems).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <Button size="sm" variant="primary" data-testid="fix-it" onClick={() => onFixIt(problems)}>
            Fix it
          </Button>
        </div>
      )}
      {open && changes && before && (
        <ChangesDialog session={session} before={before} after={after} changes={changes} onClose={() => setOpen(false)} />
      )}
    </>
  );
}
