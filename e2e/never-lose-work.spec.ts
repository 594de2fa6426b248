import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { e2ePorts } from './ports';
import { importFixtureProject, RuntimePanel, zipFixture } from './pages/runtime';
import { WorkbenchPage } from './pages/workbench';

/** How many IndexedDB file records the page has written since this was installed. */
async function spyOnFileRecords(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counts = { files: 0 };
    (window as unknown as { __fileRecordWrites: typeof counts }).__fileRecordWrites = counts;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'files') counts.files++;
      return put.apply(this, args);
    };
  });
}

const fileRecordWrites = (page: Page) =>
  page.evaluate(() => (window as unknown as { __fileRecordWrites: { files: number } }).__fileRecordWrites.files);

test.describe('never lose work', () => {
  test('opening a tab or resizing a pane writes no file record', async ({ page }) => {
    await spyOnFileRecords(page);
    await importFixtureProject(page, 'node-server');
    const workbench = new WorkbenchPage(page);
    await workbench.waitUntilOpen();
    await page.waitForTimeout(1000);
    const before = await fileRecordWrites(page);
    await workbench.openFile('server.js');
    await workbench.openFile('package.json');
    const handle = page.locator('[data-panel-resize-handle-id], [data-separator], [role="separator"]').first();
    const box = await handle.boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
    }
    await page.waitForTimeout(1000);
    expect(await fileRecordWrites(page)).toBe(before);
  });

  test('two tabs on one project: the second follows the first live, and can take over', async ({ page, context }) => {
    await importFixtureProject(page, 'node-server');
    const first = new WorkbenchPage(page);
    await first.waitUntilOpen();
    const url = page.url();

    const other = await context.newPage();
    await other.goto(url);
    const second = new WorkbenchPage(other);
    await expect(other.getByTestId('follower-banner')).toBeVisible();
    await expect(second.treeItem('server.js')).toBeVisible();
    await expect(page.getByTestId('follower-banner')).toBeHidden();

    await first.createFile('notes.txt');
    await expect(second.treeItem('notes.txt')).toBeVisible();

    await other.getByTestId('work-here').click();
    await expect(other.getByTestId('follower-banner')).toBeHidden();
    await expect(page.getByTestId('follower-banner')).toBeVisible();
    await expect(second.treeItem('notes.txt')).toBeVisible();
    await second.createFile('todo.txt');
    await expect(first.treeItem('todo.txt')).toBeVisible();
    await expect(first.treeItem('notes.txt')).toBeVisible();
  });
});


/** As `importFixtureProject`, on a server other than the suite's own. */
async function importFixtureProjectAt(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/`);
  await page
    .getByTestId('import-zip')
    .setInputFiles({ name: 'storage-counter.zip', mimeType: 'application/zip', buffer: zipFixture('storage-counter') });
  await page.waitForURL(/\/p\/[^/]+$/);
  await expect(page.getByTestId('workbench')).toBeVisible();
}
