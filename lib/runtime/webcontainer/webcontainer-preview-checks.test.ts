import type { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { createPreviewTester } from '../preview-bridge/preview-tester';
import { framedPage } from '../preview-bridge/test-support/framed-page';
import { fakeBoot } from './fake-webcontainer';
import { createWebContainerRuntime } from './webcontainer-runtime';
import { WebContainerSlot } from './webcontainer-slot';

const pages: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
});

function renderCounter(window: Window) {
  window.document.body.innerHTML = '<button>Count: 0</button>';
  const button = window.document.querySelector('button')!;
  let count = 0;
  button.addEventListener('click', () => (button.textContent = `Count: ${++count}`));
}

/** The script a booted WebContainer runtime handed to `setPreviewScript`, running in a page on WebContainer's preview origin. */
async function previewOfBootedContainer() {
  const boot = fakeBoot();
  const runtime = createWebContainerRuntime({ boot, bootTimeoutMs: 1000, coep: 'credentialless', slot: new WebContainerSlot() });
  await runtime.boot();
  expect(boot.container.previewScripts).toHaveLength(1);
  const page = framedPage({
    script: boot.container.previewScripts[0],
    render: renderCounter,
    origin: 'https://k3x9q2--5173--a1b2c3d4.local-credentialless.webcontainer-api.io',
  });
  pages.push(page);
  page.open('/');
  return page;
}

describe('test_preview through the script WebContainer registers', () => {
  it('runs click and expect steps in the preview page', async () => {
    const page = await previewOfBootedContainer();
    const tester = createPreviewTester(page.access(), { stepTimeoutMs: 300, loadTimeoutMs: 2000, retryMs: 20 });
    const result = await tester.run({
      path: '/',
      steps: [
        { action: 'click', target: 'Count: 0' },
        { action: 'expect_text', value: 'Count: 1' },
      ],
    });
    expect(result).toMatchObject({ passed: true, text: 'Count: 1', errors: [] });
  });

  it('fails with the plain detail when the page does not do what was expected', async () => {
    const page = await previewOfBootedContainer();
    const tester = createPreviewTester(page.access(), { stepTimeoutMs: 200, loadTimeoutMs: 2000, retryMs: 20 });
    const result = await tester.run({ path: '/', steps: [{ action: 'expect_text', value: 'Count: 5' }] });
    expect(result.passed).toBe(false);
    expect(result.steps[0]).toMatchObject({ ok: false, detail: "expected 'Count: 5', the page shows 'Count: 0'" });
  });
});
