import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createMemoryRepository } from '../project/memory-repository';
import { newProjectRecord } from '../project/persistence';
import { createProjectStore, type ProjectFileChange, type ProjectStore } from '../project/project-store';
import type { FileMap } from '../project/types';
import { createCheckpointManager } from './checkpoint-manager';
import { createIndexedDbCheckpointRepository } from './checkpoint-store';

const PNG_1 = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 1]);
const PNG_2 = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 2]);

function setup(files: FileMap, folders: string[] = []) {
  const record = newProjectRecord({ name: 'Test', files, folders });
  const store = createProjectStore(record, createMemoryRepository(), { saveDelayMs: 10_000 });
  const repository = createIndexedDbCheckpointRepository({ factory: new IDBFactory() });
  let flushes = 0;
  const manager = createCheckpointManager({
    store,
    repository,
    projectId: record.meta.id,
    sync: {
      async flush() {
        flushes++;
      },
    },
  });
  return { store, repository, manager, flushes: () => flushes };
}

function filesOf(store: ProjectStore): FileMap {
  return store.getState().record.files;
}

describe('checkpoint manager', () => {
  it('restores files exactly: text and binary, deleted files reappear, created files go', async () => {
    const { store, manager, flushes } = setup({ 'index.html': '<h1>One</h1>\n', 'logo.png': PNG_1, 'old.js': 'old()\n' }, ['assets']);
    await manager.checkpointBeforeTurn('m1', 'Make a page');
    // Turn 1 (agent)
    store.writeFile('index.html', '<h1>Two</h1>\n', 'agent');
    store.writeFile('logo.png', PNG_2, 'agent');
    const turn2 = await manager.checkpointBeforeTurn('m2', 'Change it');
    const afterTurn1 = structuredClone(filesOf(store));
    // Turn 2 (agent) plus a manual edit
    store.deleteFile('old.js', 'agent');
    store.writeFile('new.js', 'created()\n', 'agent');
    store.writeFile('index.html', '<h1>Three</h1>\n', 'user');
    store.createFolder('extra');

    const changes: ProjectFileChange[] = [];
    store.onFileChange((change) => changes.push(change));
    const result = await manager.restore(turn2.id);

    expect(filesOf(store)).toEqual(afterTurn1);
    expect(filesOf(store)['logo.png']).toEqual(PNG_2);
    expect(Object.prototype.toString.call(filesOf(store)['logo.png'])).toBe('[object Uint8Array]');
    expect(store.isFile('old.js')).toBe(true);
    expect(store.isFile('new.js')).toBe(false);
    expect(store.isFolder('assets')).toBe(true);
    expect(store.isFolder('extra')).toBe(false);
    expect(changes.every((change) => change.origin === 'restore')).toBe(true);
    expect(result.restored.id).toBe(turn2.id);
    expect(result.changedPaths).toEqual(['index.html', 'new.js', 'old.js']);
    expect(flushes()).toBe(1);
    expect(manager.canUndoRestore()).toBe(true);

    const undo = await manager.undoRestore();
    expect(undo?.restored.id).toBe(result.undoCheckpointId);
    expect(filesOf(store)).toEqual({ 'index.html': '<h1>Three</h1>\n', 'logo.png': PNG_2, 'new.js': 'created()\n' });
    expect(store.isFolder('extra')).toBe(true);
    expect(manager.canUndoRestore()).toBe(false);
    expect(await manager.undoRestore()).toBeNull();
  });

  it('keeps the checkpoint of the first turn restorable after later turns', async () => {
    const { store, manager } = setup({ 'a.txt': 'v0' });
    const before1 = await manager.checkpointBeforeTurn('m1', 'one');
    store.writeFile('a.txt', 'v1', 'agent');
    await manager.checkpointBeforeTurn('m2', 'two');
    store.writeFile('a.txt', 'v2', 'agent');
    await manager.restore(before1.id);
    expect(filesOf(store)).toEqual({ 'a.txt': 'v0' });
    expect((await manager.forMessage('m2'))?.label).toBe('two');
    const kinds = (await manager.list()).map((c) => c.kind);
    expect(kinds).toEqual(['before-turn', 'before-turn', 'before-restore']);
  });

  it('leaves node_modules out of checkpoints and alone on restore', async () => {
    const { store, manager } = setup({ 'a.txt': 'v0', 'node_modules/x/index.js': 'lib' });
    const checkpoint = await manager.checkpointBeforeTurn('m1', 'one');
    expect(Object.keys(checkpoint.files)).toEqual(['a.txt']);
    store.writeFile('a.txt', 'v1', 'agent');
    await manager.restore(checkpoint.id);
    expect(filesOf(store)).toEqual({ 'a.txt': 'v0', 'node_modules/x/index.js': 'lib' });
  });

  it('does not touch the files when the restore point is damaged', async () => {
    const { store, manager, repository } = setup({ 'a.txt': 'v0' });
    const checkpoint = await manager.checkpointBeforeTurn('m1', 'one');
    store.writeFile('a.txt', 'v1', 'agent');
    await repository.deleteProject(checkpoint.projectId);
    await expect(manager.restore(checkpoint.id)).rejects.toThrow(/no longer exists/);
    expect(filesOf(store)).toEqual({ 'a.txt': 'v1' });
    expect(manager.canUndoRestore()).toBe(false);
  });

  it('summarises a turn’s changes with line counts, against a later checkpoint or the current files', async () => {
    const { store, manager } = setup({
      'src/app.js': 'const a = 1;\nconst b = 2;\nconsole.log(a + b);\n',
      'gone.txt': 'x\ny\n',
      'logo.png': PNG_1,
      'same.txt': 'same\n',
    });
    const before = await manager.checkpointBeforeTurn('m1', 'one');
    store.writeFile('src/app.js', 'const a = 1;\nconst b = 3;\nconst c = 4;\nconsole.log(a + b);\n', 'agent');
    store.deleteFile('gone.txt', 'agent');
    store.writeFile('logo.png', PNG_2, 'agent');
    store.writeFile('src/new.js', 'export {};\n', 'agent');
    store.writeFile('.tabsmith/checks.json', '{}\n', 'agent');
    // Sorted by path, with Tabsmith's own files after the app's.
    const expected = [
      { path: 'gone.txt', kind: 'deleted', added: 0, removed: 2, binary: false },
      { path: 'logo.png', kind: 'edited', added: 0, removed: 0, binary: true },
      { path: 'src/app.js', kind: 'edited', added: 2, removed: 1, binary: false },
      { path: 'src/new.js', kind: 'added', added: 1, removed: 0, binary: false },
      { path: '.tabsmith/checks.json', kind: 'added', added: 1, removed: 0, binary: false },
    ];
    expect(await manager.changesForTurn(before)).toEqual(expected);
    const after = await manager.checkpointBeforeTurn('m2', 'two');
    store.writeFile('same.txt', 'later edit\n', 'user');
    expect(await manager.changesForTurn(before.id, after.id)).toEqual(expected);
    expect(await manager.filePair('src/app.js', before, after)).toEqual({
      before: 'const a = 1;\nconst b = 2;\nconsole.log(a + b);\n',
      after: 'const a = 1;\nconst b = 3;\nconst c = 4;\nconsole.log(a + b);\n',
    });
    expect(await manager.filePair('src/new.js', before)).toEqual({ before: undefined, after: 'export {};\n' });
  });

  it('runs checkpoints and restores one at a time', async () => {
    const { store, manager } = setup({ 'a.txt': 'v0' });
    const first = await manager.checkpointBeforeTurn('m1', 'one');
    store.writeFile('a.txt', 'v1', 'agent');
    const [, next] = await Promise.all([manager.restore(first.id), manager.checkpointBeforeTurn('m2', 'two')]);
    // The checkpoint queued behind the restore sees the restored files.
    expect(next.files['a.txt']).toBe(first.files['a.txt']);
  });
});
