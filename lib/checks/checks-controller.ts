import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SavedChecksEvidence } from '../agent/turn-status';
import type { PreviewTester } from '../runtime/preview-bridge/preview-tester';
import type { PreviewStep } from '../runtime/preview-bridge/steps';
import { addCheck, CHECKS_PATH, parseChecks, removeCheck, serializeChecks, type SavedCheck } from './checks-file';

export type CheckResult =
  | { status: 'running' }
  | { status: 'passed'; at: number }
  | { status: 'failed'; at: number; detail: string };

export interface ChecksState {
  checks: SavedCheck[];
  /** The latest run of each check, by id. */
  results: Record<string, CheckResult>;
  running: boolean;
}

/** The project files the checks live in. */
export interface ChecksFiles {
  readFile(path: string): string | Uint8Array | undefined;
  writeFile(path: string, content: string, origin: 'agent' | 'user'): void;
  onFileChange(listener: (change: { path: string; origin: string }) => void): () => void;
}

export interface ChecksRun extends SavedChecksEvidence {
  /** Set when the run was cut short (Stop, the page went away). */
  aborted: boolean;
}

export interface ChecksController {
  readonly state: StoreApi<ChecksState>;
  /** Saves a passing test_preview as a check (once per page and steps). */
  save(run: { path: string; steps: PreviewStep[] }): SavedCheck | null;
  remove(id: string): void;
  /** Runs the checks one after another; `skip` ids count as passing without running again. */
  runAll(options?: { signal?: AbortSignal; skip?: ReadonlySet<string> }): Promise<ChecksRun>;
  /** Ids of checks that passed since the latest change to the app's files. */
  passedSinceChange(): ReadonlySet<string>;
  dispose(): void;
}

export function isChecksFile(path: string): boolean {
  return path === CHECKS_PATH;
}

/**
 * The saved checks of one project: read from and written to `.tabsmith/checks.json` in its files
 * (so restore points, export and import carry them), run through the preview tester.
 */
export function createChecksController(files: ChecksFiles, tester: PreviewTester): ChecksController {
  const read = () => parseChecks(files.readFile(CHECKS_PATH));
  const state = createStore<ChecksState>(() => ({ checks: read(), results: {}, running: false }));
  let passed = new Set<string>();
  const stop = files.onFileChange((change) => {
    if (isChecksFile(change.path)) {
      const checks = read();
      const ids = new Set(checks.map((check) => check.id));
      const results = Object.fromEntries(Object.entries(state.getState().results).filter(([id]) => ids.has(id)));
      state.setState({ checks, results });
    } else if (change.origin !== 'runtime') {
      passed = new Set();
    }
  });

  function setResult(id: string, result: CheckResult): void {
    state.setState({ results: { ...state.getState().results, [id]: result } });
  }

  function write(checks: SavedCheck[], origin: 'agent' | 'user'): void {
    files.writeFile(CHECKS_PATH, serializeChecks(checks), origin);
  }

  return {
    state,
    save(run) {
      const { checks, added } = addCheck(read(), run);
      const existing = added ?? read().find((check) => check.path === run.path && JSON.stringify(check.steps) === JSON.stringify(run.steps));
      if (added) write(checks, 'agent');
      if (existing) {
        passed.add(existing.id);
        setResult(existing.id, { status: 'passed', at: Date.now() });
      }
      return added;
    },
    remove(id) {
      write(removeCheck(read(), id), 'user');
    },
    passedSinceChange: () => passed,
    async runAll(options = {}) {
      const checks = read();
      const broken: SavedChecksEvidence['broken'] = [];
      state.setState({ running: true });
      let aborted = false;
      try {
        for (const check of checks) {
          if (options.skip?.has(check.id)) continue;
          if (options.signal?.aborted) {
            aborted = true;
            break;
          }
          setResult(check.id, { status: 'running' });
          try {
            const result = await tester.run({ path: check.path, steps: check.steps }, options.signal);
            const failed = result.steps.find((step) => !step.ok);
            if (result.passed) {
              passed.add(check.id);
              setResult(check.id, { status: 'passed', at: Date.now() });
            } else {
              const detail = failed?.detail ?? 'it did not pass';
              broken.push({ name: check.name, detail });
              setResult(check.id, { status: 'failed', at: Date.now(), detail });
            }
          } catch (error) {
            const detail = error instanceof Error ? error.message : String(error);
            if (options.signal?.aborted) aborted = true;
            broken.push({ name: check.name, detail });
            setResult(check.id, { status: 'failed', at: Date.now(), detail });
          }
        }
      } finally {
        state.setState({ running: false });
      }
      return { total: checks.length, broken, aborted };
    },
    dispose: stop,
  };
}
