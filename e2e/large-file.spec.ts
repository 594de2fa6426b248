import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { statSync } from 'node:fs';
import path from 'node:path';
import { Workspace } from './pages/chat';
import { importFixtureProject, RuntimePanel } from './pages/runtime';
import { WorkbenchPage } from './pages/workbench';

const TEN_MB = 10 * 1024 * 1024;

test('a 10 MB file a command writes is kept through a reload, labelled, never opened in the editor, and exported', async ({ page }) => {
  test.setTimeout(300_000);
  await importFixtureProject(page, 'node-server');
  const workbench = new WorkbenchPage(page);
  const runtime = new RuntimePanel(page);
  await workbench.waitUntilOpen();
  await runtime.waitForRuntime();
  await runtime.openShell();
  await runtime.typeInShell(`node -e "require('fs').writeFileSync('data.db', Buffer.alloc(${TEN_MB}, 97))" && echo wrote-$((5*2))mb`);
  await runtime.expectTerminalLine(/^wrote-10mb$/, 60_000);
  const workspace = Workspace.forPage(page);
  const size = () => (workspace.has('data.db') ? statSync(path.join(workspace.dir, 'data.db')).size : -1);

  const row = workbench.treeItem('data.db');
  await expect(row.getByTestId('file-too-large')).toHaveText('on disk, too large to edit', { timeout: 90_000 });
  await row.click();
  await expect(page.getByTestId('editor-too-large')).toBeVisible();
  await expect(page.getByTestId('editor').getByText('aaaa')).toHaveCount(0);

  await page.reload();
  await workbench.waitUntilOpen();
  await expect(workbench.treeItem('data.db').getByTestId('file-too-large')).toBeVisible({ timeout: 90_000 });
  await runtime.waitForRuntime();
  await expect.poll(size, { timeout: 90_000 }).toBe(TEN_MB);

  const { bytes } = await workbench.exportZip();
  const exported = unzipSync(bytes)['data.db'];
  expect(exported?.length).toBe(TEN_MB);
  expect(exported?.every((byte) => byte === 97)).toBe(true);
});
