// 20,000 lines of command output through a user terminal tab: the longest main-thread task meanwhile (budget: under 200 ms).
import { performance } from 'node:perf_hooks';
import { importFixtureProject, RuntimePanel } from '../e2e/pages/runtime';
import { printRows } from './report';
import { longTasksBetween, openBenchBrowser, pageNow, sleep } from './support/browser';

const LINES = 20_000;

const { page, close } = await openBenchBrowser();
try {
  await importFixtureProject(page, 'node-server');
  const runtime = new RuntimePanel(page);
  await runtime.waitForRuntime();
  await runtime.openShell();
  // Page load and shell start-up have their own long tasks; the measure is the output's.
  await sleep(2000);

  const from = await pageNow(page);
  const start = performance.now();
  await runtime.typeInShell(`seq 1 ${LINES}`);
  await runtime.expectTerminalLine(new RegExp(`^${LINES}$`), 120_000);
  const elapsed = performance.now() - start;
  // Rendering may trail the last line by a frame or two.
  await sleep(500);
  const tasks = await longTasksBetween(page, from);
  const longest = tasks[0]?.duration ?? 0;
  const over = tasks.filter((task) => task.duration >= 200).length;

  printRows([
    {
      measure: `Terminal, ${LINES.toLocaleString('en')} lines of output: longest main-thread task (${tasks.length} tasks ≥ 50 ms, ${over} ≥ 200 ms; last line shown after ~${(elapsed / 1000).toFixed(1)} s)`,
      figure: `${longest.toFixed(0)} ms`,
      budget: '< 200 ms',
      ok: longest < 200,
    },
  ]);
} finally {
  await close();
}
