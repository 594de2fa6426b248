// Import → Run → rendered, warm: create-vite's react-ts template imported as a zip on the home page, Run pressed once
// the workbench has a runtime, until the template's heading shows in the preview. Beside it, in the same run on the
// same package cache, the same files by hand: `npm install`, then Vite answering, then the page opened in Chromium until
// the heading shows. Budget ≤ 1.15×.
import { expect } from '@playwright/test';
import { zipSync } from 'fflate';
import { RuntimePanel } from '../e2e/pages/runtime';
import { printRows } from './report';
import { openBenchBrowser } from './support/browser';
import { installAndRenderByHand, type ByHandTimes } from './support/by-hand';
import { APP_HEADING, appHeading } from './support/first-seen';
import { CREATE_VITE_VERSION, createViteReactTs } from './support/create-vite';
import { appStartMarks, formatPhases, median, phasesBetween, TimelineRecorder, type Phase } from './support/timeline';

const ROUNDS = Number(process.env.BENCH_IMPORT_ROUNDS ?? 3);
const BUDGET = 1.15;
const HEADING = 'Get started';
const RUN_ENABLED = 'run enabled';
const PICKING_THE_FILE_MS = 2_000;

const template = createViteReactTs();
const zip = Buffer.from(zipSync(Object.fromEntries(template.map((f) => [f.path, typeof f.content === 'string' ? new TextEncoder().encode(f.content) : f.content]))));

async function runTabsmith(): Promise<{ totalMs: number; phases: Phase[] }> {
  const { page, firstSeen, close } = await openBenchBrowser({ ...appHeading(HEADING, { inFrame: true }), [RUN_ENABLED]: { selector: '[data-testid=run-app]', enabled: true } });
  try {
    await page.goto('/');
    await expect(page.getByTestId('home')).toBeVisible();
    // The clock starts at the import; before it the home page is open while the person finds the zip in a file dialog.
    await page.waitForTimeout(PICKING_THE_FILE_MS);
    const timeline = new TimelineRecorder(page);
    const started = Date.now();
    await page.getByTestId('import-zip').setInputFiles({ name: 'vite-react-ts.zip', mimeType: 'application/zip', buffer: zip });
    await page.waitForURL(/\/p\/[^/]+$/);
    timeline.mark('workbench url');
    const runtime = new RuntimePanel(page);
    const runnable = await firstSeen.when(RUN_ENABLED, 60_000);
    // A person presses Run the moment it can be pressed; the wait for that is part of the measure.
    await runtime.runButton.click();
    timeline.mark('run pressed');
    const rendered = await firstSeen.when(APP_HEADING, 180_000);
    const phases = phasesBetween([
      { name: 'imported', at: started },
      { name: 'zip read, project created → workbench url', at: timeline.first('workbench url') },
      { name: 'workbench load → Run enabled', at: runnable },
      { name: 'Run pressed → npm install sent (file sync flushed)', at: timeline.first('spawn sent: npm install') },
      ...appStartMarks(timeline, rendered),
    ]);
    return { totalMs: rendered - started, phases };
  } finally {
    await close();
  }
}

// A developer's browser is already open; each round opens the new dev server's page in it.
const handBrowser = await openBenchBrowser(appHeading(HEADING, { inFrame: false }));
const byHand = () => installAndRenderByHand(template, handBrowser.page, handBrowser.firstSeen);

await byHand();
await runTabsmith();

const hand: ByHandTimes[] = [];
const tabsmith: { totalMs: number; phases: Phase[] }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  hand.push(await byHand());
  tabsmith.push(await runTabsmith());
}
const handMs = median(hand.map((h) => h.totalMs));
const ourMs = median(tabsmith.map((t) => t.totalMs));
const ratio = ourMs / handMs;
const medianRun = [...tabsmith].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(tabsmith.length / 2)];
console.error(
  formatPhases(`Import → Run → rendered timeline, median run of ${ROUNDS}`, medianRun.phases) +
    `\n  by hand (median): npm install ${Math.round(median(hand.map((h) => h.installMs)))} ms, vite → page answered ${Math.round(median(hand.map((h) => h.serveMs)))} ms, page opened → rendered ${Math.round(median(hand.map((h) => h.renderMs)))} ms` +
    `\n  runs: Tabsmith ${tabsmith.map((t) => Math.round(t.totalMs)).join(', ')} ms; by hand ${hand.map((h) => Math.round(h.totalMs)).join(', ')} ms`,
);
await handBrowser.close();
printRows([
  {
    measure: `Import create-vite@${CREATE_VITE_VERSION} react-ts zip → Run → rendered vs by hand (npm install, npm run dev, the page opened in Chromium until rendered), median of ${ROUNDS}, warm`,
    figure: `${ratio.toFixed(2)}× (${(ourMs / 1000).toFixed(2)} s vs ${(handMs / 1000).toFixed(2)} s)`,
    budget: `≤ ${BUDGET}×`,
    ok: ratio <= BUDGET,
  },
]);
