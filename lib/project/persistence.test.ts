import { IDBDatabase as FakeIDBDatabase, IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createIndexedDbRepository,
  newProjectRecord,
  PersistenceError,
  projectNameFromPrompt,
  QUOTA_MESSAGE,
  type ProjectRepository,
} from './persistence';
import type { ProjectRecord } from './types';

function record(name: string, openedAt: number, extra: Partial<ProjectRecord> = {}): ProjectRecord {
  const r = newProjectRecord({ name });
  return { ...r, ...extra, meta: { ...r.meta, openedAt, updatedAt: openedAt } };
}

/** Writes straight into the database, bypassing the repository, to plant damaged data. */
async function rawPut(factory: IDBFactory, store: string, value: unknown, key?: IDBValidKey): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open('tabsmith');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite');
    if (key === undefined) tx.objectStore(store).put(value);
    else tx.objectStore(store).put(value, key);
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
  db.close();
}

const originalPut = IDBObjectStore.prototype.put;
afterEach(() => {
  IDBObjectStore.prototype.put = originalPut;
});

function fresh(): { factory: IDBFactory; repo: ProjectRepository } {
  const factory = new IDBFactory();
  return { factory, repo: createIndexedDbRepository({ factory, keyRange: IDBKeyRange }) };
}

describe('IndexedDB repository', () => {
  it('round-trips a record, binary files included', async () => {
    const { repo } = fresh();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    const saved = record('Counter app', 10, {
      files: { 'src/App.tsx': 'export default 1;', 'public/logo.png': png },
      folders: ['empty'],
      openTabs: ['src/App.tsx'],
      activeTab: 'src/App.tsx',
      messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'hi' }] }],
      paneSizes: { main: [25, 75] },
      modelId: 'demo:starter',
      pendingPrompt: 'make a counter',
    });
    await repo.save(saved);
    const loaded = await repo.load(saved.meta.id);
    expect(loaded).toEqual(saved);
    const bytes = loaded?.files['public/logo.png'];
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...(bytes as Uint8Array)]).toEqual([...png]);
  });

  it('returns null for a project that does not exist', async () => {
    const { repo } = fresh();
    expect(await repo.load('nope')).toBeNull();
  });

  it('lists newest opened first, without the bodies', async () => {
    const { repo } = fresh();
    const a = record('A', 100);
    const b = record('B', 300);
    const c = record('C', 200);
    for (const r of [a, b, c]) await repo.save(r);
    const listing = await repo.list();
    expect(listing.map((l) => (l.status === 'ok' ? l.meta.name : l.id))).toEqual(['B', 'C', 'A']);
    expect(listing[0]).toEqual({ status: 'ok', meta: b.meta });
  });

  it('lists a damaged record as damaged instead of failing', async () => {
    const { factory, repo } = fresh();
    const good = record('Good', 100);
    await repo.save(good);
    await rawPut(factory, 'meta', { id: 'broken', name: 42 });
    const orphan = record('Orphan', 50);
    await rawPut(factory, 'meta', orphan.meta);
    const listing = await repo.list();
    expect(listing[0]).toEqual({ status: 'ok', meta: good.meta });
    expect(listing).toContainEqual({ status: 'damaged', id: 'broken', reason: expect.stringMatching(/no name/) });
    expect(listing).toContainEqual({ status: 'damaged', id: orphan.meta.id, reason: expect.stringMatching(/files are missing/) });
  });

  it('refuses to load a record whose contents, files or chat are unreadable', async () => {
    const { factory, repo } = fresh();
    const r = record('Broken', 1, { files: { 'a.ts': 'a' } });
    await repo.save(r);
    await rawPut(factory, 'files', 12, [r.meta.id, 'a.ts']);
    await expect(repo.load(r.meta.id)).rejects.toMatchObject({ kind: 'damaged', message: expect.stringMatching(/"a.ts" is unreadable/) });
    await rawPut(factory, 'files', 'a', [r.meta.id, 'a.ts']);
    await rawPut(factory, 'chats', 'nope', r.meta.id);
    await expect(repo.load(r.meta.id)).rejects.toMatchObject({ kind: 'damaged', message: expect.stringMatching(/chat history/) });
    await rawPut(factory, 'projects', 'nope', r.meta.id);
    await expect(repo.load(r.meta.id)).rejects.toBeInstanceOf(PersistenceError);
  });

  it('fills in missing layout state instead of calling the record damaged', async () => {
    const { factory, repo } = fresh();
    const r = record('Old', 1, { files: { 'a.ts': 'a' } });
    await repo.save(r);
    await rawPut(factory, 'projects', { openTabs: ['a.ts', 'gone.ts'], activeTab: 'gone.ts', paneSizes: 'x', deleted: 'y' }, r.meta.id);
    const loaded = await repo.load(r.meta.id);
    expect(loaded).toMatchObject({ files: { 'a.ts': 'a' }, folders: [], openTabs: ['a.ts'], activeTab: null, paneSizes: {}, modelId: null, deleted: {} });
  });

  it('saves a change set by writing only the records it names', async () => {
    const { repo } = fresh();
    const r = record('Big', 1, { files: { 'a.ts': 'a', 'b.ts': 'b', 'c.ts': 'c' }, messages: [{ id: 'm1' }] });
    await repo.save(r);
    const written: string[] = [];
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      written.push(this.name);
      return originalPut.apply(this, args);
    };
    await repo.saveChanges({ meta: r.meta, writes: { 'b.ts': 'B' }, deletes: ['c.ts'] });
    expect(written).toEqual(['meta', 'files']);
    IDBObjectStore.prototype.put = originalPut;
    const loaded = await repo.load(r.meta.id);
    expect(loaded?.files).toEqual({ 'a.ts': 'a', 'b.ts': 'B' });
    expect(loaded?.messages).toEqual([{ id: 'm1' }]);
    await repo.saveChanges({ meta: r.meta, messages: [{ id: 'm2' }], state: { ...r, folders: ['empty'] } });
    expect(await repo.load(r.meta.id)).toMatchObject({ messages: [{ id: 'm2' }], folders: ['empty'], files: { 'a.ts': 'a', 'b.ts': 'B' } });
  });

  it('keeps projects saved by the previous version, moving their files into records of their own', async () => {
    const factory = new IDBFactory();
    const old = record('From v1', 5, { files: {}, messages: [] });
    await new Promise<void>((resolve, reject) => {
      const request = factory.open('tabsmith', 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('meta', { keyPath: 'id' });
        request.result.createObjectStore('projects');
      };
      request.onsuccess = () => {
        const tx = request.result.transaction(['meta', 'projects'], 'readwrite');
        tx.objectStore('meta').put(old.meta);
        tx.objectStore('projects').put({ files: { 'src/App.tsx': 'app', 'logo.png': new Uint8Array([1, 2]) }, folders: ['empty'], messages: [{ id: 'm1' }], openTabs: ['src/App.tsx'], activeTab: 'src/App.tsx' }, old.meta.id);
        tx.objectStore('meta').put({ ...old.meta, id: 'lost', name: 'Lost' });
        tx.objectStore('projects').put({ folders: [] }, 'lost');
        tx.oncomplete = () => {
          request.result.close();
          resolve();
        };
        tx.onabort = () => reject(tx.error);
      };
      request.onerror = () => reject(request.error);
    });
    const repo = createIndexedDbRepository({ factory, keyRange: IDBKeyRange });
    const loaded = await repo.load(old.meta.id);
    expect(loaded).toMatchObject({ files: { 'src/App.tsx': 'app' }, folders: ['empty'], messages: [{ id: 'm1' }], activeTab: 'src/App.tsx' });
    expect([...(loaded?.files['logo.png'] as Uint8Array)]).toEqual([1, 2]);
    await expect(repo.load('lost')).rejects.toMatchObject({ kind: 'damaged', message: expect.stringMatching(/files are missing/) });
  });

  it('deletes a project', async () => {
    const { repo } = fresh();
    const a = record('A', 1);
    const b = record('B', 2);
    await repo.save(a);
    await repo.save(b);
    await repo.delete(a.meta.id);
    expect(await repo.load(a.meta.id)).toBeNull();
    expect((await repo.list()).map((l) => l.status === 'ok' && l.meta.name)).toEqual(['B']);
  });

  it('rejects with a quota error when the write aborts, keeping what was saved before', async () => {
    const { repo } = fresh();
    const first = record('Keep me', 1, { files: { 'a.ts': 'original' } });
    await repo.save(first);
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = originalPut.apply(this, args);
      // As browsers do when storage is full: the transaction aborts with QuotaExceededError.
      (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      return request;
    };
    const bigger = { ...first, files: { 'a.ts': 'changed', 'b.ts': 'new' } };
    const failure = await repo.save(bigger).then(() => null, (error: unknown) => error);
    expect(failure).toBeInstanceOf(PersistenceError);
    expect(failure).toMatchObject({ kind: 'quota', message: QUOTA_MESSAGE });
    IDBObjectStore.prototype.put = originalPut;
    expect((await repo.load(first.meta.id))?.files).toEqual({ 'a.ts': 'original' });
  });

  it('rejects with a quota error when put throws synchronously, and writes nothing', async () => {
    const { repo } = fresh();
    const first = record('Keep me', 1, { files: { 'a.ts': 'original' } });
    await repo.save(first);
    let calls = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      calls++;
      if (calls === 2) throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return originalPut.apply(this, args);
    };
    const renamed = { ...first, meta: { ...first.meta, name: 'Renamed' }, files: {} };
    await expect(repo.save(renamed)).rejects.toMatchObject({ kind: 'quota' });
    IDBObjectStore.prototype.put = originalPut;
    const loaded = await repo.load(first.meta.id);
    expect(loaded?.meta.name).toBe('Keep me');
    expect(loaded?.files).toEqual({ 'a.ts': 'original' });
  });

  it('reports unavailable storage plainly', async () => {
    const broken = { open: () => { throw new DOMException('denied', 'SecurityError'); } } as unknown as IDBFactory;
    const repo = createIndexedDbRepository({ factory: broken });
    await expect(repo.list()).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/not letting Tabsmith store projects/) });
  });

  it('reconnects once when the browser has closed the connection', async () => {
    const { repo } = fresh();
    await repo.save(record('A', 1));
    const originalTransaction = FakeIDBDatabase.prototype.transaction;
    let failures = 0;
    FakeIDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      if (failures++ === 0) throw new DOMException('The database connection is closing.', 'InvalidStateError');
      return originalTransaction.apply(this, args);
    } as typeof originalTransaction;
    try {
      expect(await repo.list()).toHaveLength(1);
    } finally {
      FakeIDBDatabase.prototype.transaction = originalTransaction;
    }
    expect(failures).toBe(2);
  });

  it('keeps separate databases apart by name', async () => {
    const factory = new IDBFactory();
    const one = createIndexedDbRepository({ factory, keyRange: IDBKeyRange, dbName: 'one' });
    const two = createIndexedDbRepository({ factory, keyRange: IDBKeyRange, dbName: 'two' });
    await one.save(record('A', 1));
    expect(await two.list()).toEqual([]);
  });
});

