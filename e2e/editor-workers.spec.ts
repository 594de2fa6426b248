import { expect, test } from '@playwright/test';
import { BUSY_TYPE_ERROR_FILE } from './fake-llm/scenarios/busy-type-error';
import { ChatPanel, FakeLlm } from './pages/chat';
import { WorkbenchPage } from './pages/workbench';

// Unheld, the worker is fetched within a second of a JavaScript or TypeScript file showing in the editor.
const HELD_FOR_MS = 3000;

test('the TypeScript worker waits while the agent installs, and starts when the person uses the editor', async ({ page, request }) => {
  await new FakeLlm(request).reset();
  const tsWorkerRequests: string[] = [];
  page.on('request', (r) => {
    if (/\/ts\.worker[^/]*\.js/.test(r.url())) tsWorkerRequests.push(r.url());
  });
  const chat = new ChatPanel(page);
  const workbench = new WorkbenchPage(page);
  await chat.startProject('[scenario:busy-type-error] A shop total, then install');

  await expect(chat.rows('run_command')).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  await expect(workbench.editor.locator('.monaco-editor')).toBeVisible();
  await expect(workbench.tab(BUSY_TYPE_ERROR_FILE)).toBeVisible();
  await page.waitForTimeout(HELD_FOR_MS);
  expect(tsWorkerRequests).toEqual([]);
  await expect(chat.rows('run_command')).toHaveAttribute('data-state', 'running');

  await workbench.tab(BUSY_TYPE_ERROR_FILE).click();
  await expect(workbench.editor.locator('.squiggly-error').first()).toBeVisible({ timeout: 30_000 });
  expect(tsWorkerRequests.length).toBeGreaterThan(0);

  await chat.stop.click();
  await expect(page.getByTestId('chat-stopped')).toBeVisible();
});
