import { describe, expect, it } from 'vitest';
import type { PortEvent, PreviewError } from '../runtime/types';
import {
  claimsSuccess,
  computeTurnStatus,
  detectClaimMismatch,
  TurnEvidenceTracker,
  type TurnEvidence,
  type TurnStatus,
} from './turn-status';

const base: TurnEvidence = {
  filesChanged: true,
  serverRunning: true,
  previewLoadedSinceLastChange: true,
  errorsSinceLastChange: [],
  lastCommand: null,
};

describe('computeTurnStatus', () => {
  it('says "Running, no errors" only when the server is up and the preview loaded cleanly since the last change', () => {
    expect(computeTurnStatus(base)).toEqual({ kind: 'running-ok', label: 'Running, no errors', errorCount: 0 });
    expect(computeTurnStatus({ ...base, previewLoadedSinceLastChange: false })).toEqual({
      kind: 'not-checked',
      label: 'Not checked',
      errorCount: 0,
    });
    expect(computeTurnStatus({ ...base, serverRunning: false })).toMatchObject({ kind: 'not-running', label: 'Not running' });
  });

  it('counts preview errors and a command that failed after the last change', () => {
    const errors = [{ message: 'TypeError: x is undefined' }, { message: 'ReferenceError: y' }];
    expect(computeTurnStatus({ ...base, errorsSinceLastChange: errors })).toEqual({
      kind: 'running-errors',
      label: 'Running, with 2 errors',
      errorCount: 2,
    });
    const failed = { command: 'npm run build', exitCode: 1, timedOut: false, output: 'boom', afterLastChange: true };
    expect(computeTurnStatus({ ...base, lastCommand: failed })).toMatchObject({ label: 'Running, with 1 error', errorCount: 1 });
    expect(computeTurnStatus({ ...base, lastCommand: { ...failed, afterLastChange: false } }).kind).toBe('running-ok');
    expect(computeTurnStatus({ ...base, lastCommand: { ...failed, exitCode: 0 } }).kind).toBe('running-ok');
    expect(computeTurnStatus({ ...base, lastCommand: { ...failed, exitCode: null, timedOut: true } }).errorCount).toBe(1);
  });

  it('reports errors while loading as errors even before a load finished', () => {
    const status = computeTurnStatus({ ...base, previewLoadedSinceLastChange: false, errorsSinceLastChange: [{ message: 'boom' }] });
    expect(status.kind).toBe('running-errors');
  });
});

describe('claimsSuccess', () => {
  it.each([
    'Done, it works.',
    'Done! Your counter app is ready.',
    "I've fixed the bug. Everything should work now.",
    'The app is up and running on port 5173.',
    'All set — the todo list is working.',
    'Build completed successfully.',
    'I fixed it and there are no errors.',
    'It’s live now.',
  ])('sees a claim in %j', (text) => {
    expect(claimsSuccess(text)).toBe(true);
  });

  it.each([
    "It doesn't work yet; the import is missing.",
    'The app is not running.',
    'I could not get it working.',
    'I couldn’t fix the error.',
    'Is it working for you?',
    'Let me know if it works.',
    'Once the server is running, open the preview.',
    "I'll check whether the build is done.",
    "I'm working on it.",
    'The button still needs to be fixed.',
    'It is no longer working after the change.',
    'I added a header and a list of items.',
    'Run `npm run done` to finish.',
  ])('sees no claim in %j', (text) => {
    expect(claimsSuccess(text)).toBe(false);
  });
});

describe('detectClaimMismatch', () => {
  const status = (kind: TurnStatus['kind'], errorCount = 0): TurnStatus => ({ kind, label: '', errorCount });

  it('says what the evidence shows when the assistant claims success', () => {
    expect(detectClaimMismatch('Done, it works.', status('running-errors', 1))).toBe(
      'The assistant said the app works, but the preview has 1 error.',
    );
    expect(detectClaimMismatch('Done, it works.', status('running-errors', 3))).toBe(
      'The assistant said the app works, but the preview has 3 errors.',
    );
    expect(detectClaimMismatch('Ready!', status('not-running'))).toBe('The assistant said the app works, but it is not running.');
    expect(detectClaimMismatch('Ready!', status('not-checked'))).toMatch(/has not loaded since the last change/);
  });

  it('stays quiet when the evidence agrees or nothing is claimed', () => {
    const checked = { ...status('running-ok'), check: { passed: true, label: "Checked in the preview: saw 'x' ✓" } };
    expect(detectClaimMismatch('Done, it works.', checked)).toBeNull();
    expect(detectClaimMismatch('Done, it works.', { ...status('running-ok'), savedChecks: { passed: true, label: '1 of 1 check still passes' } })).toBeNull();
    expect(detectClaimMismatch('I changed the colour.', status('running-ok'))).toBeNull();
    expect(detectClaimMismatch('It still throws an error; I could not fix it.', status('running-errors', 1))).toBeNull();
  });
});

