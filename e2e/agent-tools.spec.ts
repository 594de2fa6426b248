import { expect, test } from '@playwright/test';
import { LINES_TXT, PROMPT_COMMAND, PROMPT_TEXT, TOOLS_APP_HEADING } from './fake-llm/scenarios/agent-tools';
import { HELD_FIRST, HELD_SECOND } from './fake-llm/scenarios/preview-held';
import { MISSING_MODULE, VITE_APP_FIRST, VITE_APP_SECOND } from './fake-llm/scenarios/agent-vite';
import { ChatPanel, FakeLlm, Workspace, type FakeRequest } from './pages/chat';
import { RuntimePanel } from './pages/runtime';

interface RecordedCall {
  tool: string;
  args: Record<string, unknown>;
  /** The tool result the model was sent, parsed when it is JSON. */
  result: unknown;
  text: string;
}

/** Every tool call the model made, with the result it was sent, in order (each taken from the first request that carried it). */
function recordedCalls(requests: FakeRequest[]): RecordedCall[] {
  const calls = new Map<string, RecordedCall>();
  for (const request of requests) {
    const messages = request.messages as (FakeRequest['messages'][number] & {
      tool_call_id?: string;
      tool_calls?: { id: string; function: { name: string; arguments: string } }[];
    })[];
    const pending = new Map<string, { tool: string; args: Record<string, unknown> }>();
    for (const message of messages) {
      for (const call of message.tool_calls ?? []) {
        pending.set(call.id, { tool: call.function.name, args: JSON.parse(call.function.arguments || '{}') as Record<string, unknown> });
      }
      if (message.role !== 'tool' || !message.tool_call_id || calls.has(message.tool_call_id)) continue;
      const call = pending.get(message.tool_call_id);
      if (!call) continue;
      const text = typeof message.content === 'string' ? message.content : JSON.stringify(message.content);
      let result: unknown = text;
      try {
        result = JSON.parse(text);
      } catch {
        // Errors reach the model as plain text.
      }
      calls.set(message.tool_call_id, { ...call, result, text });
    }
  }
  return [...calls.values()];
}

function callsOf(requests: FakeRequest[], tool: string, command?: string): RecordedCall[] {
  return recordedCalls(requests).filter((c) => c.tool === tool && (command === undefined || c.args.command === command));
}

/** Opens a project, waits for its runtime, then sends `message`, so the scenario's first command has a runtime to run in. */
async function startWithRuntime(chat: ChatPanel, message: string): Promise<void> {
  await chat.startProject('Hello');
  await chat.waitUntilIdle();
  await new RuntimePanel(chat.page).waitForRuntime();
  await chat.sendMessage(message);
}

interface ProcessRow {
  id: string;
  command: string;
  running: boolean;
  ports: number[];
}

