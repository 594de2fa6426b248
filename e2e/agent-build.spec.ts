import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { ChatPanel, FakeLlm, Workspace, type FakeRequest } from './pages/chat';
import { WorkbenchPage } from './pages/workbench';

/** The tool result the model received for the first call of `tool` whose arguments contain `needle`. */
function toolResultFor(requests: FakeRequest[], tool: string, needle: string): string | undefined {
  for (const request of requests) {
    const messages = request.messages;
    for (let i = 0; i < messages.length; i++) {
      const call = messages[i].tool_calls?.find((c) => c.function.name === tool && c.function.arguments.includes(needle));
      if (!call) continue;
      const result = messages.slice(i + 1).find((m) => m.role === 'tool');
      if (result) return typeof result.content === 'string' ? result.content : JSON.stringify(result.content);
    }
  }
  return undefined;
}

test('“Build a counter app” writes, installs, starts and checks the app; the model sees real outcomes; export has it', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const fake = new FakeLlm(request);
  await fake.reset();
  const chat = new ChatPanel(page);
  await chat.startProject('Build a counter app');

  await expect(chat.rows('check_preview')).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
  await chat.waitUntilIdle();

  const preview = page.frameLocator('[data-testid="preview-frame"]');
  await preview.locator('#count-button').click();
  await expect(preview.locator('#count')).toHaveText('1');

  const requests = await fake.requests();
  // Step 1's request carries the first tool result; every later one carries the real outcomes so far.
  expect(FakeLlm.toolResults(requests[1]).length).toBeGreaterThan(0);
  expect(toolResultFor(requests, 'run_command', 'npm install')).toMatch(/"exit_code":\s*0/);
  expect(toolResultFor(requests, 'check_preview', '')).toMatch(/"status":\s*"ready"/);

  const { bytes } = await new WorkbenchPage(page).exportZip();
  const zipped = unzipSync(bytes);
  const workspace = Workspace.forPage(page);
  for (const file of ['package.json', 'server.mjs', 'index.html']) {
    expect(strFromU8(zipped[file])).toBe(workspace.read(file));
  }
  expect(Object.keys(zipped).some((name) => name.startsWith('node_modules/'))).toBe(false);
});
