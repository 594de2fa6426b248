import { lstatSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../test-support/wait-for';
import { processTree } from './proc-scan';
import { ProjectRuntime } from './project-runtime';
import { detectBubblewrap } from './sandbox';
import { diskUsage } from './sandbox-limits';
import { RecordingSubscriber } from './test-subscriber';

const MiB = 1024 * 1024;

describe('sandbox limits', () => {
  let project: ProjectRuntime;
  let subscriber: RecordingSubscriber;

  beforeEach(async () => {
    expect(await detectBubblewrap()).toBe(true);
    const dir = await mkdtemp(path.join(tmpdir(), 'tabsmith-limits-'));
    project = new ProjectRuntime(dir, `limits${Math.random().toString(36).slice(2, 8)}`, true, async () => null, {
      processes: 64,
      memoryBytes: 256 * MiB,
      fileBytes: 64 * MiB,
      diskBytes: 120 * MiB,
      tmpBytes: 32 * MiB,
    });
    subscriber = new RecordingSubscriber();
    await project.subscribe(subscriber);
  });

  afterEach(async () => {
    await project.killAll();
    await project.unsubscribe(subscriber);
  });

  async function run(command: string) {
    const child = await project.spawn({ command }, subscriber);
    const code = await child.exit;
    await waitFor(() => subscriber.messages.some((m) => m.type === 'exit' && m.processId === child.id), 15_000);
    return { code, output: subscriber.output(child.id) };
  }

  it('caps the number of processes (a bounded fork bomb) and says so', async () => {
    // Bounded, so a broken limit cannot take the machine down with the test.
    const child = await project.spawn({ command: 'for i in $(seq 1 300); do sleep 30 & done; wait' }, subscriber);
    await waitFor(() => subscriber.output(child.id).includes('Process limit reached'), 30_000);
    const count = (await processTree([child.pid!])).size;
    expect(count).toBeGreaterThan(32);
    expect(count).toBeLessThanOrEqual(64 + 8);
    await child.kill();
  }, 60_000);

  it('stops a memory hog and says which limit it hit', async () => {
    const { code, output } = await run(
      `node -e "const a=[];setInterval(()=>{a.push(Buffer.alloc(16*1024*1024,1));console.log('held',a.length*16)},30)"`,
    );
    expect(code).not.toBe(0);
    expect(output).toContain('Memory limit reached');
    const held = [...output.matchAll(/held (\d+)/g)].map((m) => Number(m[1]));
    expect(Math.max(...held)).toBeLessThan(1024);
  }, 60_000);

  it('caps a single file, the private /tmp and the whole disk use', async () => {
    const big = await run('head -c 200M /dev/zero > big.bin; echo "big=$?"');
    expect(big.output).toMatch(/File size limit exceeded|big=1\d\d/);
    expect((await stat(path.join(project.workspace.root, 'big.bin'))).size).toBeLessThanOrEqual(64 * MiB);

    const tmp = await run('head -c 100M /dev/zero > /tmp/fill; echo "tmp=$?"; du -m /tmp/fill');
    expect(tmp.output).toContain('No space left on device');

    // The sandbox's own root and /dev are in memory too: none of them may hold more than the /tmp cap.
    const elsewhere = await run(
      'for place in / /dev /dev/shm; do head -c 48M /dev/zero > ${place%/}/fill; echo "$place=$(du -m ${place%/}/fill 2>/dev/null | cut -f1)"; done',
    );
    for (const place of ['/', '/dev', '/dev/shm']) {
      const held = new RegExp(`^${place.replace(/\//g, '\\/')}=(\\d*)$`, 'm').exec(elsewhere.output);
      expect(held, elsewhere.output).not.toBeNull();
      expect(Number(held![1] || 0)).toBeLessThanOrEqual(32);
    }

    const filler = await run('for i in $(seq 1 60); do head -c 8M /dev/zero > fill$i.bin; sleep 0.1; done; echo FILLED-ALL');
    expect(filler.output).toContain('Disk limit reached');
    expect(filler.output).not.toContain('FILLED-ALL');
  }, 90_000);
});

describe('diskUsage', () => {
  it('adds up the blocks of every file and folder below, across many folders, without following links', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tabsmith-du-'));
    const outside = await mkdtemp(path.join(tmpdir(), 'tabsmith-du-outside-'));
    writeFileSync(path.join(outside, 'big.bin'), Buffer.alloc(4 * MiB, 1));
    symlinkSync(outside, path.join(dir, 'link'));
    const expected: string[] = [];
    // More entries than one batch of the walk, so it yields to the event loop on the way.
    for (let folder = 0; folder < 30; folder++) {
      const sub = path.join(dir, `pkg${folder}`, 'lib');
      mkdirSync(sub, { recursive: true });
      for (let file = 0; file < 60; file++) {
        writeFileSync(path.join(sub, `f${file}.js`), 'x'.repeat(5000));
        expected.push(path.join(sub, `f${file}.js`));
      }
      expected.push(sub, path.dirname(sub));
    }
    expected.push(path.join(dir, 'link'));
    const blocks = expected.map((file) => lstatSync(file).blocks * 512).reduce((a, b) => a + b, 0);

    expect(await diskUsage(dir)).toBe(blocks);
    // Stopping early once past the limit still says it is past it.
    expect(await diskUsage(dir, 100_000)).toBeGreaterThan(100_000);
  });
});
