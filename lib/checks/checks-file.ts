import { describeSteps, isPreviewStepAction, type PreviewStep } from '../runtime/preview-bridge/steps';

/** Saved with the project (and exported with it), so the checks travel with the app. */
export const CHECKS_PATH = '.tabsmith/checks.json';

export interface SavedCheck {
  id: string;
  /** "click 'Count: 0', expect 'Count: 1'" */
  name: string;
  /** The page the steps start on. */
  path: string;
  steps: PreviewStep[];
  /** ISO time the check first passed. */
  savedAt: string;
}

interface ChecksFile {
  version: 1;
  checks: SavedCheck[];
}

const MAX_CHECKS = 50;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseStep(value: unknown): PreviewStep | null {
  if (!isRecord(value) || !isPreviewStepAction(value.action)) return null;
  const step: PreviewStep = { action: value.action };
  if (typeof value.target === 'string') step.target = value.target;
  if (typeof value.value === 'string') step.value = value.value;
  return step;
}

function parseCheck(value: unknown): SavedCheck | null {
  if (!isRecord(value) || typeof value.id !== 'string' || !value.id || !Array.isArray(value.steps)) return null;
  const steps = value.steps.map(parseStep);
  if (steps.length === 0 || steps.some((step) => step === null)) return null;
  const valid = steps as PreviewStep[];
  return {
    id: value.id,
    name: typeof value.name === 'string' && value.name ? value.name : describeSteps(valid),
    path: typeof value.path === 'string' && value.path.startsWith('/') ? value.path : '/',
    steps: valid,
    savedAt: typeof value.savedAt === 'string' ? value.savedAt : '',
  };
}

/** The checks in the file; a missing, hand-broken or foreign file gives none rather than an error. */
export function parseChecks(content: string | Uint8Array | undefined): SavedCheck[] {
  if (content === undefined) return [];
  const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isRecord(data) || !Array.isArray(data.checks)) return [];
  return data.checks.map(parseCheck).filter((check): check is SavedCheck => check !== null);
}

export function serializeChecks(checks: readonly SavedCheck[]): string {
  const file: ChecksFile = { version: 1, checks: [...checks] };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function sameSteps(a: readonly PreviewStep[], b: readonly PreviewStep[]): boolean {
  return JSON.stringify(a.map(parseStep)) === JSON.stringify(b.map(parseStep));
}

/** Adds a passing check unless the same steps on the same page are already saved; the newest wins past the cap. */
export function addCheck(
  checks: readonly SavedCheck[],
  check: { path: string; steps: PreviewStep[] },
  now: Date = new Date(),
  createId: () => string = () => `c${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
): { checks: SavedCheck[]; added: SavedCheck | null } {
  if (checks.some((saved) => saved.path === check.path && sameSteps(saved.steps, check.steps))) {
    return { checks: [...checks], added: null };
  }
  const steps = check.steps.map((step) => parseStep(step)).filter((step): step is PreviewStep => step !== null);
  const added: SavedCheck = { id: createId(), name: describeSteps(steps), path: check.path, steps, savedAt: now.toISOString() };
  return { checks: [...checks, added].slice(-MAX_CHECKS), added };
}

export function removeCheck(checks: readonly SavedCheck[], id: string): SavedCheck[] {
  return checks.filter((check) => check.id !== id);
}
