/** The `test_preview` step contract (DESIGN.md §2), shared by the IDE and the bridge in the preview page. */
export const PREVIEW_STEP_ACTIONS = ['click', 'fill', 'press', 'expect_text', 'expect_no_text'] as const;

export type PreviewStepAction = (typeof PREVIEW_STEP_ACTIONS)[number];

export interface PreviewStep {
  action: PreviewStepAction;
  /** Visible text, a label, a placeholder or a CSS selector. */
  target?: string;
  /** The text to fill, the key to press, or the text to expect. */
  value?: string;
}

export interface PreviewStepOutcome {
  action: PreviewStepAction;
  ok: boolean;
  /** Plain words: "clicked 'Add'", "expected 'Count: 1', the page shows 'Count: 0'". */
  detail: string;
}

export interface PreviewStepsResult {
  passed: boolean;
  /** One per step that ran; the run stops at the first failure. */
  steps: PreviewStepOutcome[];
  /** The page's visible text after the last step that ran. */
  text: string;
  /** Uncaught exceptions, unhandled rejections and console errors seen while the steps ran. */
  errors: { message: string; source?: string }[];
}

const MAX_STEPS = 50;
const MAX_DETAIL = 600;
const MAX_TEXT = 4000;
const MAX_ERRORS = 10;
const MAX_ERROR_MESSAGE = 2000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isPreviewStepAction(value: unknown): value is PreviewStepAction {
  return typeof value === 'string' && (PREVIEW_STEP_ACTIONS as readonly string[]).includes(value);
}

function parseOutcome(value: unknown): PreviewStepOutcome | null {
  if (!isRecord(value) || !isPreviewStepAction(value.action) || typeof value.ok !== 'boolean') return null;
  return { action: value.action, ok: value.ok, detail: typeof value.detail === 'string' ? value.detail.slice(0, MAX_DETAIL) : '' };
}

/**
 * Reads a result the preview page posted. The page runs generated code, so everything is
 * checked and capped; a malformed result gives null.
 */
export function parsePreviewStepsResult(value: unknown): PreviewStepsResult | null {
  if (!isRecord(value) || typeof value.passed !== 'boolean' || !Array.isArray(value.steps)) return null;
  const steps: PreviewStepOutcome[] = [];
  for (const step of value.steps.slice(0, MAX_STEPS)) {
    const outcome = parseOutcome(step);
    if (!outcome) return null;
    steps.push(outcome);
  }
  const errors = Array.isArray(value.errors)
    ? value.errors
        .filter(isRecord)
        .flatMap((error) =>
          typeof error.message === 'string'
            ? [
                {
                  message: error.message.slice(0, MAX_ERROR_MESSAGE),
                  ...(typeof error.source === 'string' && error.source ? { source: error.source.slice(0, MAX_ERROR_MESSAGE) } : {}),
                },
              ]
            : [],
        )
        .slice(0, MAX_ERRORS)
    : [];
  // A page cannot call a run passed while one of its steps failed.
  const passed = value.passed && steps.every((step) => step.ok);
  return { passed, steps, text: typeof value.text === 'string' ? value.text.slice(0, MAX_TEXT) : '', errors };
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `'${flat.length > 60 ? `${flat.slice(0, 57)}…` : flat}'`;
}

/** A short name for a check: "click 'Count: 0', expect 'Count: 1'". */
export function describeSteps(steps: readonly PreviewStep[]): string {
  return steps
    .map((step) => {
      switch (step.action) {
        case 'click':
          return `click ${quote(step.target ?? '')}`;
        case 'fill':
          return `fill ${quote(step.target ?? 'field')} with ${quote(step.value ?? '')}`;
        case 'press':
          return `press ${step.value ?? ''}${step.target ? ` in ${quote(step.target)}` : ''}`;
        case 'expect_text':
          return `expect ${quote(step.value ?? '')}`;
        case 'expect_no_text':
          return `expect no ${quote(step.value ?? '')}`;
      }
    })
    .join(', ');
}
