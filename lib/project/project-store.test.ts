import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryRepository, type MemoryRepository } from './memory-repository';
import { PathError } from './paths';
import { newProjectRecord, PersistenceError, QUOTA_MESSAGE } from './persistence';
import { createProjectStore, type ProjectFileChange, type ProjectStore } from './project-store';
import type { FileMap } from './types';

let repository: MemoryRepository;
let store: ProjectStore;
let changes: ProjectFileChange[];
let clock: number;

function open(files: FileMap = {}, folders: string[] = [], saveDelayMs = 250): ProjectStore {
  const record = newProjectRecord({ name: 'Test', files, folders });
  record.meta.createdAt = record.meta.updatedAt = record.meta.openedAt = 1;
  store = createProjectStore(record, repository, { saveDelayMs, now: () => clock });
  changes = [];
  store.onFileChange((change) => changes.push(change));
  return store;
}

const record = () => store.getState().record;
const summary = () => changes.map((c) => `${c.kind} ${c.path} ${c.origin}`);

beforeEach(() => {
  repository = createMemoryRepository();
  clock = 1000;
});

afterEach(() => {
  store?.dispose();
  vi.useRealTimers();
});

describe('files', () => {
  it('writes, reads and lists files, hiding node_modules', () => {
    open();
    store.writeFile('./src/b.ts', 'b', 'agent');
    store.writeFile('a.txt', 'a');
    store.writeFile('node_modules/x/index.js', 'x', 'runtime');
    expect(store.readFile('src/b.ts')).toBe('b');
    expect(store.readFile('src//b.ts')).toBe('b');
    expect(store.readFile('missing')).toBeUndefined();
    expect(store.readFile('constructor')).toBeUndefined();
    expect(store.listFiles()).toEqual(['a.txt', 'src/b.ts']);
    expect(summary()).toEqual(['write src/b.ts agent', 'write a.txt user', 'write node_modules/x/index.js runtime']);
    expect(record().meta.updatedAt).toBe(1000);
  });

  it('keeps binary content as bytes', () => {
    open();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    store.writeFile('logo.png', png);
    expect(store.readFile('logo.png')).toBe(png);
  });

  it('refuses bad paths with PathError and changes nothing', () => {
    open({ 'a.txt': 'a' });
    for (const bad of ['../x', '/etc/passwd', '.git/config', '']) {
      expect(() => store.writeFile(bad, 'x')).toThrow(PathError);
    }
    expect(store.listFiles()).toEqual(['a.txt']);
    expect(changes).toEqual([]);
  });

  it('refuses a file where a folder is, and a file inside a file', () => {
    open({ 'src/a.ts': 'a', 'notes.txt': 'n' }, ['empty']);
    expect(() => store.writeFile('src', 'x')).toThrow(/is a folder/);
    expect(() => store.writeFile('empty', 'x')).toThrow(/is a folder/);
    expect(() => store.writeFile('notes.txt/inner.ts', 'x')).toThrow(/is a file/);
  });

  it('still reports a write whose content is unchanged, without a new save', async () => {
    open({ 'a.txt': 'same' });
    await store.flush();
    const saves = repository.saveCount;
    store.writeFile('a.txt', 'same', 'agent');
    expect(summary()).toEqual(['write a.txt agent']);
    await store.flush();
    expect(repository.saveCount).toBe(saves);
  });

  it('writing into an empty folder makes it an ordinary folder', () => {
    open({}, ['a/b']);
    store.writeFile('a/b/c.ts', 'c');
    expect(record().folders).toEqual([]);
    expect(store.listFolders()).toEqual(['a', 'a/b']);
  });

  it('deleteFile removes the file, closes its tab and keeps its folder', () => {
    open({ 'src/a.ts': 'a', 'b.ts': 'b' });
    store.openTab('src/a.ts');
    store.openTab('b.ts');
    store.setActiveTab('src/a.ts');
    store.deleteFile('src/a.ts', 'agent');
    expect(store.listFiles()).toEqual(['b.ts']);
    expect(record().openTabs).toEqual(['b.ts']);
    expect(record().activeTab).toBe('b.ts');
    expect(record().folders).toEqual(['src']);
    expect(summary()).toEqual(['delete src/a.ts agent']);
    store.deleteFile('missing.ts');
    expect(changes).toHaveLength(1);
  });

  it('renames a file, moving its tab', () => {
    open({ 'a.ts': 'A', 'b.ts': 'B' });
    store.openTab('a.ts');
    store.renamePath('a.ts', 'lib/a2.ts');
    expect(store.listFiles()).toEqual(['b.ts', 'lib/a2.ts']);
    expect(store.readFile('lib/a2.ts')).toBe('A');
    expect(record().openTabs).toEqual(['lib/a2.ts']);
    expect(record().activeTab).toBe('lib/a2.ts');
    expect(summary()).toEqual(['delete a.ts user', 'write lib/a2.ts user']);
  });

  it('renames a folder with everything in it, including empty subfolders', () => {
    open({ 'src/a.ts': 'a', 'src/deep/b.ts': 'b', 'srcx.ts': 'x' }, ['src/empty']);
    store.openTab('src/deep/b.ts');
    store.openTab('srcx.ts');
    store.renamePath('src', 'app');
    expect(store.listFiles()).toEqual(['app/a.ts', 'app/deep/b.ts', 'srcx.ts']);
    expect(record().folders).toEqual(['app/empty']);
    expect(record().openTabs).toEqual(['app/deep/b.ts', 'srcx.ts']);
    expect(summary()).toEqual([
      'delete src/a.ts user',
      'delete src/deep/b.ts user',
      'write app/a.ts user',
      'write app/deep/b.ts user',
    ]);
  });

  it('refuses renames onto existing paths, into itself, or of nothing', () => {
    open({ 'a.ts': 'a', 'src/b.ts': 'b' });
    expect(() => store.renamePath('a.ts', 'src/b.ts')).toThrow(/already exists/);
    expect(() => store.renamePath('a.ts', 'src')).toThrow(/already exists/);
    expect(() => store.renamePath('src', 'src/inner')).toThrow(/inside itself/);
    expect(() => store.renamePath('nope', 'x')).toThrow(/nothing named/);
    expect(() => store.renamePath('a.ts', '../a.ts')).toThrow(PathError);
    expect(store.listFiles()).toEqual(['a.ts', 'src/b.ts']);
  });

  it('creates empty folders, keeping only the leaves', () => {
    open({ 'a.ts': 'a' });
    store.createFolder('x');
    store.createFolder('x/y');
    store.createFolder('x/y');
    expect(record().folders).toEqual(['x/y']);
    expect(store.isFolder('x')).toBe(true);
    expect(store.listFolders()).toEqual(['x', 'x/y']);
    expect(() => store.createFolder('a.ts')).toThrow(/already a file/);
    expect(() => store.createFolder('.git')).toThrow(PathError);
  });

  it('deletePath removes a folder recursively and closes its tabs', () => {
    open({ 'src/a.ts': 'a', 'src/sub/b.ts': 'b', 'src.txt': 's', 'keep/c.ts': 'c' }, ['src/empty']);
    store.openTab('src/a.ts');
    store.openTab('src.txt');
    store.openTab('src/sub/b.ts');
    store.deletePath('src');
    expect(store.listFiles()).toEqual(['keep/c.ts', 'src.txt']);
    expect(record().folders).toEqual([]);
    expect(record().openTabs).toEqual(['src.txt']);
    expect(record().activeTab).toBe('src.txt');
    expect(summary()).toEqual(['delete src/a.ts user', 'delete src/sub/b.ts user']);
  });

  it('deletePath of a nested folder leaves its parent as an empty folder', () => {
    open({ 'a/b/c.ts': 'c' });
    store.deletePath('a/b');
    expect(store.listFiles()).toEqual([]);
    expect(record().folders).toEqual(['a']);
  });

  it('deletePath removes a single file too', () => {
    open({ 'a.ts': 'a' });
    store.deletePath('a.ts', 'agent');
    expect(summary()).toEqual(['delete a.ts agent']);
  });

  it('replaceFiles emits only the minimal writes and deletes', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    open({ 'same.ts': 's', 'changed.ts': 'old', 'gone.ts': 'g', 'img.bin': bytes });
    store.openTab('gone.ts');
    store.openTab('same.ts');
    store.replaceFiles(
      { 'same.ts': 's', 'changed.ts': 'new', './added.ts': 'a', 'img.bin': new Uint8Array([1, 2, 3]) },
      'restore',
    );
    expect(summary()).toEqual(['delete gone.ts restore', 'write added.ts restore', 'write changed.ts restore']);
    expect(store.listFiles()).toEqual(['added.ts', 'changed.ts', 'img.bin', 'same.ts']);
    expect(record().openTabs).toEqual(['same.ts']);
  });

  it('replaceFiles with nothing different changes nothing', () => {
    open({ 'a.ts': 'a' });
    const before = record();
    store.replaceFiles({ 'a.ts': 'a' }, 'runtime');
    expect(record()).toBe(before);
    expect(changes).toEqual([]);
  });

  it('replaceFiles rejects a bad path before changing anything', () => {
    open({ 'a.ts': 'a' });
    expect(() => store.replaceFiles({ 'b.ts': 'b', '../evil': 'x' }, 'import')).toThrow(PathError);
    expect(() => store.replaceFiles({ a: 'x', 'a/b': 'y' }, 'import')).toThrow(/both a file and a folder/);
    expect(store.listFiles()).toEqual(['a.ts']);
    expect(changes).toEqual([]);
  });

  it('replaceFiles can replace the empty folders too', () => {
    open({ 'a.ts': 'a' }, ['old']);
    store.replaceFiles({ 'a.ts': 'a' }, 'import', ['new/empty']);
    expect(record().folders).toEqual(['new/empty']);
  });

  it('a file named __proto__ is an ordinary file', () => {
    open({ 'a.ts': 'a' });
    store.writeFile('__proto__', 'p');
    store.renamePath('a.ts', 'b.ts');
    expect(store.listFiles()).toEqual(['__proto__', 'b.ts']);
    expect(store.readFile('__proto__')).toBe('p');
  });

  it('unsubscribed listeners hear nothing, and a throwing listener does not block others', () => {
    open();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const unsubscribe = store.onFileChange(() => {
      throw new Error('boom');
    });
    store.writeFile('a.ts', 'a');
    expect(changes).toHaveLength(1);
    expect(error).toHaveBeenCalled();
    unsubscribe();
    error.mockClear();
    store.writeFile('b.ts', 'b');
    expect(error).not.toHaveBeenCalled();
    expect(changes).toHaveLength(2);
  });
});

