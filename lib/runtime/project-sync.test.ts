import { describe, expect, it } from 'vitest';
import type { ChangeOrigin, ProjectFileChange } from '../project/project-store';
import type { FileContent } from '../project/types';
import { syncProjectToRuntime, type SyncableStore, type SyncError } from './project-sync';
import { FakeRuntime } from './test-support/fake-runtime';

class MiniStore implements SyncableStore {
  readonly files = new Map<string, FileContent>();
  readonly writes: { path: string; origin?: ChangeOrigin }[] = [];
  private readonly listeners = new Set<(change: ProjectFileChange) => void>();

  constructor(initial: Record<string, FileContent> = {}) {
    for (const [path, content] of Object.entries(initial)) this.files.set(path, content);
  }

  readFile(path: string) {
    return this.files.get(path);
  }

  listFiles() {
    return [...this.files.keys()].sort();
  }

  writeFile(path: string, content: FileContent, origin: ChangeOrigin = 'user') {
    this.files.set(path, content);
    this.writes.push({ path, origin });
    for (const listener of [...this.listeners]) listener({ kind: 'write', path, content, origin });
  }

  deleteFile(path: string, origin: ChangeOrigin = 'user') {
    this.files.delete(path);
    for (const listener of [...this.listeners]) listener({ kind: 'delete', path, origin });
  }

