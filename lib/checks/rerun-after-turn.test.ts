import { describe, expect, it } from 'vitest';
import { createTurnEvidenceFeed } from '../workbench/turn-evidence';
import type { PreviewTester } from '../runtime/preview-bridge/preview-tester';
import { createChecksController, type ChecksFiles } from './checks-controller';
import { rerunChecksAfterTurn } from './rerun-after-turn';

function files(): ChecksFiles {
  const map = new Map<string, string>();
  const listeners = new Set<(change: { path: string; origin: string }) => void>();
  return {
    readFile: (path) => map.get(path),
    writeFile(path, content, origin) {
      map.set(path, content);
      listeners.forEach((listener) => listener({ path, origin }));
    },
    onFileChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function setup(works: () => boolean) {
  const project = files();
  const tester: PreviewTester = {
    run: async () =>
      works()
        ? { passed: true, steps: [{ action: 'expect_text', ok: true, detail: "saw 'Count: 1'" }], text: 'Count: 1', errors: [] }
        : { passed: false, steps: [{ action: 'expect_text', ok: false, detail: "expected 'Count: 1', the page shows 'Count: 0'" }], text: 'Count: 0', errors: [] },
  };
  const checks = createChecksController(project, tester);
  const evidence = createTurnEvidenceFeed();
  checks.save({ path: '/', steps: [{ action: 'click', target: 'Count: 0' }, { action: 'expect_text', value: 'Count: 1' }] });
  // A later turn changed the app; the preview loaded it.
  project.writeFile('index.html', 'x', 'agent');
  evidence.fileChanged();
  return { session: { checks, evidence } };
}

const messages = [
  { id: 'u1', role: 'user' },
  { id: 'a1', role: 'assistant' },
];

describe('rerunChecksAfterTurn', () => {
  it('runs the saved checks once the preview loaded, and records that they still pass', async () => {
    const { session } = setup(() => true);
    const sent: string[] = [];
    const done = rerunChecksAfterTurn({ session, messages: () => messages, turnId: 'a1', send: async (text) => void sent.push(text), previewWaitMs: 2000 });
    session.evidence.attachRuntime({ openPorts: () => [{ port: 5173, url: 'http://p', open: true }], onPort: () => () => {}, onPreviewError: () => () => {} });
    session.evidence.previewLoaded();
    await done;
    expect(session.evidence.state.getState().status.savedChecks).toEqual({ passed: true, label: '1 of 1 check still passes' });
    expect(sent).toEqual([]);
  });

  it('tells the agent when one broke, within the fix limit', async () => {
    const { session } = setup(() => false);
    const sent: string[] = [];
    await rerunChecksAfterTurn({ session, messages: () => messages, turnId: 'a1', send: async (text) => void sent.push(text), previewWaitMs: 10 });
    expect(session.evidence.state.getState().status.savedChecks?.passed).toBe(false);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain("expected 'Count: 1', the page shows 'Count: 0'");

    const used = [...messages, { id: 'u2', role: 'user', metadata: { autoFix: 'checks' } }, { id: 'a2', role: 'assistant' }, { id: 'u3', role: 'user', metadata: { autoFix: 'checks' } }, { id: 'a3', role: 'assistant' }];
    const again: string[] = [];
    await rerunChecksAfterTurn({ session, messages: () => used, turnId: 'a3', send: async (text) => void again.push(text), previewWaitMs: 10 });
    expect(again).toEqual([]);
  });

  it('says nothing of saved checks when each passed in this turn already, as on a first build', async () => {
    const project = files();
    const checks = createChecksController(project, { run: async () => ({ passed: true, steps: [], text: '', errors: [] }) });
    const evidence = createTurnEvidenceFeed();
    checks.save({ path: '/', steps: [{ action: 'expect_text', value: 'Count: 0' }] });
    let ran = 0;
    const counting = { ...checks, runAll: async (options?: Parameters<typeof checks.runAll>[0]) => (ran++, checks.runAll(options)) };
    await rerunChecksAfterTurn({ session: { checks: counting, evidence }, messages: () => messages, turnId: 'a1', send: async () => {}, previewWaitMs: 10 });
    expect(ran).toBe(0);
    expect(evidence.state.getState().status.savedChecks).toBeUndefined();
  });

  it('reports nothing once another message followed the turn', async () => {
    const { session } = setup(() => false);
    const sent: string[] = [];
    const later = [...messages, { id: 'u2', role: 'user' }];
    await rerunChecksAfterTurn({ session, messages: () => later, turnId: 'a1', send: async (text) => void sent.push(text), previewWaitMs: 10 });
    expect(sent).toEqual([]);
    expect(session.evidence.state.getState().status.savedChecks).toBeUndefined();
  });
});
