import type { RuntimeKind, RuntimeState, RuntimeStatus } from '@/lib/runtime/types';
import type { RunPhase } from '@/lib/workbench/session-types';

export const backendName: Record<RuntimeKind, string> = {
  webcontainer: 'Runs in your browser',
  local: 'Runs on this computer',
};

/** The engine behind each place, for the people who open Details. */
export const engineName: Record<RuntimeKind, string> = {
  webcontainer: 'WebContainer (StackBlitz), inside this browser tab',
  local: 'local runtime: a sandbox on the machine that serves Tabsmith',
};

export const stateWord: Record<RuntimeState, string> = {
  booting: 'starting…',
  ready: 'ready',
  installing: 'installing…',
  running: 'ready',
  crashed: 'stopped working',
  unavailable: "can't run apps here",
};

export const stateDot: Record<RuntimeState, string> = {
  booting: 'bg-amber-400 animate-pulse',
  ready: 'bg-emerald-400',
  installing: 'bg-sky-400 animate-pulse',
  running: 'bg-emerald-400',
  crashed: 'bg-red-500',
  unavailable: 'bg-zinc-500',
};

export const UNCONFINED_WARNING =
  'Commands are not confined: they can change files on this computer outside the project';

/** Why commands cannot run right now, in plain words; null when the runtime is ready for them. */
export function notReadySentence(status: RuntimeStatus | null, hasRuntime: boolean): string | null {
  if (hasRuntime && status && status.state !== 'crashed' && status.state !== 'unavailable') return null;
  if (!status || status.state === 'booting') {
    return 'The runtime is still starting. Commands will appear here as soon as it is ready.';
  }
  if (status.state === 'crashed') {
    return status.message ?? 'The runtime stopped working. Reload the page to start it again.';
  }
  if (status.state === 'unavailable') {
    return status.message ?? 'No runtime is available here, so commands cannot run.';
  }
  return 'The runtime is still starting. Commands will appear here as soon as it is ready.';
}

const busyPhases: RunPhase['phase'][] = ['installing', 'starting'];

export function isRunActive(run: RunPhase): boolean {
  return run.phase === 'installing' || run.phase === 'starting' || run.phase === 'running';
}

/** "Installing packages… 14 s": elapsed seconds only while something is in progress. */
export function runPhaseText(run: RunPhase, now: number): string {
  if (!busyPhases.includes(run.phase) || run.startedAt === null) return run.label;
  const seconds = Math.max(0, Math.floor((now - run.startedAt) / 1000));
  return seconds >= 1 ? `${run.label} ${seconds} s` : run.label;
}
