// The by-hand baseline: the same project installed and served in a plain folder, as a developer would at a terminal,
// starting from the package cache state a new sandboxed project starts from, so both sides are equally warm.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from '@playwright/test';
import { sandboxPaths } from '../../lib/runtime/local/server/sandbox';
import { seedFromShared } from '../../lib/runtime/local/server/shared-npm-cache';
import { freePort } from './ports';
import { terminalPath } from './terminal-path';
import { sleep } from './browser';
import { APP_HEADING, type FirstSeen } from './first-seen';
import { workspacesDir } from './workspace';

export interface ProjectFile {
  path: string;
  content: string | Uint8Array;
}

/**
 * A fresh npm cache holding what a new project's cache holds: links to the shared, digest-checked registry tarballs
 * (see lib/runtime/local/server/shared-npm-cache.ts), and no index of its own.
 */
async function newProjectCache(dir: string): Promise<string> {
  const cache = path.join(dir, 'npm-cache');
  mkdirSync(cache);
  await seedFromShared(cache, sandboxPaths(workspacesDir, 'by-hand').sharedNpmCache);
  return cache;
}

function run(command: string, cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn('bash', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
}

function exitOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function waitForOk(url: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await sleep(5);
  }
}

export interface ByHandTimes {
  installMs: number;
  /** From starting the dev server to it answering the page. */
  serveMs: number;
  /** From opening the page to the app's heading showing. */
  renderMs: number;
  totalMs: number;
}

/**
 * Writes the files to a fresh folder, runs `npm install`, then `npm run dev` (Vite), then opens the page in the
 * browser a developer already has open until the app's heading (the `APP_HEADING` sighting of `firstSeen`) shows: the
 * end state Tabsmith's preview is timed to.
 * The clock starts before `npm install`.
 */
export async function installAndRenderByHand(files: ProjectFile[], page: Page, firstSeen: FirstSeen): Promise<ByHandTimes> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'tabsmith-by-hand-'));
  const dir = path.join(scratch, 'app');
  mkdirSync(dir);
  const env = {
    ...process.env,
    PATH: terminalPath(),
    npm_config_cache: await newProjectCache(scratch),
    npm_config_update_notifier: 'false',
  };
  let server: ChildProcess | null = null;
  try {
    for (const file of files) {
      const full = path.join(dir, ...file.path.split('/'));
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, file.content);
    }
    const port = await freePort();
    const start = Date.now();
    const install = run('npm install', dir, env);
    const code = await exitOf(install);
    if (code !== 0) throw new Error(`npm install by hand exited ${code}`);
    const installed = Date.now();
    server = run(`npm run dev -- --host 127.0.0.1 --port ${port} --strictPort`, dir, env);
    await waitForOk(`http://127.0.0.1:${port}/`, 60_000);
    const served = Date.now();
    firstSeen.reset();
    await page.goto(`http://127.0.0.1:${port}/`);
    const rendered = await firstSeen.when(APP_HEADING, 60_000);
    return { installMs: installed - start, serveMs: served - installed, renderMs: rendered - served, totalMs: rendered - start };
  } finally {
    if (server) killGroup(server);
    rmSync(scratch, { recursive: true, force: true });
  }
}
