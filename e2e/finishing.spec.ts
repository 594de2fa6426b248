import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';
import {
  CRASH_MESSAGE,
  DISCUSS_ANSWER,
  EXTRA_TXT,
  NOTES_TXT,
  STILL_BROKEN,
  versionedIndexHtml,
} from './fake-llm/scenarios/finishing';
import { ChatPanel, FakeLlm, Workspace, type FakeRequest } from './pages/chat';
import { TINY_PNG, TurnsPanel } from './pages/finishing';

type RecordedRequest = FakeRequest & { tools?: { function?: { name?: string } }[] };

function lastUserContent(request: FakeRequest): string {
  const user = request.messages.filter((m) => m.role === 'user').at(-1);
  return JSON.stringify(user?.content ?? '');
}

test.describe('finishing an app: checkpoints, changes, honest status, fixing', () => {
  let fake: FakeLlm;

  test.beforeEach(async ({ request }) => {
    fake = new FakeLlm(request);
    await fake.reset();
  });

  test('three turns: Changes shows the exact edit; restore to before turn 2 brings turn 1 back; undo; select in preview', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const chat = new ChatPanel(page);
    const turns = new TurnsPanel(page);
    await chat.startProject('[scenario:three-turns-1] Build version 1');
    await chat.expectAssistantSays('Version 1 is up.');
    await chat.waitUntilIdle();
    await expect(turns.preview.locator('#version')).toHaveText('Version 1', { timeout: 30_000 });
    await expect(chat.assistantMessages.last().getByTestId('turn-status')).toHaveText('Running, no errors');

    await chat.sendMessage('[scenario:three-turns-2] Make it version 2');
    await chat.expectAssistantSays('Version 2 is in place.');
    await chat.waitUntilIdle();
    // The static server has no live reload: the IDE reloads the preview so the status is measured.
    await expect(turns.preview.locator('#version')).toHaveText('Version 2', { timeout: 30_000 });
    await expect(chat.assistantMessages.last().getByTestId('turn-status')).toHaveText('Running, no errors');
    await expect(chat.assistantMessages.last().getByTestId('turn-claim-mismatch')).toHaveCount(0);
    await chat.sendMessage('[scenario:three-turns-3] Make it version 3');
    await chat.expectAssistantSays('Version 3 is in place.');
    await chat.waitUntilIdle();

    const workspace = Workspace.forPage(page);
    expect(workspace.read('index.html')).toBe(versionedIndexHtml(3));
    await expect(chat.userMessages.getByTestId('checkpoint-restore')).toHaveCount(3);

    // The Changes view of turn 2: counts in the footer, the files, the exact lines of the edit.
    const turn2 = chat.assistantMessages.nth(1);
    await expect(turn2.getByTestId('turn-changes')).toContainText('3 files');
    await expect(turn2.getByTestId('turn-changes')).toContainText('+2 −2');
    await turn2.getByTestId('turn-changes').click();
    await expect(turns.changedFile('index.html')).toHaveAttribute('data-kind', 'edited');
    await expect(turns.changedFile('extra.txt')).toHaveAttribute('data-kind', 'added');
    await expect(turns.changedFile('notes.txt')).toHaveAttribute('data-kind', 'deleted');
    await turns.changedFile('index.html').click();
    await expect(turns.diffLines('index.html', 'removed')).toHaveText([/^-\s+<h1 id="version">Version 1<\/h1>$/]);
    await expect(turns.diffLines('index.html', 'added')).toHaveText([/^\+\s+<h1 id="version">Version 2<\/h1>$/]);
    await expect(turns.changesDialog.locator('.monaco-diff-editor')).toBeVisible();
    // The one diff on screen shows both versions of the edited line.
    await expect(turns.changesDialog.locator('.monaco-diff-editor .editor.original')).toContainText('<h1 id="version">Version 1</h1>');
    await expect(turns.changesDialog.locator('.monaco-diff-editor .editor.modified')).toContainText('<h1 id="version">Version 2</h1>');
    await page.getByTestId('changes-close').click();
    await expect(turns.changesDialog).toBeHidden();

    // Restore to before turn 2: the files are turn 1's, byte for byte, and the app shows them.
    await chat.userMessages.nth(1).getByTestId('checkpoint-restore').click();
    await expect(turns.restoreNotice).toHaveAttribute('data-phase', 'restored', { timeout: 60_000 });
    await expect(turns.restoreNotice).toContainText('Restored');
    expect(workspace.read('index.html')).toBe(versionedIndexHtml(1));
    expect(workspace.read('notes.txt')).toBe(NOTES_TXT);
    expect(workspace.has('extra.txt')).toBe(false);
    await expect(turns.preview.locator('#version')).toHaveText('Version 1', { timeout: 30_000 });
    await turns.preview.locator('#count-button').click();
    await expect(turns.preview.locator('#count')).toHaveText('1');

    // Undo the restore: turn 3's files are back.
    await turns.undoRestore.click();
    await expect(turns.restoreNotice).toHaveAttribute('data-phase', 'undone', { timeout: 60_000 });
    expect(workspace.read('index.html')).toBe(versionedIndexHtml(3));
    expect(workspace.read('extra.txt')).toBe(EXTRA_TXT);
    expect(workspace.has('notes.txt')).toBe(false);
    await expect(turns.preview.locator('#version')).toHaveText('Version 3', { timeout: 30_000 });

    // Select in preview: the clicked element becomes a chip and goes with the next message.
    await turns.selectToggle.click();
    await expect(turns.selectToggle).toHaveAttribute('aria-pressed', 'true');
    await turns.preview.locator('#count-button').click();
    await expect(turns.elementChips).toHaveText([/<button> Count: 0/]);
    await expect(turns.selectToggle).toHaveAttribute('aria-pressed', 'false');
    // Picking swallowed the click: the app did not count it.
    await expect(turns.preview.locator('#count')).toHaveText('0');
    await chat.sendMessage('[scenario:discuss] Make this button bigger');
    await expect(chat.userMessages.last().getByTestId('chat-message-element')).toHaveText('<button> Count: 0');
    await expect(turns.elementChips).toHaveCount(0);
    await chat.waitUntilIdle();
    const sent = lastUserContent((await fake.requests()).at(-1)!);
    expect(sent).toContain('#count-button');
    expect(sent).toContain('Count: 0');
  });

  test('the app throws after the agent says it works: the status says so, and Fix it sends the real error', async ({ page }) => {
    const chat = new ChatPanel(page);
    await chat.startProject('[scenario:claims-works] Make a counter');
    await chat.expectAssistantSays('Done, it works!');
    await chat.waitUntilIdle();

    const turn = chat.assistantMessages.last();
    await expect(turn.getByTestId('turn-status')).toHaveText(/^Running, with \d+ errors?$/, { timeout: 30_000 });
    await expect(turn.getByTestId('turn-claim-mismatch')).toHaveText(/^The assistant said the app works, but the preview has \d+ errors?\.$/);
    await expect(turn.getByTestId('turn-problems')).toContainText(CRASH_MESSAGE);

    const before = (await fake.requests()).length;
    await turn.getByTestId('fix-it').click();
    await expect.poll(async () => (await fake.requests()).length).toBeGreaterThan(before);
    const fixRequest = (await fake.requests())[before];
    const asked = lastUserContent(fixRequest);
    expect(asked).toContain(CRASH_MESSAGE);
    expect(asked).toContain('index.html');
    await chat.waitUntilIdle();
  });

  test('a fix that keeps failing: the agent stops after two attempts and says so', async ({ page }) => {
    // Three sandboxed `npm run build`s: on a loaded 2-core machine one alone has taken 30 s.
    test.setTimeout(240_000);
    const chat = new ChatPanel(page);
    await chat.startProject('[scenario:keeps-failing] Build it');
    const turn = chat.assistantMessages.last();
    await expect(page.getByTestId('fix-limit-note')).toContainText('Tried to fix it twice; stopping here.', { timeout: 180_000 });
    await expect(page.getByTestId('fix-limit-note')).toContainText(STILL_BROKEN);
    await chat.waitUntilIdle();
    // Write, build, fix, build, fix, build: the third fix is never asked for.
    expect(await fake.requests()).toHaveLength(6);
    await page.waitForTimeout(1000);
    expect(await fake.requests()).toHaveLength(6);
    expect(Workspace.forPage(page).read('fix.txt')).toBe('attempt 2\n');
    await expect(turn.getByTestId('fix-it')).toBeVisible();
    await expect(turn.getByTestId('turn-status')).toHaveText(/Not running|Running, with/);
  });

  test('images: picked and pasted PNGs reach the model as image parts; too-big images are refused plainly', async ({ page }) => {
    const chat = new ChatPanel(page);
    const turns = new TurnsPanel(page);
    await chat.startProject('Hello');
    await chat.waitUntilIdle();

    await turns.attachInput.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(6 * 1024 * 1024) });
    await expect(turns.attachNote).toContainText('huge.png is 6 MB; images can be at most 5 MB');
    await expect(turns.attachments).toHaveCount(0);

    await turns.attachInput.setInputFiles({ name: 'sketch.png', mimeType: 'image/png', buffer: TINY_PNG });
    await turns.pasteImage(TINY_PNG);
    await expect(turns.attachments).toHaveCount(2);
    await chat.sendMessage('What do you see in these?');
    await expect(chat.userMessages.last().getByTestId('chat-message-image')).toHaveCount(2);
    await chat.waitUntilIdle();

    const request = (await fake.requests()).at(-1)!;
    const user = request.messages.filter((m) => m.role === 'user').at(-1)!;
    const parts = user.content as { type: string; image_url?: { url: string } }[];
    const images = parts.filter((p) => p.type === 'image_url');
    expect(images).toHaveLength(2);
    expect(images[0].image_url?.url).toBe(`data:image/png;base64,${TINY_PNG.toString('base64')}`);

    // The next turn uploads a note where the images were, not the images again; the chat still shows them.
    const nextRequest = page.waitForRequest((r) => r.url().endsWith('/api/chat') && r.method() === 'POST');
    await chat.sendMessage('Thanks, that is all');
    const sent = (await nextRequest).postDataJSON() as { messages: { role: string; parts: { type: string; text?: string }[] }[] };
    const earlier = sent.messages.filter((m) => m.role === 'user').at(-2)!;
    expect(earlier.parts.filter((p) => p.type === 'file')).toHaveLength(0);
    expect(earlier.parts.map((p) => p.text ?? '').join('\n')).toContain('An image (sketch.png) was attached here');
    expect(JSON.stringify(sent)).not.toContain(TINY_PNG.toString('base64'));
    await chat.waitUntilIdle();
    await expect(chat.userMessages.nth(1).getByTestId('chat-message-image')).toHaveCount(2);
  });

  test('discussion mode answers a question and changes no file', async ({ page }) => {
    const chat = new ChatPanel(page);
    const turns = new TurnsPanel(page);
    await chat.startProject('[scenario:edit-retry] Change the greeting');
    await chat.expectAssistantSays('The greeting now says');
    await chat.waitUntilIdle();
    const workspace = Workspace.forPage(page);
    const filesBefore = readdirSync(workspace.dir).sort();

    await turns.mode('discuss').click();
    await expect(turns.mode('discuss')).toHaveAttribute('aria-pressed', 'true');
    const chatRequest = page.waitForRequest((r) => r.url().endsWith('/api/chat') && r.method() === 'POST');
    await chat.sendMessage('[scenario:discuss] What does this project do?');
    expect(((await chatRequest).postDataJSON() as { mode: string }).mode).toBe('discuss');
    await chat.expectAssistantSays(DISCUSS_ANSWER);
    await chat.waitUntilIdle();

    const recorded = (await fake.requests()).at(-1) as RecordedRequest;
    const tools = (recorded.tools ?? []).map((t) => t.function?.name);
    expect(tools).toContain('list_files');
    for (const name of ['write_file', 'edit_file', 'delete_file', 'run_command']) expect(tools).not.toContain(name);
    expect(readdirSync(workspace.dir).sort()).toEqual(filesBefore);
    expect(workspace.read('greeting.txt')).toBe('Hi there, world!\n');
    await expect(chat.userMessages.last().getByTestId('checkpoint-restore')).toHaveCount(0);
    await expect(chat.assistantMessages.last().getByTestId('turn-changes')).toHaveCount(0);
  });
});