test('the agent’s tools: foreground dev server, no second copy, prompts, search/read/move, processes', async ({ page, request }) => {
  test.setTimeout(300_000);
  const fake = new FakeLlm(request);
  await fake.reset();
  const chat = new ChatPanel(page);
  const preview = page.frameLocator('[data-testid="preview-frame"]');

  // Acceptance 2: a foreground `npm run dev` comes back once the port opens and keeps running.
  await startWithRuntime(chat, '[scenario:agent-tools-1] Build the tools app');
  await chat.expectAssistantSays('The dev server is running.', 150_000);
  await chat.waitUntilIdle();
  let requests = await fake.requests();
  const [firstDev] = callsOf(requests, 'run_command', 'npm run dev');
  expect(firstDev.args.background).toBeUndefined();
  expect(firstDev.result).toMatchObject({ started: true, id: expect.any(String) });
  const devId = (firstDev.result as { id: string }).id;
  const devPorts = (firstDev.result as { ports: number[] }).ports;
  expect(devPorts.length).toBe(1);
  await expect(preview.locator('#heading')).toHaveText(TOOLS_APP_HEADING, { timeout: 30_000 });

  // Acceptance 4, 3 and 5: the second `npm run dev` is the same process; the prompt is quoted; file tools.
  await chat.sendMessage('[scenario:agent-tools-2] Check everything');
  await chat.expectAssistantSays('Checked the files and processes.', 150_000);
  await chat.waitUntilIdle();
  requests = await fake.requests();

  const devCalls = callsOf(requests, 'run_command', 'npm run dev');
  expect(devCalls).toHaveLength(2);
  expect(devCalls[1].result).toMatchObject({ already_running: true, id: devId, ports: devPorts });
  expect(devCalls[1].text).not.toContain('EADDRINUSE');

  const [prompted] = callsOf(requests, 'run_command', PROMPT_COMMAND);
  expect(prompted.result).toMatchObject({ waiting_for_input: true, exit_code: null });
  expect((prompted.result as { prompt: string }).prompt).toContain(PROMPT_TEXT.trim());
  expect((prompted.result as { note: string }).note).toContain(PROMPT_TEXT.trim());

  const [search] = callsOf(requests, 'search_files');
  expect(search.result).toMatchObject({ truncated: false });
  const matches = (search.result as { matches: { path: string; line: number; text: string }[] }).matches;
  expect(matches.map((m) => `${m.path}:${m.line}`).sort()).toEqual(['src/notes/deep/second.txt:1', 'src/notes/first.txt:2']);
  expect(matches.find((m) => m.path === 'src/notes/first.txt')?.text).toContain('NEEDLE_41 in first');

  const [ranged] = callsOf(requests, 'read_file');
  expect(ranged.result).toMatchObject({ content: 'line 4\nline 5\n', total_lines: LINES_TXT.split('\n').length - 1 });

  const [moved] = callsOf(requests, 'move_file');
  expect(moved.result).toMatchObject({ ok: true });
  const workspace = Workspace.forPage(page);
  expect(workspace.read('docs/notes/first.txt')).toBe('alpha\nNEEDLE_41 in first\nomega\n');
  expect(workspace.read('docs/notes/deep/second.txt')).toBe('NEEDLE_42 in second\n');
  expect(workspace.has('src/notes')).toBe(false);
  const [listed] = callsOf(requests, 'list_files');
  const files = (listed.result as { files: string[] }).files;
  expect(files).toEqual(expect.arrayContaining(['docs/notes/first.txt', 'docs/notes/deep/second.txt']));
  expect(files.some((f) => f.startsWith('src/notes'))).toBe(false);

  const [processes] = callsOf(requests, 'list_processes');
  const rows = (processes.result as { processes: ProcessRow[] }).processes;
  const devRows = rows.filter((p) => p.command === 'npm run dev');
  expect(devRows).toEqual([expect.objectContaining({ id: devId, running: true, ports: devPorts })]);
  expect(rows.find((p) => p.command === PROMPT_COMMAND)).toMatchObject({ running: false });
  // The app kept running through the second start.
  await expect(preview.locator('#heading')).toHaveText(TOOLS_APP_HEADING);

  // The dev server's own preview URL serves the app until stop_process.
  const devUrl = new URL((firstDev.result as { urls: string[] }).urls[0], page.url()).toString();
  const probe = await page.context().newPage();
  await probe.goto(devUrl);
  await expect(probe.locator('#heading')).toHaveText(TOOLS_APP_HEADING);

  // Acceptance 5: process_output and stop_process close the port.
  await chat.sendMessage('[scenario:agent-tools-3] Stop the server');
  await chat.expectAssistantSays('Stopped the dev server.', 150_000);
  await chat.waitUntilIdle();
  requests = await fake.requests();
  const [output] = callsOf(requests, 'process_output');
  expect(output.args.id).toBe(devId);
  expect(output.result).toMatchObject({ id: devId, command: 'npm run dev', running: true });
  expect((output.result as { output: string }).output).toContain('node server.mjs');
  const [stopped] = callsOf(requests, 'stop_process');
  expect(stopped.args.id).toBe(devId);
  expect(stopped.result).toMatchObject({ ok: true, id: devId });
  const afterStop = (callsOf(requests, 'list_processes').at(-1)?.result as { processes: ProcessRow[] }).processes;
  expect(afterStop.find((p) => p.id === devId)).toMatchObject({ running: false, ports: [] });
  expect(afterStop.some((p) => p.running && p.ports.includes(devPorts[0]))).toBe(false);
  await probe.goto(devUrl).catch(() => null);
  await expect(probe.locator('#heading')).toHaveCount(0);
});

test('a write the runtime cannot take fails write_file, and the model is told why', async ({ page, request }) => {
  test.setTimeout(180_000);
  const fake = new FakeLlm(request);
  await fake.reset();
  const chat = new ChatPanel(page);
  await startWithRuntime(chat, '[scenario:sync-fails] Write the file');
  await chat.expectAssistantSays('Tried to write it.', 150_000);
  await chat.waitUntilIdle();
  const requests = await fake.requests();
  expect(callsOf(requests, 'run_command', 'mkdir -p blocked/inner')[0].result).toMatchObject({ exit_code: 0 });
  const [write] = callsOf(requests, 'write_file');
  expect(write.text).toContain('the running app did not get it');
  expect(write.text).toContain('"blocked" could not be copied to the running app');
  expect(write.text).not.toMatch(/"ok":\s*true/);
  // The runtime still has its folder: nothing claimed a file that is not there.
  expect(Workspace.forPage(page).has('blocked/inner')).toBe(true);
});

test('a first command sent as the project opens waits for the runtime that is still starting', async ({ page, request }) => {
  test.setTimeout(180_000);
  const fake = new FakeLlm(request);
  await fake.reset();
  const chat = new ChatPanel(page);
  // The home page's prompt goes out as the workbench opens, before its runtime is up.
  await chat.startProject('[scenario:sync-fails] Write the file');
  await chat.expectAssistantSays('Tried to write it.', 150_000);
  await chat.waitUntilIdle();
  const [first] = callsOf(await fake.requests(), 'run_command', 'mkdir -p blocked/inner');
  expect(first.text).not.toContain('No runtime is running');
  expect(first.result).toMatchObject({ exit_code: 0 });
  expect(Workspace.forPage(page).has('blocked/inner')).toBe(true);
});

