import { describe, expect, it } from 'vitest';
import type { PreviewTester } from '../runtime/preview-bridge/preview-tester';
import type { PreviewStepsResult } from '../runtime/preview-bridge/steps';
import { createChecksController, type ChecksFiles } from './checks-controller';
import { CHECKS_PATH, parseChecks } from './checks-file';

function memoryFiles(): ChecksFiles & { files: Map<string, string>; write(path: string, content: string): void } {
  const files = new Map<string, string>();
  const listeners = new Set<(change: { path: string; origin: string }) => void>();
  const emit = (path: string, origin: string) => listeners.forEach((listener) => listener({ path, origin }));
  return {
    files,
    readFile: (path) => files.get(path),
    writeFile(path, content, origin) {
      files.set(path, content);
      emit(path, origin);
    },
    write(path, content) {
      files.set(path, content);
      emit(path, 'agent');
    },
    onFileChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Passes a check when the app's "Count" text is what the check expects. */
function tester(pageShows: () => string): PreviewTester & { runs: string[] } {
  const runs: string[] = [];
  return {
    runs,
    async run({ path, steps }): Promise<PreviewStepsResult> {
      runs.push(path);
      const expected = steps.find((step) => step.action === 'expect_text')?.value ?? '';
      const ok = pageShows() === expected;
      return {
        passed: ok,
        steps: [{ action: 'expect_text', ok, detail: ok ? `saw '${expected}'` : `expected '${expected}', the page shows '${pageShows()}'` }],
        text: pageShows(),
        errors: [],
      };
    },
  };
}

const check = (value: string) => ({ path: '/', steps: [{ action: 'click' as const, target: 'Count: 0' }, { action: 'expect_text' as const, value }] });

describe('createChecksController', () => {
  it('saves passing runs to .tabsmith/checks.json and lists them', () => {
    const files = memoryFiles();
    const checks = createChecksController(files, tester(() => 'Count: 1'));
    checks.save(check('Count: 1'));
    checks.save(check('Count: 1'));
    expect(parseChecks(files.files.get(CHECKS_PATH))).toHaveLength(1);
    expect(checks.state.getState().checks.map((c) => c.name)).toEqual(["click 'Count: 0', expect 'Count: 1'"]);
  });

  it('runs them all, says which broke, and deletes one', async () => {
    const files = memoryFiles();
    let shows = 'Count: 1';
    const run = tester(() => shows);
    const checks = createChecksController(files, run);
    checks.save(check('Count: 1'));
    checks.save(check('Count: 2'));
    files.write('index.html', 'changed');
    shows = 'Count: 2';
    const result = await checks.runAll();
    expect(result).toEqual({
      total: 2,
      broken: [{ name: "click 'Count: 0', expect 'Count: 1'", detail: "expected 'Count: 1', the page shows 'Count: 2'" }],
      aborted: false,
    });
    const [first, second] = checks.state.getState().checks;
    expect(checks.state.getState().results[first.id]).toMatchObject({ status: 'failed', detail: "expected 'Count: 1', the page shows 'Count: 2'" });
    expect(checks.state.getState().results[second.id]).toMatchObject({ status: 'passed' });
    checks.remove(first.id);
    expect(checks.state.getState().checks.map((c) => c.id)).toEqual([second.id]);
    expect(checks.state.getState().results[first.id]).toBeUndefined();
  });

  it('knows which checks passed since the last change to the app, and skips them when asked', async () => {
    const files = memoryFiles();
    const run = tester(() => 'Count: 1');
    const checks = createChecksController(files, run);
    const saved = checks.save(check('Count: 1'))!;
    expect([...checks.passedSinceChange()]).toEqual([saved.id]);
    await checks.runAll({ skip: checks.passedSinceChange() });
    expect(run.runs).toEqual([]);
    files.write('src/App.tsx', 'x');
    expect(checks.passedSinceChange().size).toBe(0);
    await checks.runAll({ skip: checks.passedSinceChange() });
    expect(run.runs).toEqual(['/']);
  });

  it('a check that could not run counts as broken with the reason', async () => {
    const files = memoryFiles();
    const checks = createChecksController(files, { run: () => Promise.reject(new Error('The preview page did not answer.')) });
    files.write(CHECKS_PATH, JSON.stringify({ version: 1, checks: [{ id: 'a', steps: [{ action: 'expect_text', value: 'x' }] }] }));
    expect(await checks.runAll()).toEqual({ total: 1, broken: [{ name: "expect 'x'", detail: 'The preview page did not answer.' }], aborted: false });
  });
});