function fakeRuntime() {
  const portListeners = new Set<(event: PortEvent) => void>();
  const errorListeners = new Set<(error: PreviewError) => void>();
  return {
    open: [] as PortEvent[],
    openPorts() {
      return this.open;
    },
    onPort(listener: (event: PortEvent) => void) {
      portListeners.add(listener);
      return () => portListeners.delete(listener);
    },
    onPreviewError(listener: (error: PreviewError) => void) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
    port(port: number, open: boolean) {
      for (const listener of portListeners) listener({ port, open, url: `http://localhost:${port}` });
    },
    error(message: string) {
      for (const listener of errorListeners) listener({ message, kind: 'exception', at: 0 });
    },
  };
}

describe('TurnEvidenceTracker', () => {
  it('follows a turn from change to a clean load', () => {
    const tracker = new TurnEvidenceTracker();
    const runtime = fakeRuntime();
    tracker.attachRuntime(runtime);
    tracker.startTurn();
    tracker.toolResult({ toolName: 'write_file', input: { path: 'a.js' }, output: { ok: true }, failed: false });
    expect(tracker.status().label).toBe('Not running');
    runtime.port(5173, true);
    expect(tracker.status().label).toBe('Not checked');
    tracker.previewLoaded();
    expect(tracker.evidence()).toMatchObject({ filesChanged: true, serverRunning: true, previewLoadedSinceLastChange: true });
    expect(tracker.status().label).toBe('Running, no errors');
  });

  it('forgets errors and loads from before the latest change', () => {
    const tracker = new TurnEvidenceTracker();
    const runtime = fakeRuntime();
    runtime.open = [{ port: 3000, url: 'http://localhost:3000', open: true }];
    const stop = tracker.attachRuntime(runtime);
    tracker.previewLoaded();
    runtime.error('TypeError: a');
    runtime.error('TypeError: a');
    expect(tracker.status().label).toBe('Running, with 1 error');
    tracker.fileChanged();
    expect(tracker.status().label).toBe('Not checked');
    tracker.previewLoaded();
    expect(tracker.status().label).toBe('Running, no errors');
    stop();
    runtime.error('TypeError: b');
    expect(tracker.status().errorCount).toBe(0);
  });

  it('records commands and check_preview errors from tool results', () => {
    const tracker = new TurnEvidenceTracker();
    tracker.portOpened(5173);
    tracker.previewLoaded();
    tracker.toolResult({
      toolName: 'run_command',
      input: { command: 'npm run build' },
      output: { background: false, exit_code: 2, output: 'error TS2304', duration_ms: 10, timed_out: false },
      failed: false,
    });
    expect(tracker.evidence().lastCommand).toEqual({
      command: 'npm run build',
      exitCode: 2,
      timedOut: false,
      output: 'error TS2304',
      afterLastChange: true,
    });
    expect(tracker.status().label).toBe('Running, with 1 error');
    tracker.toolResult({ toolName: 'edit_file', input: {}, output: { ok: true }, failed: false });
    expect(tracker.evidence().lastCommand?.afterLastChange).toBe(false);
    tracker.toolResult({
      toolName: 'check_preview',
      input: {},
      output: { status: 'error', url: 'x', errors: [{ message: 'Uncaught Error: boom', source: 'src/main.js:3' }] },
      failed: false,
    });
    expect(tracker.evidence().errorsSinceLastChange).toEqual([{ message: 'Uncaught Error: boom', source: 'src/main.js:3' }]);
    tracker.toolResult({ toolName: 'run_command', input: { command: 'npx vite' }, output: { background: true, started: false, output: 'EADDRINUSE', ports: [] }, failed: false });
    expect(tracker.evidence().lastCommand).toMatchObject({ command: 'npx vite', exitCode: null });
  });

  it('does not count a failed edit as a change, and a port closing ends "running"', () => {
    const tracker = new TurnEvidenceTracker();
    tracker.portOpened(3000);
    tracker.previewLoaded();
    tracker.startTurn();
    tracker.toolResult({ toolName: 'edit_file', input: {}, output: undefined, failed: true, errorText: 'not found' });
    expect(tracker.evidence().filesChanged).toBe(false);
    expect(tracker.status().kind).toBe('running-ok');
    tracker.portClosed(3000);
    expect(tracker.status().kind).toBe('not-running');
    tracker.portOpened(3000);
    expect(tracker.status().kind).toBe('not-checked');
  });
});

describe('pastStatusLabel', () => {
  it('says what was true when the turn ended, in the past tense', async () => {
    const { pastStatusLabel } = await import('./turn-status');
    expect(pastStatusLabel({ kind: 'running-ok', errorCount: 0 })).toBe('Was running, no errors');
    expect(pastStatusLabel({ kind: 'running-errors', errorCount: 2 })).toBe('Was running, with 2 errors');
    expect(pastStatusLabel({ kind: 'not-running', errorCount: 0 })).toBe('Was not running');
  });
});

