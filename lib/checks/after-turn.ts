import { MAX_AUTO_FIX_ATTEMPTS } from '../agent/fix-attempts';
import type { SavedChecksEvidence } from '../agent/turn-status';
import type { SavedCheck } from './checks-file';

/** Marks the user messages the IDE sends by itself when saved checks broke. */
export const CHECKS_AUTO_FIX = 'checks';

interface MessageLike {
  role: string;
  metadata?: { autoFix?: string } | undefined;
}

/** How many automatic "a check broke" messages in a row since the person last wrote. */
export function automaticCheckFixes(messages: readonly MessageLike[]): number {
  let count = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message.role !== 'user') continue;
    if (message.metadata?.autoFix !== CHECKS_AUTO_FIX) break;
    count++;
  }
  return count;
}

/** Another automatic fix for broken checks may be asked for (the same limit as other automatic fixing). */
export function mayAutoFixChecks(messages: readonly MessageLike[], maxAttempts = MAX_AUTO_FIX_ATTEMPTS): boolean {
  return automaticCheckFixes(messages) < maxAttempts;
}

/** What the agent is told when saved checks broke: which, how, and the steps to run again. */
export function brokenChecksMessage(run: SavedChecksEvidence, checks: readonly SavedCheck[]): string {
  const lines = run.broken.map((broken) => {
    const check = checks.find((c) => c.name === broken.name);
    const steps = check ? `\n  test_preview input: ${JSON.stringify({ path: check.path, steps: check.steps })}` : '';
    return `- "${broken.name}": ${broken.detail}${steps}`;
  });
  const count = run.broken.length === 1 ? 'A saved check that passed before' : `${run.broken.length} saved checks that passed before`;
  return [
    `${count} no longer ${run.broken.length === 1 ? 'passes' : 'pass'} after your last change (${run.total - run.broken.length} of ${run.total} still pass):`,
    ...lines,
    'Find the cause and fix the app so the check passes again, then run the same test_preview to confirm. If the person asked for this behaviour to change, do not force the old behaviour back: say so in one sentence instead.',
  ].join('\n');
}
