import { expect, test } from '@playwright/test';
import { existsSync, rmSync } from 'node:fs';
import { importFixtureProject, RuntimePanel } from './pages/runtime';

test.describe('runtime UI on the local backend', () => {
  test('a dependency-free Node server runs and shows in the preview; its commands show in the agent tab', async ({
    page,
  }) => {
    await importFixtureProject(page, 'node-server');
    const runtime = new RuntimePanel(page);
    await expect(page.getByText("Your app will appear here once it's running")).toBeVisible();

    await runtime.runApp();
    await expect(runtime.preview.getByRole('heading', { name: 'Hello from the fixture server' })).toBeVisible();
    await expect(page.getByTestId('run-phase').first()).toHaveText('Your app is running');

    await runtime.tab('Agent').click();
    await runtime.expectTerminalLine(/^\$ .*(npm|node)/);
    await runtime.expectTerminalLine(/Fixture server listening on \d+/);

    await page.getByRole('button', { name: 'Phone' }).click();
    // The pane may be narrower than a phone; the frame then shrinks to fit, so read the width it asks for.
    await expect(runtime.previewFrame).toHaveAttribute('style', /width: 390px/);
    await page.getByRole('button', { name: 'Desktop' }).click();

    await page.getByTestId('preview-path').fill('/some/page');
    await page.getByTestId('preview-path').press('Enter');
    await expect(runtime.previewFrame).toHaveAttribute('src', /\/some\/page$/);
    await expect(runtime.preview.getByRole('heading', { name: 'Hello from the fixture server' })).toBeVisible();
  });

  test('an error thrown by a click inside the preview shows in the error count with its message', async ({ page }) => {
    await importFixtureProject(page, 'node-server');
    const runtime = new RuntimePanel(page);
    await runtime.runApp();
    await expect(runtime.errors).toBeHidden();

    await runtime.preview.getByRole('button', { name: 'Break it' }).click();
    await expect(runtime.errors).toBeVisible();
    await expect(runtime.errors).toHaveAttribute('data-count', '1');
    await expect(runtime.errors).toContainText('Fixture button exploded');

    await runtime.errors.getByRole('button', { name: /1 error/ }).click();
    await expect(runtime.errors.getByText('Fixture button exploded')).toBeVisible();
    await runtime.errors.getByRole('button', { name: 'Clear' }).click();
    await expect(runtime.errors).toBeHidden();
  });

  test("the previewed app cannot read the IDE's localStorage or IndexedDB", async ({ page }) => {
    await importFixtureProject(page, 'node-server');
    const runtime = new RuntimePanel(page);
    await runtime.runApp();
    await expect(runtime.preview.getByRole('heading', { name: 'Hello from the fixture server' })).toBeVisible();

    await page.evaluate(() => localStorage.setItem('tabsmith-e2e-secret', 'ide-only'));
    const ideDatabases = await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
    expect(ideDatabases.length).toBeGreaterThan(0);

    const frame = await runtime.previewContentFrame();
    expect(new URL(frame.url()).origin).not.toBe(new URL(page.url()).origin);
    const seen = await frame.evaluate(async () => {
      let parentStorage: string;
      try {
        parentStorage = String(window.parent.localStorage.getItem('tabsmith-e2e-secret'));
      } catch (error) {
        parentStorage = `refused: ${(error as Error).name}`;
      }
      return {
        parentStorage,
        ownStorage: localStorage.getItem('tabsmith-e2e-secret'),
        databases: (await indexedDB.databases()).map((db) => db.name),
      };
    });
    expect(seen.parentStorage).toMatch(/^refused: SecurityError/);
    expect(seen.ownStorage).toBeNull();
    for (const name of ideDatabases) expect(seen.databases).not.toContain(name);
  });

  test('a shell command cannot write outside the workspace, and the workspace stays intact', async ({ page }) => {
    const escapeTarget = '/root/tabsmith-escape-test';
    rmSync(escapeTarget, { force: true });
    await importFixtureProject(page, 'node-server');
    const runtime = new RuntimePanel(page);
    await runtime.waitForRuntime();

    await runtime.openShell();
    await runtime.typeInShell('echo x > /tmp/../root/tabsmith-escape-test && echo WROTE-$((6*7)) || echo REFUSED-$((6*7))');
    await runtime.expectTerminalLine(/REFUSED-42/);
    expect((await runtime.terminalLines()).some((line) => line.includes('WROTE-42'))).toBe(false);
    expect(existsSync(escapeTarget)).toBe(false);

    await runtime.typeInShell('ls');
    await runtime.expectTerminalLine(/server\.js/);
    await runtime.expectTerminalLine(/package\.json/);
    await expect(page.getByTestId('file-tree')).toContainText('server.js');
  });

  test('20,000 lines of output stream through the terminal without freezing the page', async ({ page }) => {
    await importFixtureProject(page, 'node-server');
    const runtime = new RuntimePanel(page);
    await runtime.waitForRuntime();
    await runtime.openShell();

    await page.evaluate(() => {
      const w = window as unknown as { __longestTask: number };
      w.__longestTask = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longestTask = Math.max(w.__longestTask, entry.duration);
      }).observe({ type: 'longtask' });
    });
    await runtime.typeInShell('seq 1 20000');
    await runtime.expectTerminalLine(/^20000$/, 60_000);
    const longest = await page.evaluate(() => (window as unknown as { __longestTask: number }).__longestTask);
    // The budget (200 ms) is measured by the benchmark; here we only refuse a frozen page.
    expect(longest).toBeLessThan(1000);

    await page.getByRole('button', { name: 'Close Shell 1' }).click();
    await expect(runtime.tab('Shell 1')).toHaveCount(0);
    await expect(runtime.tab('Agent')).toHaveAttribute('aria-selected', 'true');
  });

  test('Vite + React: Run installs and starts Vite; editing App.tsx in Monaco updates the preview without a reload', async ({
    page,
  }) => {
    test.setTimeout(360_000);
    await importFixtureProject(page, 'vite-react');
    const runtime = new RuntimePanel(page);
    await runtime.runApp(240_000);
    await expect(runtime.preview.getByRole('heading', { name: 'Vite fixture says hello' })).toBeVisible({
      timeout: 60_000,
    });

    await runtime.tab('Agent').click();
    await runtime.expectCopiedTerminalLine(/^\$ npm install/);
    await runtime.expectCopiedTerminalLine(/^✓ exit code 0 · [\d.]+ (ms|s)/);

    await runtime.markPreviewWindow();

    const tree = page.getByTestId('file-tree');
    await tree.getByText('src', { exact: true }).click();
    await tree.getByText('App.tsx', { exact: true }).click();
    const editor = page.getByTestId('editor');
    await expect(editor).toContainText('Vite fixture says hello');
    // Typed key by key (Monaco auto-closes brackets in pasted or inserted code): "hello" → "edited" on line 2.
    await editor.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    for (let i = 0; i < '</h1>;'.length; i++) await page.keyboard.press('ArrowLeft');
    for (let i = 0; i < 'hello'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('edited');
    await page.keyboard.press('ControlOrMeta+S');
    await expect(editor).toContainText('Vite fixture says edited');

    await expect(runtime.preview.getByRole('heading', { name: 'Vite fixture says edited' })).toBeVisible({ timeout: 15_000 });
    expect(await runtime.previewKeptMark()).toBe(true);
  });
});

