import { expect, test, type Page } from '@playwright/test';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { e2ePorts } from './ports';
import { ChatPanel, Workspace } from './pages/chat';
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

function workspaceFiles(workspace: Workspace): Record<string, { content: string; mtime: number }> {
  const files: Record<string, { content: string; mtime: number }> = {};
  for (const file of ['package.json', 'server.mjs', 'index.html', 'style.css', 'app.js']) {
    const full = path.join(workspace.dir, file);
    files[file] = { content: readFileSync(full, 'utf8'), mtime: statSync(full).mtimeMs };
  }
  return files;
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
      // The demo tried the app in the preview before it said it works, and the status shows that check.
      await expect(page.getByTestId('turn-status')).toHaveText(/^Running, no errors · Checked in the preview: .+ ✓/);
      await expect(page.getByTestId('turn-check')).toHaveAttribute('data-passed', 'true');
      await expect(page.getByTestId('turn-claim-mismatch')).toHaveCount(0);
      // The server the agent started is the app the header's control acts on.
      await expect(page.getByRole('banner').getByTestId('run-app')).toHaveText('Stop app');
      await expect(page.getByRole('banner').getByTestId('run-phase')).toHaveText('Your app is running');
    }
  });

  test('a follow-up the demo cannot do changes nothing, restarts nothing and says so in one sentence', async ({ page }) => {
    test.setTimeout(240_000);
    const chat = new ChatPanel(page);
    await pickIdea(page, 'A counter with + and − buttons');
    // While the agent builds, the preview says so instead of offering a Run that would race its start.
    await expect(page.getByTestId('preview-agent-working')).toBeVisible();
    await waitForBuild(page, chat);
    const runtime = new RuntimePanel(page);
    await expect(runtime.preview.getByRole('heading', { name: 'Counter' })).toBeVisible();
    await runtime.markPreviewWindow();
    const workspace = Workspace.forPage(page, 'demo');
    const before = workspaceFiles(workspace);
    const rowsBefore = await chat.toolRows.count();

    await chat.sendMessage('Make the plus button red');
    await chat.waitUntilIdle();
    // What the demo said: the reply's text parts only, not the buttons under it (Regenerate, Details).
    const replyParts = await chat.assistantMessages.last().getByTestId('chat-reply-text').allInnerTexts();
    expect(replyParts).toHaveLength(1);
    const reply = replyParts[0].trim();
    expect(reply).toMatch(/^The offline demo can't change an app, so nothing was changed: [^\n]*Settings\.$/);
    expect(reply.split(/[.!?](\s|$)/).filter((s) => s && s.trim()).length).toBe(1);
    await expect(chat.assistantMessages.last().getByTestId('turn-changes')).toHaveCount(0);
    expect(await chat.toolRows.count()).toBe(rowsBefore);
    expect(workspaceFiles(workspace)).toEqual(before);
    expect(await runtime.previewKeptMark()).toBe(true);
    await expect(page.getByTestId('turn-status')).not.toContainText(/with \d+ error/);
    await expect(page.getByTestId('turn-claim-mismatch')).toHaveCount(0);

    // Stop stops the agent's server; Run starts the app again in its place, not a second one beside it.
    const header = page.getByRole('banner');
    await header.getByTestId('run-app').click();
    await expect(header.getByTestId('run-phase')).toHaveText('Your app is stopped');
    await expect(page.getByTestId('preview-frame')).toHaveCount(0);
    await header.getByTestId('run-app').click();
    await expect(header.getByTestId('run-phase')).toHaveText('Your app is running', { timeout: 60_000 });
    await expect(runtime.preview.getByRole('heading', { name: 'Counter' })).toBeVisible({ timeout: 30_000 });
    await expect(runtime.preview.getByRole('button', { name: 'Increase' })).toBeVisible();
  });

  test('reopening a project that ran shows the running app without a click, and its turn says what was true then', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const chat = new ChatPanel(page);
    await pickIdea(page, 'A tip calculator');
    await waitForBuild(page, chat);
    const projectUrl = page.url();
    await expect(page.getByTestId('turn-status')).toHaveText(/^Running, no errors · Checked in the preview: .+ ✓/);
    await page.getByTestId('home-link').click();
    await page.waitForURL(`${DEMO_APP}/`);

    await page.goto(projectUrl);
    const runtime = new RuntimePanel(page);
    await expect(runtime.preview.getByRole('heading', { name: 'Tip calculator' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('turn-status')).toHaveText(/^Was running, no errors · Checked in the preview: .+ ✓/);
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
    // The demo did try its app before this edit: the person's change does not make that untrue.
    await expect(page.getByTestId('turn-status')).toHaveText('Running, no errors');
    await expect(page.getByTestId('turn-claim-mismatch')).toHaveCount(0);

    // Suggestions open inside the editor, never over the preview beside it, even in a narrow editor
    // with the cursor far to the right.
    await page.setViewportSize({ width: 1100, height: 800 });
    const box = editor.locator('.monaco-editor').first();
    await expect.poll(async () => (await box.boundingBox())?.width ?? 0).toBeLessThan(400);
    await page.keyboard.press('End');
    await page.keyboard.type(' d');
    await page.keyboard.press('Control+Space');
    const suggestions = editor.locator('.suggest-widget.visible');
    await expect(suggestions).toBeVisible();
    await saveScreen(page, 'suggestions');
    const inner = await suggestions.boundingBox();
    const outer = await box.boundingBox();
    if (!inner || !outer) throw new Error('The editor or its suggestions have no box on screen.');
    expect(inner.x).toBeGreaterThanOrEqual(outer.x);
    expect(inner.y).toBeGreaterThanOrEqual(outer.y);
    expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width);
    expect(inner.y + inner.height).toBeLessThanOrEqual(outer.y + outer.height);
  });

  test('on a phone: tabs switch panes, the chat box and the preview use the full width, and the app works', async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(sizes.phone);
    await page.goto(`${DEMO_APP}/`);
    await saveScreen(page, 'home');
    const chat = new ChatPanel(page);
    await pickIdea(page, 'A counter with + and − buttons');
    const tabs = page.getByRole('tab');
    await expect(tabs).toHaveText(['Chat', 'Preview', 'Code']);
    await expect(chat.rows('write_file').first()).toBeVisible({ timeout: 30_000 });
    await saveScreen(page, 'building');
    await waitForBuild(page, chat);

    const chatBox = await page.getByTestId('chat-input').boundingBox();
    expect(chatBox?.width).toBeGreaterThanOrEqual(300);
    expect(TECHNICAL_WORDS.test(await visibleText(page))).toBe(false);

    await page.getByRole('tab', { name: 'Preview' }).click();
    await expect(page.getByRole('tab', { name: 'Preview' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('chat-input')).toBeHidden();
    const frame = await page.getByTestId('preview-frame').boundingBox();
    expect(frame?.width).toBeGreaterThanOrEqual(sizes.phone.width - 2);
    const runtime = new RuntimePanel(page);
    await runtime.preview.getByRole('button', { name: 'Increase' }).click();
    await runtime.preview.getByRole('button', { name: 'Increase' }).click();
    await expect(runtime.preview.locator('#count')).toHaveText('2');
    await expect(page.getByTestId('run-app').first()).toBeVisible();
    await saveScreen(page, 'running');

    await page.getByRole('tab', { name: 'Code' }).click();
    await expect(page.getByTestId('file-tree')).toBeVisible();
    await expect(page.getByTestId('editor')).toBeVisible();
    await expect(page.getByTestId('preview-frame')).toBeHidden();

    await page.getByRole('tab', { name: 'Chat' }).click();
    await page.getByTestId('turn-changes').click();
    await expect(page.getByTestId('changes-dialog')).toBeVisible();
    // It opens on the app's own files; Tabsmith's saved check comes last.
    await expect(page.getByTestId('changes-file').first()).toHaveAttribute('data-path', 'app.js');
    await expect(page.getByTestId('changes-file').last()).toHaveAttribute('data-path', '.tabsmith/checks.json');
    await saveScreen(page, 'changes');
    await page.getByTestId('changes-close').click();
    await page.getByTestId('open-settings').click();
    await expect(page.getByTestId('settings-dialog')).toBeVisible();
    await saveScreen(page, 'settings');
  });

  test('at 1440×900: plain words only, details one click away; screenshots of each step', async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(sizes.desktop);
    await page.goto(`${DEMO_APP}/`);
    await saveScreen(page, 'home');
    const chat = new ChatPanel(page);
    await pickIdea(page, 'A snake game');
    await expect(chat.rows('write_file').first()).toBeVisible({ timeout: 30_000 });
    // The code the agent writes is readable while it works, even before the editor has started.
    const code = page.getByTestId('editor-plain-text').or(page.getByTestId('editor').locator('.view-lines'));
    await expect(code.first()).toHaveText(/\S{8}/, { timeout: 1_000 });
    await expect(page.getByTestId('editor')).not.toContainText('Loading');
    await saveScreen(page, 'building');
    await waitForBuild(page, chat);
    const runtime = new RuntimePanel(page);
    await expect(runtime.preview.getByRole('heading', { name: 'Snake' })).toBeVisible();
    await expect(runtime.status).toContainText('Runs on this computer');
    expect(TECHNICAL_WORDS.test(await visibleText(page))).toBe(false);
    // The dev server's own address is inside the runtime: the agent terminal says where the app is instead.
    await runtime.expectCopiedTerminalLine(/^\s*Local:\s+the Preview pane \(port \d+\)$/);
    expect(await runtime.copiedTerminalText()).not.toMatch(/https?:\/\/(localhost|127\.0\.0\.1)/);
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
    // It opens on the app's own files; Tabsmith's saved check comes last.
    await expect(page.getByTestId('changes-file').first()).toHaveAttribute('data-path', 'app.js');
    await expect(page.getByTestId('changes-file').last()).toHaveAttribute('data-path', '.tabsmith/checks.json');
    await saveScreen(page, 'changes');
    await page.getByTestId('changes-close').click();
    await page.getByTestId('open-settings').click();
    await expect(page.getByTestId('settings-dialog')).toBeVisible();
    await saveScreen(page, 'settings');
  });
});
