// Chromium for browser benchmarks: the system binary and launch flags the e2e suite uses, against the app the runner started.
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumLaunchArgs, findChromium } from '../../scripts/chromium-path.mjs';
import { watchFirstSeen, type FirstSeen, type Sighting } from './first-seen';

export const appUrl = process.env.BENCH_APP_URL ?? 'http://localhost:3300';

export interface BenchBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** When each of the sightings asked for first showed, in any frame. */
  firstSeen: FirstSeen;
  close(): Promise<void>;
}

/** A browser whose pages resolve `/…` against the app and record long tasks from the first script on. */
export async function openBenchBrowser(sightings: Record<string, Sighting> = {}): Promise<BenchBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: install it (apt-get install -y chromium) or set CHROMIUM_PATH.');
  const browser = await chromium.launch({ executablePath, args: chromiumLaunchArgs });
  const context = await browser.newContext({ baseURL: appUrl, viewport: { width: 1440, height: 900 } });
  await context.addInitScript(recordLongTasks);
  const firstSeen = await watchFirstSeen(context, sightings);
  const page = await context.newPage();
  return { browser, context, page, firstSeen, close: () => browser.close() };
}

interface LongTask {
  start: number;
  duration: number;
}

declare global {
  interface Window {
    __benchLongTasks?: LongTask[];
  }
}

/** Runs in every document before its own scripts, so tasks from page start are kept. */
function recordLongTasks(): void {
  if (window !== window.top) return;
  const tasks: LongTask[] = [];
  window.__benchLongTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** The page's clock (`performance.now()`), for bracketing a window of long tasks. */
export function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/** Long tasks of the page's main frame that started within [from, to] on the page's clock, longest first. */
export async function longTasksBetween(page: Page, from: number, to = Infinity): Promise<LongTask[]> {
  const tasks = await page.evaluate(() => window.__benchLongTasks ?? null);
  if (tasks === null) throw new Error('The long-task recorder is not installed in this page.');
  return tasks.filter((task) => task.start >= from && task.start <= to).sort((a, b) => b.duration - a.duration);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
