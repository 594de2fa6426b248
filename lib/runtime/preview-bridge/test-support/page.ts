import { Window } from 'happy-dom';
import { stepRunnerSource } from '../step-runner-script';
import type { PreviewStep, PreviewStepsResult } from '../steps';

export interface StepRunner {
  run(steps: PreviewStep[], options?: { timeoutMs?: number }): Promise<PreviewStepsResult>;
  noteError(kind: string, message: string, source?: string): void;
  pageText(): string;
}

/** A DOM page (happy-dom) with the bridge's real step runner in it. */
export function pageWith(html: string): { window: Window; document: Window['document']; runner: StepRunner; close: () => Promise<void> } {
  const window = new Window({ url: 'http://p5173.localhost:3000/' });
  window.document.body.innerHTML = html;
  const create = new Function(`return ${stepRunnerSource}`)() as (win: Window) => StepRunner;
  return { window, document: window.document, runner: create(window), close: () => window.happyDOM.close() };
}