describe('tabs and session state', () => {
  it('opens, activates and closes tabs', () => {
    open({ 'a.ts': 'a', 'b.ts': 'b', 'c.ts': 'c' });
    store.openTab('a.ts');
    store.openTab('b.ts');
    store.openTab('c.ts');
    store.openTab('a.ts');
    expect(record().openTabs).toEqual(['a.ts', 'b.ts', 'c.ts']);
    expect(record().activeTab).toBe('a.ts');
    store.closeTab('a.ts');
    expect(record().activeTab).toBe('b.ts');
    store.setActiveTab('c.ts');
    store.closeTab('c.ts');
    expect(record().activeTab).toBe('b.ts');
    store.closeTab('b.ts');
    expect(record().openTabs).toEqual([]);
    expect(record().activeTab).toBeNull();
  });

  it('setActiveTab opens a tab that is not open yet, and null clears it', () => {
    open({ 'a.ts': 'a' });
    store.setActiveTab('a.ts');
    expect(record().openTabs).toEqual(['a.ts']);
    store.setActiveTab(null);
    expect(record().activeTab).toBeNull();
    expect(record().openTabs).toEqual(['a.ts']);
  });

  it('tab and layout changes are saved without counting as edits', () => {
    open({ 'a.ts': 'a' });
    clock = 5000;
    store.openTab('a.ts');
    store.setPaneSizes('main', [30, 70]);
    expect(record().meta.updatedAt).toBe(1);
    expect(record().paneSizes).toEqual({ main: [30, 70] });
  });

  it('sets messages, pending prompt, name and model, touching updatedAt', () => {
    open();
    clock = 2000;
    store.setMessages([{ id: 'm1' }]);
    expect(record().messages).toEqual([{ id: 'm1' }]);
    expect(record().meta.updatedAt).toBe(2000);
    clock = 3000;
    store.setPendingPrompt(null);
    expect(record().pendingPrompt).toBeNull();
    store.renameProject('  Counter app  ');
    expect(record().meta.name).toBe('Counter app');
    store.renameProject('   ');
    expect(record().meta.name).toBe('Counter app');
    store.setModel('openai:gpt-4o');
    expect(record().modelId).toBe('openai:gpt-4o');
    expect(record().meta.updatedAt).toBe(3000);
  });

  it('stamps openedAt when the store is created', () => {
    open();
    expect(record().meta.openedAt).toBe(1000);
    expect(record().meta.updatedAt).toBe(1);
  });
});

