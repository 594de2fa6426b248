// BENCH_CPU_PROFILE_DIR=<dir>: a CPU profile of the page's main thread from submit to rendered, one file per round,
// for Chrome DevTools (Performance → load profile): where the workbench's own time on the path goes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

const dir = process.env.BENCH_CPU_PROFILE_DIR;
let round = 0;

/** Starts profiling `page` when asked to; the returned stop writes the profile and says where. */
export async function profilePage(page: Page, name: string): Promise<() => Promise<void>> {
  if (!dir) return async () => {};
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 250 });
  await session.send('Profiler.start');
  const file = path.join(dir, `${name}-${++round}.cpuprofile`);
  return async () => {
    const { profile } = await session.send('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
    console.error(`CPU profile of the page: ${file}`);
  };
}
