import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PersistenceError } from '../project/persistence';
import type { FileMap } from '../project/types';
import {
  createIndexedDbCheckpointRepository,
  createMemoryCheckpointBackend,
  createMemoryCheckpointRepository,
} from './checkpoint-store';
import type { CheckpointRepository } from './checkpoint-types';

function project(count: number): FileMap {
  const files: FileMap = {};
  for (let i = 0; i < count; i++) files[`src/file-${i}.ts`] = `export const value${i} = ${i};\n`;
  files['public/logo.png'] = new Uint8Array([137, 80, 78, 71, 0, 255, 1, 2]);
  return files;
}

const originalPut = IDBObjectStore.prototype.put;
afterEach(() => {
  IDBObjectStore.prototype.put = originalPut;
});

const variants: [string, () => CheckpointRepository][] = [
  ['memory', () => createMemoryCheckpointRepository()],
  ['IndexedDB', () => createIndexedDbCheckpointRepository({ factory: new IDBFactory() })],
];

describe.each(variants)('%s checkpoint repository', (_name, create) => {
  it('saves a checkpoint and loads back byte-identical text and binary files', async () => {
    const repo = create();
    const files = project(3);
    const checkpoint = await repo.saveCheckpoint('p1', files, ['empty'], { label: 'Before "hi"', messageId: 'm1' });
    expect(checkpoint).toMatchObject({ projectId: 'p1', label: 'Before "hi"', messageId: 'm1', kind: 'before-turn', folders: ['empty'] });
    expect(Object.keys(checkpoint.files)).toEqual(Object.keys(files).sort());
    const loaded = await repo.loadFiles(checkpoint);
    expect(loaded).toEqual(files);
    expect(typeof loaded['src/file-0.ts']).toBe('string');
    expect(Object.prototype.toString.call(loaded['public/logo.png'])).toBe('[object Uint8Array]');
    expect([...(loaded['public/logo.png'] as Uint8Array)]).toEqual([137, 80, 78, 71, 0, 255, 1, 2]);
    expect(await repo.loadFiles(checkpoint, ['src/file-1.ts', 'nope'])).toEqual({ 'src/file-1.ts': files['src/file-1.ts'] });
  });

  it('stores an unchanged file once across checkpoints', async () => {
    const repo = create();
    const files = project(200);
    await repo.saveCheckpoint('p1', files, [], { label: 'one' });
    const after = await repo.stats('p1');
    expect(after).toMatchObject({ checkpoints: 1, blobs: 201 });
    await repo.saveCheckpoint('p1', files, [], { label: 'two' });
    // A fresh copy of the same tree (new objects, same content) must not add blobs either.
    await repo.saveCheckpoint('p1', structuredClone(files), [], { label: 'three' });
    expect(await repo.stats('p1')).toEqual({ checkpoints: 3, blobs: 201, bytes: after.bytes });
    await repo.saveCheckpoint('p1', { ...files, 'src/file-7.ts': 'changed\n' }, [], { label: 'four' });
    expect(await repo.stats('p1')).toEqual({ checkpoints: 4, blobs: 202, bytes: after.bytes + 8 });
  });

  it('shares identical contents between paths', async () => {
    const repo = create();
    await repo.saveCheckpoint('p1', { 'a.txt': 'same', 'b.txt': 'same' }, [], { label: 'x' });
    expect(await repo.stats('p1')).toMatchObject({ blobs: 1, bytes: 4 });
  });

  it('lists checkpoints oldest first, per project', async () => {
    let clock = 1000;
    const repo = create();
    const first = await repo.saveCheckpoint('p1', { 'a.txt': '1' }, [], { label: 'first', createdAt: clock++ });
    await repo.saveCheckpoint('p2', { 'a.txt': '1' }, [], { label: 'other project' });
    const second = await repo.saveCheckpoint('p1', { 'a.txt': '2' }, [], { label: 'second', createdAt: clock });
    const third = await repo.saveCheckpoint('p1', { 'a.txt': '3' }, [], { label: 'third', createdAt: clock });
    expect((await repo.listCheckpoints('p1')).map((c) => c.id)).toEqual([first.id, second.id, third.id]);
    expect(await repo.getCheckpoint('p1', second.id)).toEqual(second);
    expect(await repo.getCheckpoint('p2', second.id)).toBeNull();
  });

  it('deletes a project’s checkpoints and contents, leaving other projects alone', async () => {
    const repo = create();
    await repo.saveCheckpoint('p1', { 'a.txt': 'a' }, [], { label: 'x' });
    const kept = await repo.saveCheckpoint('p2', { 'a.txt': 'a' }, [], { label: 'y' });
    await repo.deleteProject('p1');
    expect(await repo.listCheckpoints('p1')).toEqual([]);
    expect(await repo.stats('p1')).toEqual({ checkpoints: 0, blobs: 0, bytes: 0 });
    expect(await repo.loadFiles(kept)).toEqual({ 'a.txt': 'a' });
    // Saving again after a delete must store the content again rather than trust a stale cache.
    const again = await repo.saveCheckpoint('p1', { 'a.txt': 'a' }, [], { label: 'z' });
    expect(await repo.loadFiles(again)).toEqual({ 'a.txt': 'a' });
  });

  it('refuses to load a checkpoint whose content is missing, in plain words', async () => {
    const repo = create();
    const checkpoint = await repo.saveCheckpoint('p1', { 'a.txt': 'a' }, [], { label: 'x' });
    const broken = { ...checkpoint, files: { ...checkpoint.files, 'b.txt': '0'.repeat(64) } };
    await expect(repo.loadFiles(broken)).rejects.toThrow(/1 file is missing.*Your current files are unchanged/);
  });
});

