import type { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { previewBridgeScript } from '../../runtime/preview-bridge/bridge-script';
import { createPreviewTester } from '../../runtime/preview-bridge/preview-tester';
import { framedPage } from '../../runtime/preview-bridge/test-support/framed-page';
import { FakeRuntime } from '../../runtime/test-support/fake-runtime';
import { executeTool } from '../execute-tool';
import { fakeContext } from '../test-support/fake-tool-context';

const pages: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
});

function counterApp(broken: boolean) {
  const page = framedPage({
    script: previewBridgeScript,
    render: (window: Window) => {
      window.document.body.innerHTML = '<button id="count-button">Count: <span id="count">0</span></button>';
      let count = 0;
      window.document.getElementById('count-button')!.addEventListener('click', () => {
        if (!broken) window.document.getElementById('count')!.textContent = String(++count);
      });
    },
  });
  pages.push(page);
  page.open('/');
  return page;
}

function context(page: ReturnType<typeof counterApp>, passed: { path: string }[] = []) {
  const runtime = new FakeRuntime();
  runtime.emitPort(5173);
  return fakeContext({
    runtime,
    previewTester: createPreviewTester(page.access(), { stepTimeoutMs: 300, loadTimeoutMs: 2000, retryMs: 20 }),
    previewPath: () => '/',
    hooks: { onPreviewTestPassed: (run) => passed.push(run) },
  });
}

const steps = [
  { action: 'click', target: 'Count: 0' },
  { action: 'expect_text', value: 'Count: 1' },
];

describe('test_preview', () => {
  it('runs the steps in the preview page and reports each one; a pass is handed on to be kept', async () => {
    const passed: { path: string }[] = [];
    const output = await executeTool('test_preview', { steps }, context(counterApp(false), passed));
    expect(output).toEqual({
      passed: true,
      path: '/',
      steps: [
        { action: 'click', ok: true, detail: "clicked 'Count: 0'" },
        { action: 'expect_text', ok: true, detail: "saw 'Count: 1'" },
      ],
      text: 'Count: 1',
      errors: [],
    });
    expect(passed).toEqual([{ path: '/', steps }]);
  });

  it('a button that does nothing fails with a plain detail, and is not kept', async () => {
    const passed: { path: string }[] = [];
    const output = await executeTool('test_preview', { steps }, context(counterApp(true), passed));
    expect(output).toMatchObject({
      passed: false,
      steps: [
        { action: 'click', ok: true },
        { action: 'expect_text', ok: false, detail: "expected 'Count: 1', the page shows 'Count: 0'" },
      ],
      text: 'Count: 0',
    });
    expect(passed).toEqual([]);
  });

  it('refuses when the app is not running', async () => {
    const page = counterApp(false);
    const ctx = { ...context(page), runtime: new FakeRuntime() };
    await expect(executeTool('test_preview', { steps }, ctx)).rejects.toThrow(
      'The app is not running, so there is no preview to test. Start the dev server with run_command (background: true), then call test_preview again.',
    );
  });

  it('turns a preview that does not answer into a tool error the model can act on', async () => {
    const runtime = new FakeRuntime();
    runtime.emitPort(5173);
    const ctx = fakeContext({
      runtime,
      previewTester: createPreviewTester({ frameWindow: () => null, messages: new EventTarget() }, { loadTimeoutMs: 50 }),
    });
    await expect(executeTool('test_preview', { steps }, ctx)).rejects.toThrow(/^The preview is not showing the app yet\./);
  });

  it('validates the steps', async () => {
    const ctx = context(counterApp(false));
    await expect(executeTool('test_preview', { steps: [{ action: 'hover', target: 'x' }] }, ctx)).rejects.toThrow(/^Invalid input for test_preview: "steps.0.action"/);
    await expect(executeTool('test_preview', { steps: [] }, ctx)).rejects.toThrow(/Invalid input for test_preview/);
  });
});