  onFileChange(listener: (change: ProjectFileChange) => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function started(initial: Record<string, FileContent> = { 'index.js': 'console.log(1)' }) {
  const store = new MiniStore(initial);
  const runtime = new FakeRuntime();
  const sync = syncProjectToRuntime(store, runtime, { coalesceMs: 20 });
  await sync.mounted;
  return { store, runtime, sync };
}

describe('syncProjectToRuntime: store → runtime', () => {
  it('mounts every project file on start', async () => {
    const { runtime } = await started({ 'package.json': '{}', 'src/main.js': 'main', 'logo.png': new Uint8Array([1, 2]) });
    expect(runtime.mounts).toEqual([{ 'package.json': '{}', 'src/main.js': 'main', 'logo.png': new Uint8Array([1, 2]) }]);
  });

  it('delivers a save to the runtime well within the 200 ms budget', async () => {
    const { store, runtime } = await started();
    const savedAt = performance.now();
    store.writeFile('index.js', 'console.log(2)');
    while (runtime.files.get('index.js') !== 'console.log(2)') {
      if (performance.now() - savedAt > 1000) break;
      await sleep(2);
    }
    expect(runtime.files.get('index.js')).toBe('console.log(2)');
    expect(performance.now() - savedAt).toBeLessThan(150);
  });

  it('coalesces quick successive changes to one path into one write of the latest content', async () => {
    const { store, runtime, sync } = await started();
    store.writeFile('index.js', 'a');
    store.writeFile('index.js', 'ab');
    store.writeFile('index.js', 'abc');
    await sync.flush();
    expect(runtime.log).toEqual(['write index.js']);
    expect(runtime.files.get('index.js')).toBe('abc');
  });

  it('forwards deletes', async () => {
    const { store, runtime, sync } = await started();
    store.deleteFile('index.js');
    await sync.flush();
    expect(runtime.files.has('index.js')).toBe(false);
  });

  it('does not send changes that came from the runtime back to it', async () => {
    const { store, runtime, sync } = await started();
    store.writeFile('package-lock.json', '{}', 'runtime');
    await sync.flush();
    expect(runtime.log).toEqual([]);
  });

  it('flush() resolves only once pending writes have reached the runtime', async () => {
    const { store, runtime, sync } = await started();
    runtime.writeDelayMs = 30;
    store.writeFile('server.js', 'listen()', 'agent');
    expect(runtime.files.has('server.js')).toBe(false);
    await sync.flush();
    expect(runtime.files.get('server.js')).toBe('listen()');
  });

  it('sends changes made while the initial mount is in progress after the mount', async () => {
    const store = new MiniStore({ 'a.txt': '1' });
    const runtime = new FakeRuntime();
    const order: string[] = [];
    const mount = runtime.mount.bind(runtime);
    runtime.mount = async (files) => {
      await sleep(30);
      order.push('mount');
      return mount(files);
    };
    const sync = syncProjectToRuntime(store, runtime, { coalesceMs: 1 });
    store.writeFile('a.txt', '2');
    await sync.flush();
    order.push(...runtime.log);
    expect(order).toEqual(['mount', 'write a.txt']);
    expect(runtime.files.get('a.txt')).toBe('2');
  });
});

describe('syncProjectToRuntime: runtime → store', () => {
  it('brings files that commands create, change and delete into the store with origin runtime, without echo', async () => {
    const { store, runtime, sync } = await started();
    runtime.processChangedFile({ kind: 'write', path: 'package-lock.json', content: '{"v":3}' });
    runtime.processChangedFile({ kind: 'write', path: 'index.js', content: 'console.log(1);\n' });
    runtime.processChangedFile({ kind: 'delete', path: 'index.js' });
    await sync.flush();

    expect(store.files.get('package-lock.json')).toBe('{"v":3}');
    expect(store.files.has('index.js')).toBe(false);
    expect(store.writes).toEqual([
      { path: 'package-lock.json', origin: 'runtime' },
      { path: 'index.js', origin: 'runtime' },
    ]);
    expect(runtime.log).toEqual([]);
  });

  it('ignores runtime reports that match the store', async () => {
    const { store, runtime } = await started();
    runtime.processChangedFile({ kind: 'write', path: 'index.js', content: 'console.log(1)' });
    runtime.processChangedFile({ kind: 'delete', path: 'never-existed.txt' });
    expect(store.writes).toEqual([]);
  });

  it('keeps the store version when the runtime reports a file the user is still changing', async () => {
    const { store, runtime, sync } = await started();
    store.writeFile('index.js', 'user edit');
    runtime.processChangedFile({ kind: 'write', path: 'index.js', content: 'formatter output' });
    await sync.flush();
    expect(store.files.get('index.js')).toBe('user edit');
    expect(runtime.files.get('index.js')).toBe('user edit');
  });

  it('ignores a late echo of an older version it sent', async () => {
    const { store, runtime, sync } = await started();
    store.writeFile('index.js', 'v1');
    await sync.flush();
    store.writeFile('index.js', 'v2');
    await sync.flush();
    runtime.processChangedFile({ kind: 'write', path: 'index.js', content: 'v1' });
    expect(store.files.get('index.js')).toBe('v2');
  });
});

describe('syncProjectToRuntime: failures', () => {
  it('flags a file that fails to sync, keeps it in the store, and retries it on its next change', async () => {
    const { store, runtime, sync } = await started();
    const errors: SyncError[] = [];
    const flagged: string[][] = [];
    sync.onSyncError((error) => errors.push(error));
    sync.onFailedPathsChange((paths) => flagged.push(paths));

    runtime.failingPaths.add('big.bin');
    store.writeFile('big.bin', 'data');
    await sync.flush();

    expect(sync.failedPaths()).toEqual(['big.bin']);
    expect(errors).toEqual([{ path: 'big.bin', message: expect.stringContaining('"big.bin" could not be copied') }]);
    expect(store.files.get('big.bin')).toBe('data');

    runtime.failingPaths.delete('big.bin');
    store.writeFile('big.bin', 'data, again');
    await sync.flush();

    expect(sync.failedPaths()).toEqual([]);
    expect(runtime.files.get('big.bin')).toBe('data, again');
    expect(flagged).toEqual([['big.bin'], []]);
  });

  it('retries flagged files on flush', async () => {
    const { store, runtime, sync } = await started();
    runtime.failingPaths.add('a.txt');
    store.writeFile('a.txt', 'A');
    await sync.flush();
    runtime.failingPaths.delete('a.txt');
    await sync.flush();
    expect(runtime.files.get('a.txt')).toBe('A');
    expect(sync.failedPaths()).toEqual([]);
  });

  it('flags every file when the initial mount fails', async () => {
    const store = new MiniStore({ 'a.txt': '1', 'b.txt': '2' });
    const runtime = new FakeRuntime();
    runtime.mount = async () => {
      throw new Error('connection lost');
    };
    const sync = syncProjectToRuntime(store, runtime);
    await sync.mounted;
    expect(sync.failedPaths()).toEqual(['a.txt', 'b.txt']);
    await sync.flush();
    expect(sync.failedPaths()).toEqual([]);
    expect(runtime.files.get('b.txt')).toBe('2');
  });
});

describe('syncProjectToRuntime: dispose', () => {
  it('stops syncing in both directions', async () => {
    const { store, runtime, sync } = await started();
    sync.dispose();
    store.writeFile('index.js', 'after');
    runtime.processChangedFile({ kind: 'write', path: 'new.txt', content: 'x' });
    await sleep(40);
    expect(runtime.log).toEqual([]);
    expect(store.files.has('new.txt')).toBe(false);
  });
});