describe('saving', () => {
  it('debounces saves and saves the latest state once', async () => {
    vi.useFakeTimers();
    open();
    await vi.advanceTimersByTimeAsync(300);
    const afterOpen = repository.saveCount;
    expect(afterOpen).toBe(1);
    store.writeFile('a.ts', '1');
    await vi.advanceTimersByTimeAsync(200);
    store.writeFile('a.ts', '2');
    await vi.advanceTimersByTimeAsync(200);
    store.writeFile('a.ts', '3');
    expect(repository.saveCount).toBe(afterOpen);
    await vi.advanceTimersByTimeAsync(260);
    expect(repository.saveCount).toBe(afterOpen + 1);
    expect(repository.records.get(record().meta.id)?.files).toEqual({ 'a.ts': '3' });
  });

  it('flush saves immediately and resolves once persisted', async () => {
    open({}, [], 60_000);
    store.writeFile('a.ts', 'a');
    expect(repository.records.size).toBe(0);
    await store.flush();
    expect(repository.records.get(record().meta.id)?.files).toEqual({ 'a.ts': 'a' });
    expect(store.getState().saving).toBe(false);
    const count = repository.saveCount;
    await store.flush();
    expect(repository.saveCount).toBe(count);
  });

  it('flush waits for a save already in flight and then saves newer changes', async () => {
    open({}, [], 60_000);
    const pending: (() => void)[] = [];
    const originalSave = repository.saveChanges;
    repository.saveChanges = async (r) => {
      await new Promise<void>((resolve) => pending.push(resolve));
      return originalSave(r);
    };
    store.writeFile('a.ts', '1');
    const first = store.flush();
    expect(store.getState().saving).toBe(true);
    store.writeFile('a.ts', '2');
    const second = store.flush();
    let secondDone = false;
    void second.then(() => (secondDone = true));
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    pending[0]();
    await first;
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    expect(secondDone).toBe(false);
    expect(repository.records.get(record().meta.id)?.files).toEqual({ 'a.ts': '1' });
    pending[1]();
    await second;
    expect(repository.records.get(record().meta.id)?.files).toEqual({ 'a.ts': '2' });
  });

  it('surfaces a failed save, keeps the state, and clears the error after a later success', async () => {
    open({}, [], 60_000);
    await store.flush();
    repository.failWith = new PersistenceError('quota', QUOTA_MESSAGE);
    store.writeFile('a.ts', 'a');
    await store.flush();
    expect(store.getState().saveError).toBe(QUOTA_MESSAGE);
    expect(store.readFile('a.ts')).toBe('a');
    expect(repository.records.get(record().meta.id)?.files).toEqual({});

    repository.failWith = null;
    store.writeFile('b.ts', 'b');
    await store.flush();
    expect(store.getState().saveError).toBeNull();
    expect(repository.records.get(record().meta.id)?.files).toEqual({ 'a.ts': 'a', 'b.ts': 'b' });
  });

  it('words an unexpected save failure plainly', async () => {
    open({}, [], 60_000);
    repository.failWith = new Error('TransactionInactiveError: weird internals');
    store.writeFile('a.ts', 'a');
    await store.flush();
    expect(store.getState().saveError).toMatch(/could not save your latest changes/);
    expect(store.getState().saveError).not.toMatch(/internals/);
  });

  it('retries after a failure on the next mutation, without flush', async () => {
    vi.useFakeTimers();
    open();
    repository.failWith = new Error('disk');
    store.writeFile('a.ts', 'a');
    await vi.advanceTimersByTimeAsync(300);
    expect(store.getState().saveError).not.toBeNull();
    repository.failWith = null;
    store.writeFile('b.ts', 'b');
    await vi.advanceTimersByTimeAsync(300);
    expect(store.getState().saveError).toBeNull();
    expect(Object.keys(repository.records.get(record().meta.id)?.files ?? {})).toEqual(['a.ts', 'b.ts']);
  });

  it('dispose makes one last save of unsaved changes and stops listening', async () => {
    open({}, [], 60_000);
    store.writeFile('a.ts', 'a');
    store.dispose();
    await vi.waitFor(() => expect(repository.records.get(record().meta.id)?.files).toEqual({ 'a.ts': 'a' }));
    store.writeFile('b.ts', 'b');
    expect(changes).toHaveLength(1);
  });
});