test.describe('runtime selection', () => {
  test('with RUNTIME unset and StackBlitz unreachable, the app falls back to this computer, says so plainly, and later opens go straight there', async ({
    page,
  }) => {
    // The boot frame `@webcontainer/api` inserts when it is asked to boot.
    const bootFrame = page.locator('iframe[src*="/headless"]');
    await importFixtureProject(page, 'node-server');
    const runtime = new RuntimePanel(page);
    await expect(runtime.status).toHaveAttribute('data-kind', 'local', { timeout: 30_000 });
    await expect(bootFrame).toHaveCount(1);
    await expect(runtime.status).toContainText('Runs on this computer');
    await expect(runtime.status).toContainText('Running in your browser did not work here');
    // Plain words: the technology's names are for the details, not the status line.
    await expect(runtime.status).not.toContainText(/WebContainer|StackBlitz|local runtime/);
    await runtime.waitForRuntime();
    await runtime.runApp();
    await expect(runtime.preview.getByRole('heading', { name: 'Hello from the fixture server' })).toBeVisible();

    // The next open remembers: it does not ask WebContainer to boot at all.
    await page.reload();
    await expect(runtime.status).toHaveAttribute('data-kind', 'local');
    await expect(runtime.status).toContainText('it did not work here earlier');
    await runtime.waitForRuntime();
    expect(await bootFrame.count()).toBe(0);
  });
});
