// Temporary profiling helper for issue 4 (not part of the project; deleted after use).
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ChatPanel } from './e2e/pages/chat';
import { importFixtureProject, RuntimePanel } from './e2e/pages/runtime';
import { WorkbenchPage } from './e2e/pages/workbench';
import { benchStreamFiles } from './e2e/fake-llm/scenarios/bench-stream';
import { longTasksBetween, openBenchBrowser, pageNow, sleep } from './bench/support/browser';
import { waitForFileContent, workspaceFile } from './bench/support/workspace';

const fakeLlmUrl = 'http://127.0.0.1:3399';
const lastFile = benchStreamFiles[benchStreamFiles.length - 1];
const { page, context, close } = await openBenchBrowser();
try {
  await importFixtureProject(page, 'node-server');
  const workbench = new WorkbenchPage(page);
  const runtime = new RuntimePanel(page);
  const chat = new ChatPanel(page);
  await workbench.waitUntilOpen();
  await runtime.waitForRuntime();
  await fetch(`${fakeLlmUrl}/__requests`, { method: 'DELETE' });
  await sleep(2000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const from = await pageNow(page);
  const target = workspaceFile(workbench.projectId, lastFile.path);
  const fileSeen = waitForFileContent(target, (c) => c === lastFile.content, { timeoutMs: 300_000, intervalMs: 5 });
  const t0 = performance.now();
  await chat.sendMessage('Write the ten sections of the page. [scenario:bench-stream]');
  await fileSeen;
  const fileAt = performance.now() - t0;
  await sleep(1500);
  const { profile } = await cdp.send('Profiler.stop');
  const to = await pageNow(page);
  const tasks = await longTasksBetween(page, from, to);
  writeFileSync('/tmp/h12/profile.cpuprofile', JSON.stringify(profile));
  writeFileSync('/tmp/h12/tasks.json', JSON.stringify({ from, tasks: tasks.map((t) => ({ ...t, rel: t.start - from })), fileAt }, null, 1));
  console.log('file at', fileAt, 'tasks', tasks.slice(0, 10).map((t) => `${(t.start - from).toFixed(0)}:${t.duration.toFixed(0)}`).join(' '));
  await chat.waitUntilIdle(120_000);
} finally {
  await close();
}
