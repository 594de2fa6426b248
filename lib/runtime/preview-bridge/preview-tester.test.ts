import type { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { previewBridgeScript } from './bridge-script';
import { createPreviewTester, isPreviewPath, PreviewTestError } from './preview-tester';
import { framedPage } from './test-support/framed-page';

const pages: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
});

/** A counter app whose count starts at 0 in every fresh document. */
function renderCounter(window: Window, path: string) {
  if (path.startsWith('/about')) {
    window.document.body.innerHTML = '<h1>About</h1>';
    return;
  }
  window.document.body.innerHTML = '<button>Count: 0</button><a href="/about">About</a>';
  const button = window.document.querySelector('button')!;
  let count = 0;
  button.addEventListener('click', () => (button.textContent = `Count: ${++count}`));
}

function counter(script = previewBridgeScript) {
  const page = framedPage({ script, render: renderCounter });
  pages.push(page);
  return page;
}

const steps = [
  { action: 'click' as const, target: 'Count: 0' },
  { action: 'expect_text' as const, value: 'Count: 1' },
];

describe('createPreviewTester against the real bridge script', () => {
  it('reloads the page, runs the steps there and returns their result', async () => {
    const page = counter();
    page.open('/');
    const tester = createPreviewTester(page.access(), { stepTimeoutMs: 300, loadTimeoutMs: 2000, retryMs: 20 });
    const first = await tester.run({ path: '/', steps });
    expect(first).toEqual({
      passed: true,
      steps: [
        { action: 'click', ok: true, detail: "clicked 'Count: 0'" },
        { action: 'expect_text', ok: true, detail: "saw 'Count: 1'" },
      ],
      text: 'Count: 1 About',
      errors: [],
    });
    // A second run starts from a fresh document again, so the same check passes again.
    const again = await tester.run({ path: '/', steps });
    expect(again.passed).toBe(true);
    expect(page.documents.length).toBe(3);
  });

  it('loads the given path first', async () => {
    const page = counter();
    page.open('/');
    const tester = createPreviewTester(page.access(), { stepTimeoutMs: 200, loadTimeoutMs: 2000, retryMs: 20 });
    const result = await tester.run({ path: '/about', steps: [{ action: 'expect_text', value: 'About' }] });
    expect(result.passed).toBe(true);
    expect(page.window?.location.href).toBe('http://p5173.localhost:3000/about');
  });

  it('keeps asking while the page has no bridge yet, then runs once it does', async () => {
    const page = counter();
    const tester = createPreviewTester(page.access(), { stepTimeoutMs: 300, loadTimeoutMs: 2000, retryMs: 20 });
    const run = tester.run({ path: '/', steps });
    setTimeout(() => page.open('/'), 100);
    await expect(run).resolves.toMatchObject({ passed: true });
  });

  it('carries errors the page threw during the steps', async () => {
    const page = framedPage({
      script: previewBridgeScript,
      render: (window) => {
        window.document.body.innerHTML = '<button>Save</button>';
        window.document.querySelector('button')!.addEventListener('click', () => {
          window.console.error('Failed to save: 500');
        });
      },
    });
    pages.push(page);
    page.open('/');
    const tester = createPreviewTester(page.access(), { stepTimeoutMs: 200, loadTimeoutMs: 2000, retryMs: 20 });
    const result = await tester.run({ path: '/', steps: [{ action: 'click', target: 'Save' }] });
    expect(result.errors).toEqual([{ message: 'Failed to save: 500' }]);
  });

  it('says so when the steps make the page load a new document', async () => {
    const page = framedPage({
      script: previewBridgeScript,
      render: (window, _path, location) => {
        window.document.body.innerHTML = '<button>Go</button>';
        window.document.querySelector('button')!.addEventListener('click', () => location.assign('/next'));
      },
    });
    pages.push(page);
    page.open('/');
    const tester = createPreviewTester(page.access(), { stepTimeoutMs: 1000, loadTimeoutMs: 2000, retryMs: 20 });
    const result = tester.run({ path: '/', steps: [{ action: 'click', target: 'Go' }, { action: 'expect_text', value: 'x' }] });
    await expect(result).rejects.toThrow(
      'The page loaded a new document (http://p5173.localhost:3000/next) while the steps ran, so the rest could not run there. Test what comes after with another test_preview call whose path is that page.',
    );
  });

  it('fails plainly when no page answers', async () => {
    const page = counter();
    const tester = createPreviewTester(page.access(), { loadTimeoutMs: 150, retryMs: 20 });
    await expect(tester.run({ path: '/', steps })).rejects.toThrow(
      "The preview page did not answer. It may still be loading, or it is not the app's page (Tabsmith's preview bridge is missing). Check it with check_preview.",
    );
  });

  it('fails plainly when there is no preview frame', async () => {
    const tester = createPreviewTester({ frameWindow: () => null, messages: new EventTarget() }, { loadTimeoutMs: 100, retryMs: 20 });
    await expect(tester.run({ path: '/', steps })).rejects.toThrow(
      'The preview is not showing the app yet. Start the dev server with run_command (background: true), then call test_preview again.',
    );
  });

  it('ignores messages from other windows and results for other runs', async () => {
    const page = counter();
    page.open('/');
    const ide = page.access();
    const tester = createPreviewTester(ide, { stepTimeoutMs: 300, loadTimeoutMs: 2000, retryMs: 20, createId: () => 'mine' });
    const forged = new Event('message');
    Object.assign(forged, {
      source: {},
      data: { source: 'tabsmith-preview', type: 'steps-result', id: 'mine', result: { passed: true, steps: [], text: '', errors: [] } },
    });
    const run = tester.run({ path: '/', steps });
    (ide.messages as EventTarget).dispatchEvent(forged);
    await expect(run).resolves.toMatchObject({ passed: true, steps: [{ ok: true }, { ok: true }] });
  });

  it('stops when aborted', async () => {
    const tester = createPreviewTester({ frameWindow: () => null, messages: new EventTarget() }, { loadTimeoutMs: 5000 });
    const controller = new AbortController();
    const run = tester.run({ path: '/', steps }, controller.signal);
    controller.abort();
    await expect(run).rejects.toBeInstanceOf(PreviewTestError);
  });

  it.each(['//evil.example/', 'about', '/a\\b', '/with space'])('refuses %s as a path', async (path) => {
    expect(isPreviewPath(path)).toBe(false);
    const tester = createPreviewTester({ frameWindow: () => null, messages: new EventTarget() });
    await expect(tester.run({ path, steps })).rejects.toThrow('is not a path in the app');
  });
});

describe('the bridge in the page', () => {
  it('refuses to navigate off the preview origin', async () => {
    const page = counter();
    page.open('/');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = page.documents.length;
    page.frame.postMessage({ source: 'tabsmith-ide', type: 'reload', id: 'x', path: '//evil.example/' }, '*');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(page.documents.length).toBe(before);
    expect(page.postedToIde.some((m) => (m as { type?: string }).type === 'reloading')).toBe(false);
  });

  it('ignores step commands from anyone but the IDE window', async () => {
    const page = counter();
    page.open('/');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const window = page.window!;
    window.dispatchEvent(
      new window.MessageEvent('message', {
        data: { source: 'tabsmith-ide', type: 'run-steps', id: 'x', steps, timeoutMs: 100 },
        source: window as never,
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(page.postedToIde.some((m) => (m as { type?: string }).type === 'steps-result')).toBe(false);
  });
});
