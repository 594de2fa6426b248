import { e2ePorts } from './ports';
import { expect, test } from '@playwright/test';
import { ChatPanel, FakeLlm, Workspace } from './pages/chat';

const DEMO_APP = `http://localhost:${e2ePorts.DEMO_APP_PORT}`;

test.describe('agent chat against the fake model', () => {
  let fake: FakeLlm;

  test.beforeEach(async ({ request }) => {
    fake = new FakeLlm(request);
    await fake.reset();
  });

  test('a failed edit reaches the model as a tool error and the retried edit fixes the file', async ({ page }) => {
    const chat = new ChatPanel(page);
    await chat.startProject('[scenario:edit-retry] Change the greeting');
    await expect(chat.modelPicker).toHaveValue('openai-compatible:fake-model');

    await chat.expectAssistantSays('The greeting now says');
    await chat.waitUntilIdle();
    await expect(chat.rows('edit_file')).toHaveCount(2);
    await expect(chat.rows('edit_file').first()).toHaveAttribute('data-state', 'error');
    await expect(chat.rows('edit_file').last()).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('chat-usage').last()).toBeHidden();
    await page.getByTestId('chat-details').last().locator('summary').click();
    await expect(page.getByTestId('chat-usage').last()).toHaveText(/^\d+(\.\d)?k? in · \d+(\.\d)?k? out$/);

    const toolResults = (await fake.requests()).flatMap(FakeLlm.toolResults);
    expect(toolResults.some((r) => /not found/i.test(r) && r.includes('greeting.txt'))).toBe(true);
    expect(Workspace.forPage(page).read('greeting.txt')).toBe('Hi there, world!\n');

    // The chat is part of the project: a reload shows the same turn.
    await page.reload();
    await expect(chat.rows('edit_file')).toHaveCount(2);
    await expect(chat.assistantMessages.last()).toContainText('The greeting now says');
  });

  test('a failing build shows in its row and the model gets the real output', async ({ page }) => {
    const chat = new ChatPanel(page);
    await chat.startProject('[scenario:build-fails] Build it');
    await chat.expectAssistantSays('The build failed');
    const row = chat.rows('run_command');
    await expect(row).toContainText(/npm run build failed \(exit 1\)/);
    await row.getByRole('button').click();
    await expect(row.getByTestId('tool-row-detail')).toContainText('missing closing bracket');

    const results = (await fake.requests()).flatMap(FakeLlm.toolResults);
    const buildResult = results.find((r) => r.includes('missing closing bracket'));
    expect(buildResult).toBeDefined();
    expect(buildResult).toMatch(/"exit_code":\s*1/);
  });

  for (const [scenario, says] of [
    ['fail-401', /key/i],
    ['fail-429', /rate|retry|too many/i],
    ['fail-500', /.{10,}/],
    ['cut-stream', /cut off|interrupted|connection|ended/i],
  ] as const) {
    test(`${scenario}: a plain message, nothing written is lost, and Retry works`, async ({ page }) => {
      const chat = new ChatPanel(page);
      await chat.startProject(`[scenario:${scenario}] Make something`);
      await expect(chat.error).toBeVisible({ timeout: 60_000 });
      await expect(chat.error).toContainText(says);
      await expect(chat.error).not.toContainText(/\bat \S+ \(|stack|^\s*\{/);
      await expect(chat.rows('write_file')).toHaveCount(1);
      await expect(chat.rows('write_file')).toHaveAttribute('data-state', 'done');
      expect(Workspace.forPage(page).read('hello.txt')).toBe('Hello from before the failure.\n');

      await chat.retry.click();
      await expect(chat.error).toBeHidden();
      await chat.waitUntilIdle();
      await expect(chat.rows('write_file')).toHaveCount(1);
      if (scenario === 'cut-stream') await chat.expectAssistantSays('the connection drops part of the way');
      else await chat.expectAssistantSays('All good now');
    });
  }

  test('malformed tool JSON and an unknown tool go back to the model, which recovers', async ({ page }) => {
    const chat = new ChatPanel(page);
    await chat.startProject('[scenario:bad-tool-json] Write notes');
    await chat.expectAssistantSays('notes.txt is written');
    expect(Workspace.forPage(page).read('notes.txt')).toBe('Fixed notes.\n');

    await chat.sendMessage('[scenario:unknown-tool] Deploy it');
    await chat.expectAssistantSays('That tool does not exist here');
    await expect(chat.rows('deploy_to_cloud')).toHaveAttribute('data-state', 'error');
  });

  test('Stop during a streaming write keeps earlier files and writes nothing half-done', async ({ page }) => {
    const chat = new ChatPanel(page);
    await chat.startProject('[scenario:stop-mid-write] Write two files');
    const streaming = page.locator('[data-testid="tool-row"][data-tool="write_file"][data-state="streaming"]');
    await expect(streaming).toBeVisible({ timeout: 30_000 });
    // The half-written file shows in the editor while it streams; the editor follows the newest line, so
    // which line is on screen depends on how far the stream got when Monaco appeared (Monaco draws spaces as U+00A0).
    await expect(page.getByTestId('editor').filter({ hasText: /Line\s\d+:\sthis\sfile\sstreams/ }).first()).toBeVisible({
      timeout: 15_000,
    });

    await chat.stop.click();
    await expect(page.getByTestId('chat-stopped')).toBeVisible();
    await expect(chat.send).toBeVisible();
    await expect(page.locator('[data-testid="tool-row"][data-state="interrupted"]')).toContainText('big.txt');

    const workspace = Workspace.forPage(page);
    expect(workspace.read('first.txt')).toBe('Written before Stop.\n');
    const requestsAfterStop = (await fake.requests()).length;
    await page.waitForTimeout(1500);
    expect(workspace.has('big.txt')).toBe(false);
    expect((await fake.requests()).length).toBe(requestsAfterStop);

    await page.reload();
    await expect(page.getByTestId('chat-stopped')).toBeVisible();
    expect(workspace.has('big.txt')).toBe(false);
  });

  test('edit-and-resend replaces the message and what followed; regenerate asks again', async ({ page }) => {
    const chat = new ChatPanel(page);
    await chat.startProject('What can you do?');
    await chat.waitUntilIdle();
    await expect(chat.assistantMessages).toHaveCount(1);

    await chat.userMessages.first().hover();
    await page.getByTestId('chat-edit').first().click();
    await page.getByTestId('chat-edit-input').fill('What can you build?');
    await page.getByTestId('chat-edit-send').click();
    await chat.waitUntilIdle();
    await expect(chat.userMessages).toHaveCount(1);
    await expect(chat.userMessages.first()).toContainText('What can you build?');
    await expect(chat.assistantMessages).toHaveCount(1);
    let last = (await fake.requests()).at(-1)!;
    expect(last.messages.filter((m) => m.role === 'user').map((m) => JSON.stringify(m.content))).toEqual([
      expect.stringContaining('What can you build?'),
    ]);

    const before = (await fake.requests()).length;
    await page.getByTestId('chat-regenerate').click();
    await chat.waitUntilIdle();
    await expect.poll(async () => (await fake.requests()).length).toBe(before + 1);
    await expect(chat.assistantMessages).toHaveCount(1);
    last = (await fake.requests()).at(-1)!;
    expect(last.messages.filter((m) => m.role === 'assistant')).toHaveLength(0);
  });

  test('keys typed into Settings stay in the browser and travel with each chat request', async ({ page }) => {
    const chat = new ChatPanel(page);
    await chat.startProject('Hello');
    await chat.waitUntilIdle();
    await page.getByTestId('open-settings').click();
    await page.getByRole('radio', { name: /Anthropic/ }).check();
    await page.getByTestId('settings-anthropic-key').fill('sk-ant-test-key');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-dialog')).toBeHidden();
    expect(await page.evaluate(() => localStorage.getItem('tabsmith.providerKeys.v1'))).toContain('sk-ant-test-key');

    const chatRequest = page.waitForRequest((r) => r.url().endsWith('/api/chat') && r.method() === 'POST');
    await chat.sendMessage('And again');
    const body = (await chatRequest).postDataJSON() as { keys?: { anthropic?: string }; modelId: string; fileList: string[] };
    expect(body.keys?.anthropic).toBe('sk-ant-test-key');
    expect(body.modelId).toBe('openai-compatible:fake-model');
    expect(Array.isArray(body.fileList)).toBe(true);
    await chat.waitUntilIdle();
  });
});

test('with no model configured, the offline demo builds a todo app end to end', async ({ page }) => {
  test.setTimeout(180_000);
  const chat = new ChatPanel(page);
  await chat.startProject('A todo list that remembers my tasks', DEMO_APP);
  await expect(chat.modelPicker).toHaveValue('demo:offline');
  await expect(chat.modelPicker.locator('option:checked')).toHaveText('Offline demo (not AI)');
  await expect(page.getByTestId('demo-notice')).toContainText("You're using the offline demo. It is not AI");

  await expect(chat.rows('check_preview')).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
  await chat.waitUntilIdle();
  await chat.expectAssistantSays('This is the offline demo, not AI');
  await expect(chat.rows('run_command')).toHaveCount(2);
  await expect(chat.rows('run_command').first()).toHaveAttribute('data-state', 'done');
  expect(Workspace.forPage(page, 'demo').has('index.html')).toBe(true);

  const preview = page.frameLocator('[data-testid="preview-frame"]');
  await preview.locator('#todo-text').fill('Buy milk');
  await preview.locator('#todo-text').press('Enter');
  await expect(preview.locator('#todo-list')).toContainText('Buy milk');

  await page.getByTestId('demo-open-settings').click();
  await expect(page.getByTestId('settings-dialog')).toBeVisible();
});
