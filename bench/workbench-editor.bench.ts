// Workbench: navigation to /p/<id> → Monaco visible and accepting typed text (budget: 2.5 s, p50 of 5).
import { expect } from '@playwright/test';
import { performance } from 'node:perf_hooks';
import { importFixtureProject } from '../e2e/pages/runtime';
import { WorkbenchPage } from '../e2e/pages/workbench';
import { percentile, printRows } from './report';
import { openBenchBrowser, sleep } from './support/browser';

const RUNS = 5;
const FILE = 'server.js';

const { page, close } = await openBenchBrowser();
try {
  await importFixtureProject(page, 'node-server');
  const workbench = new WorkbenchPage(page);
  await workbench.waitUntilOpen();
  await workbench.openFile(FILE);
  const projectUrl = new URL(page.url()).pathname;
  // Open tabs are persisted after a short delay; navigating sooner would reopen the workbench without the tab.
  await sleep(1500);

  const monacoLines = workbench.editor.locator('.monaco-editor .view-lines');
  /** From `goto` to the typed marker rendered by Monaco, and when Monaco first showed. */
  async function openAndType(run: number): Promise<{ usable: number; visible: number }> {
    const marker = `//usable${run}`;
    const start = performance.now();
    await page.goto(projectUrl);
    await monacoLines.first().waitFor({ state: 'visible', timeout: 60_000 });
    const visible = performance.now() - start;
    await monacoLines.first().click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(marker);
    await page.waitForFunction(
      (text) => [...document.querySelectorAll('[data-testid=editor] .monaco-editor .view-lines')].some((el) => el.textContent?.includes(text)),
      marker,
      { polling: 'raf', timeout: 60_000 },
    );
    const usable = performance.now() - start;
    // Saved so the next navigation opens a clean tab and no unsaved-changes prompt can intervene.
    await page.keyboard.press('ControlOrMeta+s');
    await expect(workbench.tab(FILE)).not.toHaveAttribute('data-dirty', 'true');
    await sleep(500);
    return { usable, visible };
  }

  const cold = await openAndType(0);
  const runs: { usable: number; visible: number }[] = [];
  for (let run = 1; run <= RUNS; run++) runs.push(await openAndType(run));

  const usable = percentile(
    runs.map((r) => r.usable),
    50,
  );
  const visible = percentile(
    runs.map((r) => r.visible),
    50,
  );
  printRows([
    {
      measure: `Workbench navigation → editor accepts typed text (p50 of ${RUNS}; Monaco visible at ${visible.toFixed(0)} ms; first, cold cache ${cold.usable.toFixed(0)} ms)`,
      figure: `${usable.toFixed(0)} ms`,
      budget: '< 2500 ms',
      ok: usable < 2500,
    },
  ]);
} finally {
  await close();
}