describe('what a save costs', () => {
  function openBig(): void {
    const files: FileMap = {};
    for (let i = 0; i < 200; i++) files[`src/file-${i}.ts`] = `export const n = ${i};`;
    const seeded = newProjectRecord({ name: 'Big', files });
    repository = createMemoryRepository([seeded]);
    store = createProjectStore(seeded, repository, { saveDelayMs: 60_000, now: () => clock });
  }

  it('opening a tab or resizing a pane writes no file record and no chat', async () => {
    openBig();
    await store.flush();
    const before = repository.fileWrites.length;
    const chats = repository.chatWrites;
    store.openTab('src/file-3.ts');
    store.setActiveTab('src/file-4.ts');
    store.closeTab('src/file-3.ts');
    store.setPaneSizes('main', [30, 70]);
    await store.flush();
    expect(repository.fileWrites.length).toBe(before);
    expect(repository.chatWrites).toBe(chats);
    expect(repository.records.get(record().meta.id)).toMatchObject({ openTabs: ['src/file-4.ts'], paneSizes: { main: [30, 70] } });
  });

  it('saving one edited file writes that one file', async () => {
    openBig();
    await store.flush();
    repository.fileWrites.length = 0;
    store.writeFile('src/file-7.ts', 'changed');
    await store.flush();
    expect(repository.fileWrites).toEqual(['src/file-7.ts']);
    expect(repository.records.get(record().meta.id)?.files['src/file-7.ts']).toBe('changed');
    expect(Object.keys(repository.records.get(record().meta.id)?.files ?? {})).toHaveLength(200);
  });

  it('saves the chat at once, without touching files', async () => {
    vi.useFakeTimers();
    openBig();
    await vi.advanceTimersByTimeAsync(0);
    repository.fileWrites.length = 0;
    store.setMessages([{ id: 'm1' }]);
    await vi.advanceTimersByTimeAsync(0);
    expect(repository.records.get(record().meta.id)?.messages).toEqual([{ id: 'm1' }]);
    expect(repository.fileWrites).toEqual([]);
  });

  it('saves at once that the app runs or stopped, so a reload right after finds it', async () => {
    vi.useFakeTimers();
    open({ 'a.txt': 'a' }, [], 60_000);
    await store.flush();
    store.setAppWasRunning(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(repository.records.get(record().meta.id)?.appWasRunning).toBe(true);
    store.setAppWasRunning(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(repository.records.get(record().meta.id)?.appWasRunning).toBe(false);
  });

  it('a failed save keeps its changes for the next attempt', async () => {
    openBig();
    repository.failWith = new Error('disk');
    store.writeFile('src/file-1.ts', 'one');
    await store.flush();
    repository.failWith = null;
    store.writeFile('src/file-2.ts', 'two');
    await store.flush();
    const saved = repository.records.get(record().meta.id)?.files;
    expect(saved?.['src/file-1.ts']).toBe('one');
    expect(saved?.['src/file-2.ts']).toBe('two');
  });
});

describe('write-through', () => {
  it('persist resolves once the change is saved and rejects with the reason when it is not', async () => {
    open({}, [], 60_000);
    store.writeFile('a.ts', 'a');
    await store.persist();
    expect(repository.records.get(record().meta.id)?.files).toEqual({ 'a.ts': 'a' });
    repository.failWith = new PersistenceError('quota', QUOTA_MESSAGE);
    store.writeFile('b.ts', 'b');
    await expect(store.persist()).rejects.toMatchObject({ message: QUOTA_MESSAGE });
  });
});

describe('deletions', () => {
  it('remembers what the person or agent deleted, and forgets it when the path is written again', () => {
    open({ 'a.ts': 'a', 'src/b.ts': 'b', 'src/c.ts': 'c' });
    clock = 5000;
    store.deleteFile('a.ts', 'agent');
    store.deletePath('src');
    expect(record().deleted).toEqual({ 'a.ts': 5000, 'src/b.ts': 5000, 'src/c.ts': 5000 });
    store.writeFile('a.ts', 'again');
    expect(record().deleted).toEqual({ 'src/b.ts': 5000, 'src/c.ts': 5000 });
  });

  it('records the source of a rename as deleted', () => {
    open({ 'a.ts': 'a' });
    store.renamePath('a.ts', 'b.ts');
    expect(Object.keys(record().deleted)).toEqual(['a.ts']);
  });
});

describe('ignore rules', () => {
  it("lists files without build output or what the project's .gitignore leaves out", () => {
    open({ '.gitignore': 'secret.txt\n*.log\n', 'src/a.ts': 'a', 'secret.txt': 's', 'debug.log': 'd', 'dist/index.html': 'x' });
    expect(store.listFiles()).toEqual(['.gitignore', 'src/a.ts']);
    expect(store.listFolders()).toEqual(['src']);
    expect(store.isIgnored('dist/app.js')).toBe(true);
    store.writeFile('.gitignore', '');
    expect(store.listFiles()).toContain('secret.txt');
  });
});

describe('following another tab', () => {
  it('a read-only store refuses file changes and saves nothing', async () => {
    open({ 'a.ts': 'a' }, [], 0);
    await store.flush();
    const saves = repository.saveCount;
    store.setReadOnly(true);
    expect(() => store.writeFile('a.ts', 'b')).toThrow(/open in another tab/);
    expect(() => store.deletePath('a.ts')).toThrow(PathError);
    store.openTab('a.ts');
    await store.flush();
    expect(repository.saveCount).toBe(saves);
    expect(record().files['a.ts']).toBe('a');
  });

  it("mirrors the owner's saved copy, emitting what changed and keeping its own tabs", () => {
    open({ 'a.ts': 'a', 'b.ts': 'b' });
    store.openTab('a.ts');
    const theirs = { ...record(), files: { 'a.ts': 'A', 'c.ts': 'c' }, openTabs: ['c.ts'], activeTab: 'c.ts', messages: [{ id: 'x' }] };
    changes = [];
    store.mirror(theirs);
    expect(summary()).toEqual(['delete b.ts runtime', 'write a.ts runtime', 'write c.ts runtime']);
    expect(record()).toMatchObject({ files: { 'a.ts': 'A', 'c.ts': 'c' }, openTabs: ['a.ts'], activeTab: 'a.ts', messages: [{ id: 'x' }] });
  });
});
