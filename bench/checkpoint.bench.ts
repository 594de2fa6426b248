// Checkpoints of a 200-file, 5 MB project (budgets: under 50 ms of main-thread time per turn; restore in under 2 s)
// and what 50 turns cost in storage. Runs in Node against fake-indexeddb, whose JavaScript does work a browser
// does natively, so the main-thread figures are an upper bound.
import { IDBFactory } from 'fake-indexeddb';
import { performance } from 'node:perf_hooks';
import { createCheckpointManager } from '../lib/checkpoints/checkpoint-manager';
import { createIndexedDbCheckpointRepository } from '../lib/checkpoints/checkpoint-store';
import { createMemoryRepository } from '../lib/project/memory-repository';
import { newProjectRecord } from '../lib/project/persistence';
import { createProjectStore } from '../lib/project/project-store';
import type { FileMap } from '../lib/project/types';
import { percentile, printRows, type BenchRow } from './report';

const FILES = 200;
const TOTAL_BYTES = 5 * 1024 * 1024;
const TURNS = 50;

function sourceFile(index: number, bytes: number): string {
  const line = `export const value${index} = { id: ${index}, label: 'Item ${index}', enabled: true };\n`;
  return line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
}

const files: FileMap = {};
const perFile = Math.floor(TOTAL_BYTES / FILES);
for (let i = 0; i < FILES - 10; i++) files[`src/module-${Math.floor(i / 20)}/file-${i}.ts`] = sourceFile(i, perFile);
for (let i = 0; i < 10; i++) files[`public/image-${i}.png`] = new Uint8Array(perFile).map((_, j) => (j * 31 + i) % 256);
const projectBytes = Object.values(files).reduce((sum, content) => sum + (typeof content === 'string' ? Buffer.byteLength(content) : content.length), 0);

/** Wall time, and main-thread time as the event loop's busy time (hashing runs on the thread pool). */
async function measure(task: () => Promise<unknown>): Promise<{ wall: number; main: number }> {
  const loopBefore = performance.eventLoopUtilization();
  const start = performance.now();
  await task();
  const wall = performance.now() - start;
  const main = performance.eventLoopUtilization(loopBefore).active;
  return { wall, main };
}

const record = newProjectRecord({ name: 'Bench', files });
const store = createProjectStore(record, createMemoryRepository(), { saveDelayMs: 60_000 });
const factory = new IDBFactory();
const repository = createIndexedDbCheckpointRepository({ factory });
const manager = createCheckpointManager({ store, repository, projectId: record.meta.id });

// As after a reload: the project was checkpointed before, this session's repository starts cold.
await createIndexedDbCheckpointRepository({ factory }).saveCheckpoint(record.meta.id, files, [], { label: 'earlier session' });
const prepare = await measure(() => manager.prepare());
const first = await measure(() => manager.checkpointBeforeTurn('m0', 'first'));
const coldManager = createCheckpointManager({
  store,
  repository: createIndexedDbCheckpointRepository({ factory: new IDBFactory() }),
  projectId: record.meta.id,
});
const cold = await measure(() => coldManager.checkpointBeforeTurn('m0', 'first, without prepare'));
const warm: { wall: number; main: number }[] = [];
const checkpointIds: string[] = [];
for (let turn = 1; turn <= TURNS; turn++) {
  // A turn edits three files (appends a few lines to each); the rest is unchanged.
  for (let k = 0; k < 3; k++) {
    const index = (turn * 7 + k * 61) % (FILES - 10);
    const path = `src/module-${Math.floor(index / 20)}/file-${index}.ts`;
    const current = store.readFile(path);
    if (typeof current !== 'string') throw new Error(`bench setup: ${path} is missing`);
    store.writeFile(path, `${current}// turn ${turn}\nexport const extra${turn} = ${turn};\n`, 'agent');
  }
  const result = await measure(async () => checkpointIds.push((await manager.checkpointBeforeTurn(`m${turn}`, `turn ${turn}`)).id));
  warm.push(result);
}
const stats = await repository.stats(record.meta.id);

const restoreTimes: number[] = [];
for (let run = 0; run < 3; run++) {
  const target = run % 2 === 0 ? checkpointIds[0] : checkpointIds[checkpointIds.length - 1];
  restoreTimes.push((await measure(() => manager.restore(target))).wall);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const warmMain = percentile(warm.map((w) => w.main), 50);
const warmMainP95 = percentile(warm.map((w) => w.main), 95);
const restoreP50 = percentile(restoreTimes, 50);
const rows: BenchRow[] = [
  {
    measure: `Checkpoint per turn, ${FILES} files / ${mb(projectBytes)}, 3 files changed (main thread, p50 of ${TURNS}; p95 ${warmMainP95.toFixed(1)} ms)`,
    figure: `${warmMain.toFixed(1)} ms`,
    budget: '< 50 ms',
    ok: warmMain < 50,
  },
  {
    measure: `First checkpoint after opening, prepared at open (main thread; wall ${first.wall.toFixed(0)} ms)`,
    figure: `${first.main.toFixed(1)} ms`,
    budget: '< 50 ms',
    ok: first.main < 50,
  },
  {
    measure: `Preparing at open: hash every file, in the background (main thread; wall ${prepare.wall.toFixed(0)} ms)`,
    figure: `${prepare.main.toFixed(1)} ms`,
    budget: '< 500 ms',
    ok: prepare.main < 500,
  },
  {
    measure: `First checkpoint of a never-checkpointed project, unprepared: hash and store all (main thread; wall ${cold.wall.toFixed(0)} ms)`,
    figure: `${cold.main.toFixed(1)} ms`,
    budget: '< 500 ms',
    ok: cold.main < 500,
  },
  {
    measure: `Checkpoint storage after ${TURNS} turns (${stats.checkpoints} checkpoints, ${stats.blobs} stored contents; project ${mb(projectBytes)})`,
    figure: mb(stats.bytes),
    budget: `< ${mb(projectBytes * 2)}`,
    ok: stats.bytes < projectBytes * 2,
  },
  {
    measure: 'Restore of that project, files only (runtime sync measured end to end; p50 of 3)',
    figure: `${restoreP50.toFixed(0)} ms`,
    budget: '< 2000 ms',
    ok: restoreP50 < 2000,
  },
];
store.dispose();
printRows(rows);