describe('checks in the turn status', () => {
  const passing = { toolName: 'test_preview', input: {}, failed: false, output: { passed: true, steps: [{ action: 'click', ok: true, detail: "clicked 'Count: 0'" }, { action: 'expect_text', ok: true, detail: "saw 'Count: 1'" }], text: 'Count: 1', errors: [] } };
  const failing = { toolName: 'test_preview', input: {}, failed: false, output: { passed: false, steps: [{ action: 'click', ok: true, detail: "clicked 'Count: 0'" }, { action: 'expect_text', ok: false, detail: "expected 'Count: 1', the page shows 'Count: 0'" }], text: 'Count: 0', errors: [] } };

  function runningTracker() {
    const tracker = new TurnEvidenceTracker();
    tracker.portOpened(5173);
    tracker.fileChanged();
    tracker.previewLoaded();
    return tracker;
  }

  it('shows a passing check with what it did', () => {
    const tracker = runningTracker();
    tracker.toolResult(passing);
    expect(tracker.status()).toEqual({
      kind: 'running-ok',
      label: 'Running, no errors',
      errorCount: 0,
      check: { passed: true, label: "Checked in the preview: clicked 'Count: 0', saw 'Count: 1' ✓" },
      testedAfterItsChanges: true,
    });
  });

  it('shows the failing step, and the claim beside it', () => {
    const tracker = runningTracker();
    tracker.toolResult(failing);
    const status = tracker.status();
    expect(status.check).toEqual({
      passed: false,
      label: "Checked in the preview: clicked 'Count: 0' ✓, then expected 'Count: 1', the page shows 'Count: 0' ✗",
      failure: "expected 'Count: 1', the page shows 'Count: 0'",
    });
    expect(detectClaimMismatch('Your counter works!', status)).toBe(
      "The assistant said it works, but its own check failed: expected 'Count: 1', the page shows 'Count: 0'",
    );
  });

  it('the latest check counts; a file change makes earlier checks stale', () => {
    const tracker = runningTracker();
    tracker.toolResult(failing);
    tracker.toolResult(passing);
    expect(tracker.status().check?.passed).toBe(true);
    tracker.fileChanged();
    expect(tracker.status().check).toBeUndefined();
    tracker.previewLoaded();
    expect(detectClaimMismatch('It works now.', tracker.status())).toBe('The assistant said it works, but did not test it in the preview.');
  });

  it("the person's own edit after a tested turn does not turn the claim into 'did not test it'", () => {
    const tracker = runningTracker();
    tracker.toolResult(passing);
    tracker.fileChanged('person');
    tracker.previewLoaded();
    expect(tracker.status().check).toBeUndefined();
    expect(detectClaimMismatch('It works now.', tracker.status())).toBeNull();
    tracker.startTurn();
    tracker.fileChanged('agent');
    tracker.previewLoaded();
    expect(detectClaimMismatch('It works now.', tracker.status())).toBe('The assistant said it works, but did not test it in the preview.');
  });

  it('a check that could not run is a failed check', () => {
    const tracker = runningTracker();
    tracker.toolResult({ toolName: 'test_preview', input: {}, failed: true, output: undefined, errorText: 'The app is not running, so there is no preview to test.\nmore' });
    expect(tracker.status().check).toEqual({
      passed: false,
      label: 'Could not check in the preview: The app is not running, so there is no preview to test.',
      failure: 'The app is not running, so there is no preview to test.',
    });
  });

  it('counts errors the steps saw as preview errors', () => {
    const tracker = runningTracker();
    tracker.toolResult({ ...passing, output: { ...passing.output, errors: [{ message: 'TypeError: x', source: 'App.tsx:3' }] } });
    expect(tracker.status()).toMatchObject({ kind: 'running-errors', errorCount: 1 });
  });

  it('says how many saved checks still pass, or which broke', () => {
    const tracker = runningTracker();
    tracker.savedChecksRan({ total: 3, broken: [] });
    expect(tracker.status().savedChecks).toEqual({ passed: true, label: '3 of 3 checks still pass' });
    tracker.savedChecksRan({ total: 3, broken: [{ name: "click 'Count: 0', expect 'Count: 1'", detail: "expected 'Count: 1', the page shows 'Count: 0'" }] });
    const status = tracker.status();
    expect(status.savedChecks).toEqual({
      passed: false,
      label: `2 of 3 checks still pass: the check "click 'Count: 0', expect 'Count: 1'" broke — expected 'Count: 1', the page shows 'Count: 0'`,
    });
    expect(detectClaimMismatch('Done!', status)).toMatch(/^The assistant said it works, but 2 of 3 checks still pass: the check/);
    tracker.savedChecksRan({ total: 1, broken: [{ name: 'a', detail: 'x' }] });
    expect(tracker.status().savedChecks?.label).toBe('0 of 1 checks still pass: the check "a" broke — x');
    tracker.fileChanged();
    expect(tracker.status().savedChecks).toBeUndefined();
  });
});

describe('claims across the text parts of one reply', () => {
  it('reads "…a counter.Your counter works!" as two sentences', () => {
    // The parts of a multi-step reply are joined without a space.
    expect(claimsSuccess("I'll build a counter.Your counter works!")).toBe(true);
    expect(claimsSuccess("I'll build a counter.It will work once you reload.")).toBe(false);
  });
});
