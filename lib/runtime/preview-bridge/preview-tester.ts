import { parsePreviewBridgeMessage, pingCommand, reloadCommand, runStepsCommand, type PreviewBridgeMessage } from './messages';
import type { PreviewStep, PreviewStepsResult } from './steps';

/** The preview iframe's window as the IDE can reach it: post only. */
export interface PreviewWindow {
  postMessage(message: unknown, targetOrigin: string): void;
}

export interface PreviewFrameAccess {
  /** The preview iframe's window now; null while no preview is shown. */
  frameWindow(): PreviewWindow | null;
  /** Where the bridge's messages arrive: the IDE's window. */
  messages: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
}

export interface PreviewTesterOptions {
  /** How long each step waits for its target or text. */
  stepTimeoutMs?: number;
  /** How long to wait for a preview frame, its bridge, and the fresh page. */
  loadTimeoutMs?: number;
  /** How often the page is asked whether its bridge is listening, until it answers. */
  retryMs?: number;
  createId?: () => string;
}

export interface PreviewTestRun {
  /** The path the steps ran on, starting from a freshly loaded page. */
  path: string;
  steps: PreviewStep[];
}

export interface PreviewTester {
  run(input: PreviewTestRun, signal?: AbortSignal): Promise<PreviewStepsResult>;
}

/** Why a run could not take place; the tool reports the message to the model. */
export class PreviewTestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreviewTestError';
  }
}

/** A path the preview may load: same origin, no scheme-relative "//host". */
export function isPreviewPath(path: string): boolean {
  return /^\/(?![/\\])/.test(path) && !/[\s\\]/.test(path);
}

let counter = 0;
function defaultId(): string {
  counter += 1;
  return `t${Date.now().toString(36)}${counter}`;
}

/**
 * Runs `test_preview` steps in the live preview through the bridge: reloads the page at the
 * path (so every check starts from a fresh page), waits for it to load, then asks the bridge to
 * run the steps and waits for its answer. Messages count only when they come from the preview
 * frame's window, whatever its origin (local proxy or WebContainer).
 */
export function createPreviewTester(access: PreviewFrameAccess, options: PreviewTesterOptions = {}): PreviewTester {
  const stepTimeoutMs = options.stepTimeoutMs ?? 3000;
  const loadTimeoutMs = options.loadTimeoutMs ?? 15_000;
  const retryMs = options.retryMs ?? 250;
  const createId = options.createId ?? defaultId;

  return {
    run({ path, steps }, signal) {
      if (!isPreviewPath(path)) {
        return Promise.reject(new PreviewTestError(`"${path}" is not a path in the app; use one that starts with "/", like "/" or "/about".`));
      }
      const id = createId();
      return new Promise<PreviewStepsResult>((resolve, reject) => {
        let phase: 'waiting' | 'reloading' | 'loading' | 'running' = 'waiting';
        const timers: { retry?: ReturnType<typeof setInterval> } = {};
        let deadline: ReturnType<typeof setTimeout> | undefined;
        const cleanup = () => {
          clearInterval(timers.retry);
          clearTimeout(deadline);
          access.messages.removeEventListener('message', onMessage);
          signal?.removeEventListener('abort', onAbort);
        };
        const fail = (message: string) => {
          cleanup();
          reject(new PreviewTestError(message));
        };
        const onAbort = () => fail('Stopped before the preview check finished.');
        const startDeadline = (ms: number, message: string) => {
          clearTimeout(deadline);
          deadline = setTimeout(() => fail(message), ms);
        };
        const post = (message: unknown) => access.frameWindow()?.postMessage(message, '*');

        function onMessage(event: Event) {
          const { source, data } = event as MessageEvent;
          const frame = access.frameWindow();
          if (!frame || source !== frame) return;
          const message: PreviewBridgeMessage | null = parsePreviewBridgeMessage(data);
          if (!message) return;
          if (phase === 'waiting' && message.type === 'pong' && message.id === id) {
            // Asked once only: a repeated reload could land on the fresh page and load it yet again.
            phase = 'reloading';
            clearInterval(timers.retry);
            post(reloadCommand(id, path));
            return;
          }
          if (phase === 'reloading' && message.type === 'reloading' && message.id === id) {
            phase = 'loading';
            startDeadline(loadTimeoutMs, `The preview did not finish loading ${path} within ${Math.round(loadTimeoutMs / 1000)} s. Check it with check_preview.`);
            return;
          }
          if (phase === 'loading' && message.type === 'loaded' && message.initial) {
            phase = 'running';
            // Each step may wait its full time, plus the settling after it.
            startDeadline(
              steps.length * (stepTimeoutMs + 1000) + 5000,
              'The preview stopped answering while the steps ran (the page may be stuck in a loop).',
            );
            post(runStepsCommand(id, steps, stepTimeoutMs));
            return;
          }
          if (phase === 'running' && message.type === 'loaded' && message.initial) {
            fail(
              `The page loaded a new document (${message.url}) while the steps ran, so the rest could not run there. Test what comes after with another test_preview call whose path is that page.`,
            );
            return;
          }
          if (phase === 'running' && message.type === 'steps-result' && message.id === id) {
            cleanup();
            resolve(message.result);
          }
        }

        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort);
        access.messages.addEventListener('message', onMessage);
        startDeadline(
          loadTimeoutMs,
          access.frameWindow()
            ? "The preview page did not answer. It may still be loading, or it is not the app's page (Tabsmith's preview bridge is missing). Check it with check_preview."
            : 'The preview is not showing the app yet. Start the dev server with run_command (background: true), then call test_preview again.',
        );
        // The page may be between documents or still starting, so the question repeats until it is answered.
        const ask = () => post(pingCommand(id));
        ask();
        timers.retry = setInterval(ask, retryMs);
      });
    },
  };
}
