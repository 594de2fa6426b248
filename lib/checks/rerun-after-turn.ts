import type { WorkbenchSession } from '../workbench/session-types';
import { brokenChecksMessage, mayAutoFixChecks } from './after-turn';

const PREVIEW_WAIT_MS = 20_000;

/** Resolves true once the preview has loaded after the latest change, false after `ms`. */
function previewLoaded(session: Pick<WorkbenchSession, 'evidence'>, ms: number): Promise<boolean> {
  const loaded = () => session.evidence.state.getState().evidence.previewLoadedSinceLastChange;
  if (loaded()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(loaded());
    }, ms);
    const stop = session.evidence.state.subscribe(() => {
      if (!loaded()) return;
      clearTimeout(timer);
      stop();
      resolve(true);
    });
  });
}

interface MessageLike {
  id: string;
  role: string;
  metadata?: { autoFix?: string };
}

/**
 * After a turn that changed files: runs the saved checks again (those not already passed since
 * the change), records the outcome in the turn status, and, when one broke and automatic fixing
 * has attempts left, tells the agent — as a preview error would reach it.
 */
export async function rerunChecksAfterTurn(options: {
  session: Pick<WorkbenchSession, 'checks' | 'evidence'>;
  messages: () => readonly MessageLike[];
  /** The assistant message that ended the turn; nothing is reported once another follows it. */
  turnId: string;
  send: (text: string) => Promise<void>;
  previewWaitMs?: number;
}): Promise<void> {
  const { session } = options;
  const checks = session.checks.state.getState().checks;
  // Every check passed in this turn already (a first build saves the one it just ran): the turn's own
  // check says so, and "1 of 1 check still passes" beside it would say it twice.
  if (checks.every((check) => session.checks.passedSinceChange().has(check.id))) return;
  const stillCurrent = () => options.messages().at(-1)?.id === options.turnId;
  await previewLoaded(session, options.previewWaitMs ?? PREVIEW_WAIT_MS);
  if (!stillCurrent()) return;
  const run = await session.checks.runAll({ skip: session.checks.passedSinceChange() });
  if (!stillCurrent() || run.aborted) return;
  session.evidence.savedChecksRan({ total: run.total, broken: run.broken });
  if (run.broken.length > 0 && mayAutoFixChecks(options.messages())) await options.send(brokenChecksMessage(run, checks));
}
