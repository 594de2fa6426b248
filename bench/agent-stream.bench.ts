// A ~300 KB scripted response (ten write_file calls) replayed at 2,000 tokens/s by the fake model (scenario `bench-stream`).
// Budgets: no main-thread task over 100 ms in the IDE while it streams; the last file in the runtime within 250 ms of the
// stream's end.
import type { Request } from '@playwright/test';
import { performance } from 'node:perf_hooks';
import { ChatPanel } from '../e2e/pages/chat';
import { importFixtureProject, RuntimePanel } from '../e2e/pages/runtime';
import { WorkbenchPage } from '../e2e/pages/workbench';
import { benchStreamChars, benchStreamFiles } from '../e2e/fake-llm/scenarios/bench-stream';
import { printRows, type BenchRow } from './report';
import { longTasksBetween, openBenchBrowser, pageNow, sleep } from './support/browser';
import { waitForFileContent, workspaceFile } from './support/workspace';

const fakeLlmUrl = process.env.BENCH_FAKE_LLM_URL ?? 'http://127.0.0.1:3399';
const lastFile = benchStreamFiles[benchStreamFiles.length - 1];
const streamedChars = benchStreamChars();

/** Epoch milliseconds (the clock Playwright's request timings use). */
const epochNow = () => performance.timeOrigin + performance.now();

/** When the first /api/chat response after `sinceEpoch` finished arriving in the browser, in epoch milliseconds. */
function chatStreamEnd(page: import('@playwright/test').Page, sinceEpoch: number): Promise<{ startedAt: number; endedAt: number }> {
  return new Promise((resolve) => {
    const onFinished = (request: Request) => {
      if (!request.url().endsWith('/api/chat') || request.method() !== 'POST') return;
      const seenAt = epochNow();
      const timing = request.timing();
      if (timing.startTime < sinceEpoch) return;
      page.off('requestfinished', onFinished);
      // responseEnd is -1 when the browser did not report it; the event's arrival is then the (slightly late) end.
      resolve({ startedAt: timing.startTime, endedAt: timing.responseEnd >= 0 ? timing.startTime + timing.responseEnd : seenAt });
    };
    page.on('requestfinished', onFinished);
  });
}

const { page, close } = await openBenchBrowser();
try {
  await importFixtureProject(page, 'node-server');
  const workbench = new WorkbenchPage(page);
  const runtime = new RuntimePanel(page);
  const chat = new ChatPanel(page);
  await workbench.waitUntilOpen();
  await runtime.waitForRuntime();
  await fetch(`${fakeLlmUrl}/__requests`, { method: 'DELETE' });
  // Page load and runtime start-up have their own long tasks; the measure is the stream's.
  await sleep(2000);

  const target = workspaceFile(workbench.projectId, lastFile.path);
  const from = await pageNow(page);
  const sentAt = epochNow();
  const streamEnd = chatStreamEnd(page, sentAt - 1000);
  const lastFileOnDisk = waitForFileContent(target, (content) => content === lastFile.content, {
    timeoutMs: 300_000,
    intervalMs: 5,
  });
  await chat.sendMessage('Write the ten sections of the page. [scenario:bench-stream]');

  const { startedAt, endedAt } = await streamEnd;
  const streamEndOnPage = await pageNow(page);
  const fileAt = performance.timeOrigin + (await lastFileOnDisk);
  const tasks = await longTasksBetween(page, from, streamEndOnPage);
  await chat.waitUntilIdle(120_000);

  const longest = tasks[0]?.duration ?? 0;
  const over = tasks.filter((task) => task.duration > 100).length;
  const seconds = (endedAt - startedAt) / 1000;
  const tokensPerSecond = streamedChars / 4 / seconds;
  const lag = fileAt - endedAt;
  const rows: BenchRow[] = [
    {
      measure: `Agent stream of ${(streamedChars / 1000).toFixed(0)} KB at ~${tokensPerSecond.toFixed(0)} tokens/s (${seconds.toFixed(1)} s): longest main-thread task (${over} over 100 ms, ${tasks.length} ≥ 50 ms)`,
      figure: `${longest.toFixed(0)} ms`,
      budget: 'none > 100 ms',
      ok: over === 0,
    },
    {
      measure: `Agent stream: last file in the runtime after the stream's end (${lastFile.path}; negative = before the end)`,
      figure: `${lag.toFixed(0)} ms`,
      budget: '< 250 ms',
      ok: lag < 250,
    },
  ];
  printRows(rows);
} finally {
  await close();
}
