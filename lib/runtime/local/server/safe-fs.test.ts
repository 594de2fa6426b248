import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from './workspace';
import { walkProjectFiles } from './project-walk';

const ITERATIONS = 2000;

// A separate process flips `dir` between a real folder and a link to another workspace as fast as it
// can, so the swap lands between any check and use this process makes.
const SWAPPER = `
const fs = require('node:fs');
const [dir, saved, link, target] = process.argv.slice(1);
process.stdout.write('ready\\n');
for (;;) {
  try { fs.renameSync(dir, saved); } catch {}
  try { fs.renameSync(link, dir); } catch {}
  try { fs.renameSync(dir, link); } catch {}
  try { fs.renameSync(saved, dir); } catch {
    // A writer made a fresh folder while dir was missing: drop it and put the real one back.
    try { fs.rmSync(dir, { recursive: true, force: true }); fs.renameSync(saved, dir); } catch {}
  }
  try { fs.lstatSync(link); } catch { try { fs.symlinkSync(target, link); } catch {} }
}`;

function startSwapper(dir: string, target: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', SWAPPER, dir, `${dir}.saved`, `${dir}.link`, target], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => child.stdout!.once('data', () => resolve(child)));
}

describe('workspace file API under a symlink swap race', () => {
  let base: string;
  let workspace: Workspace;
  let other: string;
  let swapper: ChildProcess | null = null;

  beforeEach(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'tabsmith-race-'));
    workspace = new Workspace(base, 'mine');
    await workspace.ensure();
    other = path.join(base, 'other', 'dir');
    await mkdir(other, { recursive: true });
    await writeFile(path.join(other, '.env'), 'FOREIGN_SECRET=1');
    await workspace.write('dir/.env', 'MINE=1');
    await symlink(other, path.join(workspace.root, 'dir.link'));
  });

  afterEach(async () => {
    swapper?.kill('SIGKILL');
    swapper = null;
    await rm(base, { recursive: true, force: true });
  });

  it('never reads, lists or writes a foreign file while a folder is swapped for a link', async () => {
    swapper = await startSwapper(path.join(workspace.root, 'dir'), other);
    let foreignReads = 0;
    let foreignListings = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const bytes = await workspace.read('dir/.env').catch(() => null);
      if (bytes && new TextDecoder().decode(bytes).includes('FOREIGN')) foreignReads++;
      await workspace.write(`dir/w${i % 50}.txt`, `write ${i}`).catch(() => false);
      if (i % 20 === 0) {
        const files = await walkProjectFiles(workspace.root);
        if (files.some((file) => file.path.startsWith('dir.link/'))) foreignListings++;
      }
    }
    swapper.kill('SIGKILL');
    swapper = null;
    const { readdir } = await import('node:fs/promises');
    const foreignWrites = (await readdir(other)).filter((name) => name !== '.env').length;
    console.log(`symlink swap race over ${ITERATIONS} iterations: foreign reads ${foreignReads}, foreign writes ${foreignWrites}, foreign listings ${foreignListings}`);
    expect({ foreignReads, foreignWrites, foreignListings }).toEqual({ foreignReads: 0, foreignWrites: 0, foreignListings: 0 });
    expect(await readFile(path.join(other, '.env'), 'utf8')).toBe('FOREIGN_SECRET=1');
  }, 120_000);
});

describe('atomic writes', () => {
  it('parallel readers never see a partial or empty file while writers replace it', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'tabsmith-atomic-'));
    const workspace = new Workspace(base, 'proj');
    const size = 512 * 1024;
    const contents = ['a', 'b', 'c'].map((letter) => letter.repeat(size));
    await workspace.write('big.txt', contents[0]);
    let torn = 0;
    let reads = 0;
    let done = false;
    const writer = async (offset: number) => {
      for (let i = 0; i < 60; i++) await workspace.write('big.txt', contents[(i + offset) % contents.length]);
    };
    const reader = async () => {
      while (!done) {
        const text = new TextDecoder().decode(await workspace.read('big.txt'));
        reads++;
        if (!contents.includes(text)) torn++;
      }
    };
    const readers = [reader(), reader(), reader()];
    await Promise.all([writer(0), writer(1)]);
    done = true;
    await Promise.all(readers);
    await rm(base, { recursive: true, force: true });
    console.log(`atomic writes: ${reads} reads, ${torn} partial or empty`);
    expect(reads).toBeGreaterThan(0);
    expect(torn).toBe(0);
  }, 120_000);
});