describe('checkpoint save failures', () => {
  it('surfaces a full disk as a plain quota error and stores nothing', async () => {
    const repo = createIndexedDbCheckpointRepository({ factory: new IDBFactory() });
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
    const error = await repo.saveCheckpoint('p1', { 'a.txt': 'a' }, [], { label: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PersistenceError);
    expect((error as PersistenceError).kind).toBe('quota');
    expect((error as Error).message).toMatch(/run out of storage.*restore point/);
    IDBObjectStore.prototype.put = originalPut;
    expect(await repo.listCheckpoints('p1')).toEqual([]);
    // The failed blob was not remembered as stored: the next save stores it.
    const checkpoint = await repo.saveCheckpoint('p1', { 'a.txt': 'a' }, [], { label: 'y' });
    expect(await repo.loadFiles(checkpoint)).toEqual({ 'a.txt': 'a' });
  });

  it('reports an unavailable browser store instead of dropping the checkpoint', async () => {
    const factory = { open: () => { throw new DOMException('blocked', 'SecurityError'); } } as unknown as IDBFactory;
    const repo = createIndexedDbCheckpointRepository({ factory });
    await expect(repo.saveCheckpoint('p1', { 'a.txt': 'a' }, [], { label: 'x' })).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('maps a memory backend failure to a plain message too', async () => {
    const backend = createMemoryCheckpointBackend();
    const repo = createMemoryCheckpointRepository({ backend });
    backend.failWith = new Error('disk on fire');
    await expect(repo.saveCheckpoint('p1', { 'a.txt': 'a' }, [], { label: 'x' })).rejects.toThrow(
      'Tabsmith could not save a restore point in browser storage. Your files are unchanged; try again.',
    );
  });
});

describe('prepare', () => {
  it('lets the first checkpoint after a reload hash nothing and store nothing new', async () => {
    const factory = new IDBFactory();
    const files = project(50);
    await createIndexedDbCheckpointRepository({ factory }).saveCheckpoint('p1', files, [], { label: 'before reload' });
    const reopened = createIndexedDbCheckpointRepository({ factory });
    const reloadedFiles = structuredClone(files);
    await reopened.prepare('p1', reloadedFiles);
    const digest = vi.spyOn(globalThis.crypto.subtle, 'digest');
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    try {
      await reopened.saveCheckpoint('p1', reloadedFiles, [], { label: 'after reload' });
      expect(digest).not.toHaveBeenCalled();
      // Only the checkpoint record itself is written.
      expect(put).toHaveBeenCalledTimes(1);
    } finally {
      digest.mockRestore();
      put.mockRestore();
    }
    expect(await reopened.stats('p1')).toMatchObject({ checkpoints: 2, blobs: 51 });
  });
});