interface PreviewCheck {
  status: string;
  url: string | null;
  errors: { message: string; source?: string }[];
}

test('a Vite + React + TypeScript + Tailwind 4 app from the registry: styles applied, an edit hot-updates, an import error is reported', async ({
  page,
  request,
}) => {
  test.setTimeout(900_000);
  const fake = new FakeLlm(request);
  await fake.reset();
  const chat = new ChatPanel(page);
  const preview = page.frameLocator('[data-testid="preview-frame"]');

  // Acceptance 1: the whole app in one step, a real `npm install` in the foreground, `npm run dev` in the background.
  await startWithRuntime(chat, '[scenario:agent-vite-1] Build a Tailwind app');
  await chat.expectAssistantSays('The Tailwind app is running.', 720_000);
  await chat.waitUntilIdle();
  let requests = await fake.requests();
  expect(recordedCalls(requests).filter((c) => c.tool === 'write_file').map((c) => c.result)).toEqual(
    Array.from({ length: 7 }, () => expect.objectContaining({ ok: true })),
  );
  const [install] = callsOf(requests, 'run_command', 'npm install');
  expect(install.result).toMatchObject({ exit_code: 0, timed_out: false });
  const [dev] = callsOf(requests, 'run_command', 'npm run dev');
  expect(dev.result).toMatchObject({ started: true });
  const workspace = Workspace.forPage(page);
  expect(workspace.has('node_modules/@tailwindcss/vite/package.json')).toBe(true);
  expect(workspace.has('tailwind.config.js')).toBe(false);

  // Tailwind's utilities are in effect: without them the card has no padding and no background.
  const card = preview.locator('#card');
  // Tailwind builds the stylesheet on the first request; on a busy shared machine that takes a while.
  await expect(preview.locator('#headline')).toHaveText(VITE_APP_FIRST, { timeout: 240_000 });
  await expect(card).toHaveCSS('padding-top', '32px');
  await expect(card).toHaveCSS('color', 'rgb(255, 255, 255)');
  const red = await card.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(red).not.toBe('rgba(0, 0, 0, 0)');

  // A follow-up turn edits the file; the page updates in place (the marker on its window survives).
  const runtime = new RuntimePanel(page);
  await runtime.markPreviewWindow();
  await chat.sendMessage('[scenario:agent-vite-2] Make it blue and change the title');
  await chat.expectAssistantSays('Changed the colour and the title.', 120_000);
  await chat.waitUntilIdle();
  await expect(preview.locator('#headline')).toHaveText(VITE_APP_SECOND, { timeout: 120_000 });
  await expect.poll(() => card.evaluate((el) => getComputedStyle(el).backgroundColor), { timeout: 120_000 }).not.toBe(red);
  expect(await runtime.previewKeptMark()).toBe(true);
  requests = await fake.requests();
  const [edited] = callsOf(requests, 'edit_file');
  expect(edited.result).toMatchObject({ ok: true, applied: 2 });

  // Acceptance 6: an import of a module that does not exist. Checked at once, the preview is not ready; the import error is reported.
  await chat.sendMessage('[scenario:agent-vite-3] Add a badge');
  await chat.expectAssistantSays('The preview reports a missing module.', 120_000);
  await chat.waitUntilIdle();
  requests = await fake.requests();
  const [atOnce, again] = callsOf(requests, 'check_preview').map((c) => c.result as PreviewCheck);
  expect(atOnce.status).not.toBe('ready');
  expect(again.status).toBe('error');
  const messages = again.errors.map((e) => e.message).join('\n');
  expect(messages).toContain(`Failed to resolve import "${MISSING_MODULE}"`);
});

test('check_preview after an edit the preview has not loaded yet says not-loaded, then ready once it has', async ({ page, request }) => {
  test.setTimeout(240_000);
  const fake = new FakeLlm(request);
  await fake.reset();
  const chat = new ChatPanel(page);
  const preview = page.frameLocator('[data-testid="preview-frame"]');
  await startWithRuntime(chat, '[scenario:preview-held-1] Start the held page');
  await chat.expectAssistantSays('The held page is up.', 150_000);
  await chat.waitUntilIdle();
  await expect(preview.locator('#heading')).toHaveText(HELD_FIRST, { timeout: 30_000 });

  // The server holds every answer while hold.txt exists, so the reload after the edit cannot finish.
  await chat.sendMessage('[scenario:preview-held-2] Change the heading');
  await chat.expectAssistantSays('Checked the preview twice.', 150_000);
  await chat.waitUntilIdle();
  const requests = await fake.requests();
  expect(callsOf(requests, 'edit_file')[0].result).toMatchObject({ ok: true });
  const [held, released] = callsOf(requests, 'check_preview').map((c) => c.result as PreviewCheck);
  expect(held).toMatchObject({ status: 'not-loaded', errors: [], url: expect.any(String) });
  expect(released).toMatchObject({ status: 'ready', errors: [] });
  await expect(preview.locator('#heading')).toHaveText(HELD_SECOND);
});
