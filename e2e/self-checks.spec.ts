import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromiumLaunchArgs, findChromium } from '../scripts/chromium-path.mjs';
import { e2ePorts } from './ports';
import { ChatPanel, FakeLlm, type FakeRequest } from './pages/chat';
import { ChecksPanel } from './pages/checks';
import { WorkbenchPage } from './pages/workbench';

const run = promisify(execFile);
const COUNTER_CHECK = "click 'Count: 0', expect 'Count: 1'";

function userTexts(requests: FakeRequest[]): string[] {
  return requests.flatMap((request) =>
    request.messages.filter((m) => m.role === 'user').map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))),
  );
}

/** Runs the exported app's own `npm test`; resolves with its exit code and output. */
async function npmTest(dir: string): Promise<{ code: number; output: string }> {
  const chromium = findChromium();
  if (!chromium) throw new Error('No system Chromium (set CHROMIUM_PATH).');
  try {
    const { stdout, stderr } = await run('npm', ['test'], {
      cwd: dir,
      timeout: 180_000,
      env: {
        ...process.env,
        CI: '1',
        CHROMIUM_PATH: chromium,
        CHROMIUM_ARGS: chromiumLaunchArgs.join(' '),
        CHECKS_PORT: String(e2ePorts.EXPORTED_APP_PORT),
        PORT: '',
      },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

test.describe('the agent checks its own work in the preview', () => {
  let fake: FakeLlm;

  test.beforeEach(async ({ request }) => {
    fake = new FakeLlm(request);
    await fake.reset();
  });

  test('a working counter: test_preview passes, the status shows it, the check is kept, runs again, exports as a green Playwright suite', async ({
    page,
  }) => {
    test.setTimeout(420_000);
    const chat = new ChatPanel(page);
    await chat.startProject('[scenario:check-counter] Build a counter');
    await expect(chat.rows('test_preview')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
    await chat.expectAssistantSays('so your counter works.');
    await chat.waitUntilIdle();

    const turn = chat.assistantMessages.last();
    await expect(turn.getByTestId('turn-status')).toContainText('Running, no errors');
    await expect(ChecksPanel.turnCheck(turn)).toHaveText(" · Checked in the preview: clicked 'Count: 0', saw 'Count: 1' ✓");
    await expect(turn.getByTestId('turn-claim-mismatch')).toHaveCount(0);

    // The model got the real result of its check.
    const requests = await fake.requests();
    const results = requests.flatMap((r) => FakeLlm.toolResults(r));
    expect(results.some((r) => r.includes('"passed":true') && r.includes("saw 'Count: 1'"))).toBe(true);

    // Kept with the project and listed; Run all runs it again in the preview.
    const checks = new ChecksPanel(page);
    await expect(checks.open).toHaveText('Checks (1)');
    await checks.show();
    await expect(checks.items).toHaveCount(1);
    await expect(checks.items.first()).toContainText(COUNTER_CHECK);
    await checks.runAll.click();
    await expect(checks.items.first().getByTestId('check-result')).toHaveAttribute('data-status', 'passed', { timeout: 30_000 });

    // The export holds the checks file and a Playwright suite that runs green against `npm run dev`.
    const { bytes } = await new WorkbenchPage(page).exportZip();
    const zipped = unzipSync(bytes);
    expect(Object.keys(zipped)).toEqual(expect.arrayContaining(['.tabsmith/checks.json', 'tests/checks.spec.ts', 'playwright.config.ts']));
    const dir = mkdtempSync(path.join(tmpdir(), 'tabsmith-export-'));
    try {
      for (const [name, content] of Object.entries(zipped)) {
        if (name.endsWith('/')) continue;
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), content);
      }
      expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).scripts.test).toBe('playwright test');
      await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, timeout: 240_000 });
      const green = await npmTest(dir);
      expect(green.output).toContain('1 passed');
      expect(green.code).toBe(0);
      // The suite really tests the app: a button that no longer counts fails it.
      const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
      writeFileSync(path.join(dir, 'index.html'), html.replace('count += 1;', 'count += 0;'));
      const red = await npmTest(dir);
      expect(red.code).not.toBe(0);
      expect(red.output).toContain('1 failed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // Deleting the check removes it from the project.
    await checks.show();
    await checks.items.first().getByTestId('check-delete').click();
    await expect(checks.items).toHaveCount(0);
    await expect(checks.open).toHaveText('Checks');
  });

  test('a button that does nothing and a model that says it works: the check fails plainly, beside the claim', async ({ page }) => {
    test.setTimeout(180_000);
    const chat = new ChatPanel(page);
    await chat.startProject('[scenario:check-broken-counter] Build a counter');
    await chat.expectAssistantSays('Your counter works!', 120_000);
    await chat.waitUntilIdle();

    const turn = chat.assistantMessages.last();
    await expect(ChecksPanel.turnCheck(turn)).toHaveText(
      " · Checked in the preview: clicked 'Count: 0' ✓, then expected 'Count: 1', the page shows 'Count: 0' ✗",
    );
    await expect(turn.getByTestId('turn-claim-mismatch')).toHaveText(
      "The assistant said it works, but its own check failed: expected 'Count: 1', the page shows 'Count: 0'",
    );
    const results = (await fake.requests()).flatMap((r) => FakeLlm.toolResults(r));
    expect(results.some((r) => r.includes('"passed":false') && r.includes("expected 'Count: 1', the page shows 'Count: 0'"))).toBe(true);
    // A failed check is not kept.
    await expect(new ChecksPanel(page).open).toHaveText('Checks');
  });

  test('a later turn breaks the counter: the saved check runs again by itself, the status names it, the model is told', async ({ page }) => {
    test.setTimeout(240_000);
    const chat = new ChatPanel(page);
    await chat.startProject('[scenario:check-counter-again] Build a counter');
    await chat.expectAssistantSays('so your counter works.', 120_000);
    await chat.waitUntilIdle();
    await expect(new ChecksPanel(page).open).toHaveText('Checks (1)');

    await chat.sendMessage('[scenario:check-breaks] Change the heading to My counter');
    await expect(chat.userMessages.last().getByTestId('auto-fix-label')).toBeVisible({ timeout: 60_000 });
    await chat.waitUntilIdle();

    const breaking = chat.assistantMessages.nth(1);
    await expect(breaking).toContainText('The heading now says "My counter".');
    await expect(ChecksPanel.turnSavedChecks(breaking)).toHaveText(
      ` · 0 of 1 checks still pass: the check "${COUNTER_CHECK}" broke — expected 'Count: 1', the page shows 'Count: 0'`,
    );

    const told = userTexts(await fake.requests()).filter((text) => text.includes('no longer passes after your last change'));
    expect(told.length).toBeGreaterThan(0);
    expect(told[0]).toContain(`"${COUNTER_CHECK}": expected 'Count: 1', the page shows 'Count: 0'`);
    expect(told[0]).toContain('"steps":[{"action":"click","target":"Count: 0"},{"action":"expect_text","value":"Count: 1"}]');
  });
});
