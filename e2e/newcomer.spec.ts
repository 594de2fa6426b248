import { expect, test, type Page } from '@playwright/test';
import { e2ePorts } from './ports';
import { ChatPanel } from './pages/chat';
import { RuntimePanel } from './pages/runtime';
import { saveScreen, sizes, visibleText } from './pages/screens';

const DEMO_APP = `http://localhost:${e2ePorts.DEMO_APP_PORT}`;

/** What each idea on the home page must build: the heading of the app in the preview. */
const expectedApps: Record<string, { name: string; heading: string }> = {
  'A todo list that remembers my tasks': { name: 'Todo list', heading: 'Todo list' },
  'A counter with + and − buttons': { name: 'Counter', heading: 'Counter' },
  'A snake game': { name: 'Snake game', heading: 'Snake' },
  'A guess-the-number game': { name: 'Guess the number', heading: 'Guess the number' },
  'A tip calculator': { name: 'Tip calculator', heading: 'Tip calculator' },
  'A pomodoro timer with a start and pause button': { name: 'Pomodoro timer', heading: 'Pomodoro timer' },
  'A page that shows a random quote each time I click': { name: 'Random quote', heading: 'Random quote' },
};

const TECHNICAL_WORDS = /WebContainer|StackBlitz|\d+(\.\d)?k? in · \d+(\.\d)?k? out/;

async function pickIdea(page: Page, idea: string): Promise<void> {
  await page.goto(`${DEMO_APP}/`);
  await page.getByTestId('starter-idea').filter({ hasText: idea }).click();
  await expect(page.getByTestId('prompt-input')).toHaveValue(idea);
  await page.getByTestId('prompt-input').press('Enter');
  await page.waitForURL(/\/p\/[^/]+$/);
}

async function waitForBuild(page: Page, chat: ChatPanel): Promise<void> {
  await expect(chat.rows('check_preview')).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
  await chat.waitUntilIdle();
}

test.describe('a first visit with the offline demo', () => {
  test('every starter idea builds the app it names, and the project is named after it', async ({ page }) => {
    test.setTimeout(600_000);
    await page.goto(`${DEMO_APP}/`);
    const ideas = await page.getByTestId('starter-idea').allTextContents();
    expect(ideas.sort()).toEqual(Object.keys(expectedApps).sort());

    for (const idea of ideas) {
      const expected = expectedApps[idea];
      const chat = new ChatPanel(page);
      await pickIdea(page, idea);
      await waitForBuild(page, chat);
      await expect(page.getByTestId('project-name')).toHaveText(expected.name);
      const runtime = new RuntimePanel(page);
      await expect(runtime.preview.getByRole('heading', { level: 1 })).toHaveText(expected.heading, { timeout: 30_000 });
      await expect(page.getByTestId('turn-status')).toHaveText('Running, no errors');
    }
  });

  test('reopening a project that ran shows the running app without a click, and its turn says what was true then', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const chat = new ChatPanel(page);
    await pickIdea(page, 'A tip calculator');
    await waitForBuild(page, chat);
    const projectUrl = page.url();
    await expect(page.getByTestId('turn-status')).toHaveText('Running, no errors');
    await page.getByTestId('home-link').click();
    await page.waitForURL(`${DEMO_APP}/`);

    await page.goto(projectUrl);
    const runtime = new RuntimePanel(page);
    await expect(runtime.preview.getByRole('heading', { name: 'Tip calculator' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('turn-status')).toHaveText('Was running, no errors');
    await expect(page.getByTestId('turn-claim-mismatch')).toHaveCount(0);
    await runtime.preview.locator('#bill').fill('100');
    await expect(runtime.preview.locator('#total')).toHaveText('118.00');
  });

  test('saving a plain HTML page in the editor updates the preview', async ({ page }) => {
    test.setTimeout(240_000);
    const chat = new ChatPanel(page);
    await pickIdea(page, 'A counter with + and − buttons');
    await waitForBuild(page, chat);
    const runtime = new RuntimePanel(page);
    await expect(runtime.preview.locator('.subtitle')).toContainText('Click to count');

    await page.getByTestId('file-tree').locator('[role="treeitem"][data-path="index.html"]').click();
    const editor = page.getByTestId('editor');
    await expect(editor.locator('.monaco-editor .view-lines')).toContainText('Click to count');
    await editor.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+f');
    await page.keyboard.type('Click to count');
    await page.keyboard.press('Escape');
    await page.keyboard.type('Tap to tally');
    await page.keyboard.press('ControlOrMeta+s');

    await expect(runtime.preview.locator('.subtitle')).toContainText('Tap to tally', { timeout: 15_000 });
  });

  test('at 1440×900: plain words only, details one click away; screenshots of each step', async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(sizes.desktop);
    await page.goto(`${DEMO_APP}/`);
    await saveScreen(page, 'home');
    const chat = new ChatPanel(page);
    await pickIdea(page, 'A snake game');
    await expect(chat.rows('write_file').first()).toBeVisible({ timeout: 30_000 });
    await saveScreen(page, 'building');
    await waitForBuild(page, chat);
    const runtime = new RuntimePanel(page);
    await expect(runtime.preview.getByRole('heading', { name: 'Snake' })).toBeVisible();
    await expect(runtime.status).toContainText('Runs on this computer');
    expect(TECHNICAL_WORDS.test(await visibleText(page))).toBe(false);
    await saveScreen(page, 'running');

    // Details: the raw tool call is one click away, never in the way.
    const row = chat.rows('run_command').first();
    await row.getByRole('button').first().click();
    await expect(row.getByTestId('tool-row-raw')).toBeVisible();
    await expect(row.getByTestId('tool-row-raw').locator('pre')).toBeHidden();
    await row.getByTestId('tool-row-raw').locator('summary').click();
    await expect(row.getByTestId('tool-row-raw').locator('pre')).toContainText('"command": "npm install"');

    await page.getByTestId('turn-changes').click();
    await expect(page.getByTestId('changes-dialog')).toBeVisible();
    await saveScreen(page, 'changes');
    await page.getByTestId('changes-close').click();
    await page.getByTestId('open-settings').click();
    await expect(page.getByTestId('settings-dialog')).toBeVisible();
    await saveScreen(page, 'settings');
  });
});
