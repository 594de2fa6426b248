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

test.describe('the app keeps its own storage', () => {
  const port = e2ePorts.RESTART_APP_PORT;
  const workspaces = path.join(process.cwd(), '.data', 'e2e', 'restart');
  let server: ChildProcess | null = null;

  async function startServer(): Promise<void> {
    mkdirSync(workspaces, { recursive: true });
    server = spawn('npm', ['start'], {
      env: { ...process.env, PORT: String(port), WORKSPACES_DIR: workspaces, RUNTIME: 'local', OLLAMA_BASE_URL: 'http://127.0.0.1:9' },
      stdio: 'ignore',
      detached: true,
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const up = await fetch(`http://localhost:${port}/`).then(
        (response) => response.ok,
        () => false,
      );
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('The IDE server did not start');
  }

  async function stopServer(): Promise<void> {
    const running = server;
    server = null;
    if (!running?.pid) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    process.kill(-running.pid, 'SIGTERM');
    await exited;
  }

  test.beforeAll(() => rmSync(workspaces, { recursive: true, force: true }));
  test.afterAll(stopServer);

  test('a counter kept in localStorage survives stop/run, a reload and a restart of the IDE server', async ({ page }) => {
    test.setTimeout(240_000);
    await startServer();
    const base = `http://localhost:${port}`;
    const runtime = new RuntimePanel(page);
    await runtime.watchRunOffers();
    await importFixtureProjectAt(page, base);
    await runtime.runApp();
    const button = runtime.preview.getByRole('button', { name: /Count:/ });
    await expect(button).toHaveText('Count: 0');
    await button.click();
    await button.click();
    await expect(button).toHaveText('Count: 2');

    await runtime.runButton.click();
    await expect(page.getByTestId('run-phase').first()).toHaveAttribute('data-phase', /stopped|idle/);
    await runtime.runApp();
    await expect(button).toHaveText('Count: 2');

    // The app was running, so a reopened workbench starts it by itself; pressing the button now would stop it.
    await page.reload();
    await runtime.expectStartedWithoutClick();
    await expect(button).toHaveText('Count: 2');

    await stopServer();
    await startServer();
    await page.reload();
    await runtime.expectStartedWithoutClick();
    await expect(button).toHaveText('Count: 2');
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