describe('newProjectRecord', () => {
  it('creates an empty project with a fresh id and timestamps', () => {
    const a = newProjectRecord({ name: 'A', pendingPrompt: 'make a game' });
    const b = newProjectRecord({ name: '  ' });
    expect(a.meta.id).not.toBe(b.meta.id);
    expect(a.meta.id).toMatch(/^[a-z0-9]{12}$/);
    expect(b.meta.name).toBe('Untitled project');
    expect(a).toMatchObject({ files: {}, folders: [], openTabs: [], activeTab: null, messages: [], pendingPrompt: 'make a game', modelId: null });
    expect(a.meta.createdAt).toBe(a.meta.openedAt);
  });
});

describe('projectNameFromPrompt', () => {
  it.each([
    ['Build me a counter app with a reset button', 'Counter app'],
    ['make a simple todo list where I can tick things off', 'Todo list'],
    ["I'd like a pomodoro timer. It should beep.", 'Pomodoro timer'],
    ['Create an API dashboard for my team', 'API dashboard'],
    ['Tetris', 'Tetris'],
    ['a landing page for my bakery, with a menu and opening hours', 'Landing page'],
    ['Recipe Book App Showing My Favourite Meals', 'Recipe book app'],
    ['   ', 'Untitled project'],
    ['please make', 'Please make'],
  ])('%j → %j', (prompt, name) => {
    expect(projectNameFromPrompt(prompt)).toBe(name);
  });

  it('keeps names short', () => {
    const name = projectNameFromPrompt('supercalifragilistic expialidocious wonderfully extraordinary magnificent spectacular thing');
    expect(name.length).toBeLessThanOrEqual(40);
    expect(name.length).toBeGreaterThan(0);
  });
});
