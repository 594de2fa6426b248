// Reopening a project whose app ran → the app is running in the preview again, without a click, with
// the default runtime setting (RUNTIME unset; StackBlitz unreachable here, so it falls back to this
// computer). Budget: 6 s (issue 11). Measured from the navigation to the app's own text in the preview,
// for a reopen from the home page and for a reopen in a new tab after the old one was closed.
// Starts its own server, since the runner's runs with RUNTIME=local; its port comes from the system.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromiumLaunchArgs, findChromium } from '../scripts/chromium-path.mjs';
import { importFixtureProject } from '../e2e/pages/runtime';
import { freePort, waitForUrl } from './support/ports';
import { percentile, printRows } from './report';

const RUNS = 5;
const BUDGET_MS = 6000;
const APP_TEXT = 'Hello from the fixture server';


async function appShown(page: Page): Promise<void> {
  await page.frameLocator('[data-testid=preview-frame]').getByRole('heading', { name: APP_TEXT }).waitFor({ timeout: 60_000 });
}

/** Milliseconds from opening `projectPath` in `page` to the app's heading in the preview. */
async function reopen(page: Page, projectPath: string): Promise<number> {
  const start = performance.now();
  await page.goto(projectPath);
  await appShown(page);
  return performance.now() - start;
}

const port = await freePort();
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: String(port), OLLAMA_BASE_URL: 'http://127.0.0.1:9' };
delete env.RUNTIME;
delete env.WEBCONTAINER_BOOT_TIMEOUT_MS;
env.WORKSPACES_DIR = path.join(process.env.BENCH_WORKSPACES_DIR ?? path.join(process.cwd(), '.data', 'bench-workspaces'), 'reopen');
const server = spawn('npx', ['tsx', 'server/index.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
const executablePath = findChromium();
if (!executablePath) throw new Error('No Chromium found: install it or set CHROMIUM_PATH.');
const browser = await chromium.launch({ executablePath, args: chromiumLaunchArgs });

let context: BrowserContext | null = null;
try {
  await waitForUrl(`http://127.0.0.1:${port}/`);
  context = await browser.newContext({ baseURL: `http://localhost:${port}`, viewport: { width: 1440, height: 900 } });
  let page = await context.newPage();
  await importFixtureProject(page, 'node-server');
  const projectPath = new URL(page.url()).pathname;
  // Run it once by hand: from now on the project is one "that ran".
  await page.getByTestId('run-app').first().click({ timeout: 60_000 });
  await appShown(page);

  const fromHome: number[] = [];
  const newTab: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto('/');
    await page.getByTestId('home').waitFor();
    fromHome.push(await reopen(page, projectPath));

    await page.close();
    page = await context.newPage();
    newTab.push(await reopen(page, projectPath));
  }
  const row = (label: string, values: number[]) => ({
    measure: `${label} (p50 of ${RUNS}; max ${Math.max(...values).toFixed(0)} ms)`,
    figure: `${percentile(values, 50).toFixed(0)} ms`,
    budget: `≤ ${BUDGET_MS} ms`,
    ok: Math.max(...values) <= BUDGET_MS,
  });
  printRows([
    row('Reopen a project that ran, from the home page → its app running in the preview, RUNTIME unset', fromHome),
    row('Reopen a project that ran, in a new tab after closing it → its app running, RUNTIME unset', newTab),
  ]);
} finally {
  await context?.close();
  await browser.close();
  try {
    process.kill(-(server.pid as number), 'SIGTERM');
  } catch {
    // Already gone.
  }
}
