import { expect, test } from '@playwright/test';
import { RELOAD_MID_TURN_TWO_TXT } from './fake-llm/scenarios/reload-mid-turn';
import { ChatPanel, FakeLlm, Workspace } from './pages/chat';
import { WorkbenchPage } from './pages/workbench';

const INTERRUPTED = 'Interrupted before this finished';

test.describe('a turn cut off by a reload', () => {
  let fake: FakeLlm;

  test.beforeEach(async ({ request }) => {
    fake = new FakeLlm(request);
    await fake.reset();
  });

  test('reloaded right after a file appears and during a command: every file shown is kept, and Continue finishes the turn', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const chat = new ChatPanel(page);
    const workbench = new WorkbenchPage(page);
    const notice = page.getByTestId('chat-interrupted');
    const summary = page.getByTestId('chat-interrupted-summary');
    const continueButton = page.getByTestId('chat-interrupted-continue');
    await chat.startProject('[scenario:reload-mid-turn] Make three files and install');
    const workspace = Workspace.forPage(page);

    // Reload the moment the first file is shown as created, as the next step begins to stream.
    await expect(chat.rows('write_file').filter({ hasText: 'one.txt' })).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await page.reload();

    await expect(workbench.treeItem('one.txt')).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => workspace.has('one.txt') && workspace.read('one.txt'), { timeout: 30_000 }).toBe('The first file.\n');
    await expect(summary).toHaveText(/^Interrupted\. Done: wrote 1 file\. Not done: (writing two\.txt|the agent's next step)\.$/, {
      timeout: 30_000,
    });
    await expect(chat.rows('write_file').filter({ hasText: 'one.txt' })).toHaveAttribute('data-state', 'done');
    expect(workspace.has('two.txt')).toBe(false);

    // Continue: the next request carries the finished write's result and no new message from the person.
    const requestsBefore = (await fake.requests()).length;
    await continueButton.click();
    await expect(notice).toBeHidden();
    const command = chat.rows('run_command');
    await expect(command).toHaveAttribute('data-state', 'running', { timeout: 90_000 });
    const continued = (await fake.requests())[requestsBefore];
    expect(FakeLlm.toolResults(continued)).toEqual([expect.stringMatching(/"ok":\s*true/)]);
    expect(continued.messages.filter((m) => m.role === 'user')).toHaveLength(1);
    // Reload while the command runs: its row says running as soon as its input is complete, so wait for the write before
    // it to have finished too, or the reload lands before the command started.
    await expect(chat.rows('write_file').filter({ hasText: 'slow.js' })).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect.poll(() => workspace.has('slow.js'), { timeout: 30_000 }).toBe(true);
    await page.reload();

    for (const file of ['one.txt', 'two.txt', 'slow.js']) await expect(workbench.treeItem(file)).toBeVisible({ timeout: 30_000 });
    await expect
      .poll(() => ['one.txt', 'two.txt', 'slow.js'].every((file) => workspace.has(file)) && workspace.read('two.txt'), { timeout: 30_000 })
      .toBe(RELOAD_MID_TURN_TWO_TXT);
    await expect(summary).toHaveText('Interrupted. Done: wrote 3 files. Not done: node slow.js.', { timeout: 30_000 });
    await expect(command).toHaveAttribute('data-state', 'error');

    // The second Continue tells the model which step finished and which did not; the turn then ends.
    const beforeSecond = (await fake.requests()).length;
    await continueButton.click();
    await chat.expectAssistantSays('All three files are written');
    await chat.waitUntilIdle();
    await expect(notice).toBeHidden();
    const last = (await fake.requests())[beforeSecond];
    const results = FakeLlm.toolResults(last);
    expect(results.filter((r) => /"ok":\s*true/.test(r))).toHaveLength(3);
    expect(results.at(-1)).toContain(INTERRUPTED);

    // Finished for good: a reload offers nothing more to continue.
    await page.reload();
    await expect(chat.assistantMessages.last()).toContainText('All three files are written');
    await expect(chat.rows('write_file')).toHaveCount(3);
    await expect(notice).toBeHidden();
  });

  test('reloaded while a file streams: the files before it are kept, the half-streamed one is not written, and Continue goes on', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const chat = new ChatPanel(page);
    const workbench = new WorkbenchPage(page);
    const summary = page.getByTestId('chat-interrupted-summary');
    await chat.startProject('[scenario:reload-mid-turn] Make three files and install');
    const workspace = Workspace.forPage(page);

    // two.txt streams for about a minute the first time: the reload lands in the middle of its input.
    const streaming = chat.rows('write_file').filter({ hasText: 'two.txt' });
    await expect(streaming).toHaveAttribute('data-state', 'streaming', { timeout: 60_000 });
    await page.reload();

    await expect(workbench.treeItem('one.txt')).toBeVisible({ timeout: 30_000 });
    // A tool call's input is not stored while it streams, so the summary may only know that a next step was under way.
    await expect(summary).toHaveText(/^Interrupted\. Done: wrote 1 file\. Not done: (writing two\.txt|the agent's next step)\.$/, {
      timeout: 30_000,
    });
    await expect.poll(() => workspace.has('one.txt') && workspace.read('one.txt'), { timeout: 30_000 }).toBe('The first file.\n');
    expect(workspace.has('two.txt')).toBe(false);
    await expect(workbench.treeItem('two.txt')).toHaveCount(0);

    // Continue asks for the step again: two.txt is written whole this time and the turn goes on to its command.
    const requestsBefore = (await fake.requests()).length;
    await page.getByTestId('chat-interrupted-continue').click();
    await expect(page.getByTestId('chat-interrupted')).toBeHidden();
    await expect.poll(() => workspace.has('two.txt') && workspace.read('two.txt'), { timeout: 60_000 }).toBe(RELOAD_MID_TURN_TWO_TXT);
    await expect(chat.rows('run_command')).toHaveAttribute('data-state', 'running', { timeout: 90_000 });
    const continued = (await fake.requests())[requestsBefore];
    expect(FakeLlm.toolResults(continued)[0]).toMatch(/"ok":\s*true/);
    expect(continued.messages.filter((m) => m.role === 'user')).toHaveLength(1);
    await chat.stop.click();
    await expect(page.getByTestId('chat-stopped')).toBeVisible();
  });
});
