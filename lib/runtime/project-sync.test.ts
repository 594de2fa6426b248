import { describe, expect, it, vi } from 'vitest';
import type { ChangeOrigin, ProjectFileChange } from '../project/project-store';
import { createIgnoreRules } from '../project/ignore-rules';
import type { Deletions, FileContent } from '../project/types';
import { syncProjectToRuntime, type LargeFile, type SyncableStore, type SyncError } from './project-sync';
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

  readonly deleted: Deletions = {};
  private readonly rules = createIgnoreRules();

  listRuntimeFiles() {
    return [...this.files.keys()].sort();
  }

  isIgnored(path: string) {
    return this.rules.ignores(path);
  }

  deletions() {
    return this.deleted;
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

  // How fast is measured by bench/editor-save-sync.bench.ts; here only that the save arrives by itself.
  it('delivers a save to the runtime', async () => {
    const { store, runtime } = await started();
    store.writeFile('index.js', 'console.log(2)');
    while (runtime.files.get('index.js') !== 'console.log(2)') await sleep(2);
    expect(runtime.files.get('index.js')).toBe('console.log(2)');
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

  it("sends a step's changes in one delivery, and flags only the change in it that failed", async () => {
    const { store, runtime, sync } = await started({ 'old.js': 'old' });
    runtime.failingPaths.add('src/b.js');
    store.writeFile('src/a.js', 'a', 'agent');
    store.writeFile('src/b.js', 'b', 'agent');
    store.deleteFile('old.js', 'agent');
    await sync.flush();

    expect(runtime.deliveries).toEqual([['src/a.js', 'src/b.js', 'old.js']]);
    expect(runtime.files.get('src/a.js')).toBe('a');
    expect(runtime.files.has('old.js')).toBe(false);
    expect(sync.failedPaths()).toEqual(['src/b.js']);
    expect(sync.failureOf('src/b.js')).toContain('Could not write src/b.js: disk full');
  });

  it('flags every change of a delivery that could not be sent', async () => {
    const { store, runtime, sync } = await started();
    runtime.applyFileChanges = async () => {
      throw new Error('Could not reach the runtime on this computer.');
    };
    store.writeFile('a.txt', 'A');
    store.writeFile('b.txt', 'B');
    await sync.flush();
    expect(sync.failedPaths()).toEqual(['a.txt', 'b.txt']);
    expect(sync.failureOf('a.txt')).toContain('Could not reach the runtime');
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

describe('reconciling on mount', () => {
  it('sends the recorded deletions and takes in what the runtime kept, large files fetched on their own', async () => {
    const store = new MiniStore({ 'index.js': 'x' });
    store.deleted['old.js'] = 1234;
    const runtime = new FakeRuntime();
    const big = new Uint8Array([7, 7, 7]);
    runtime.files.set('data.db', big);
    runtime.keptOnMount = [
      { path: 'made-by-command.txt', content: 'hello' },
      { path: 'data.db', tooLarge: true, size: 6 * 1024 * 1024 },
      { path: 'dist/bundle.js', content: 'ignored' },
    ];
    const sync = syncProjectToRuntime(store, runtime, { coalesceMs: 20 });
    await sync.mounted;
    expect(runtime.mountOptions).toEqual([{ deleted: { 'old.js': 1234 } }]);
    expect(store.files.get('made-by-command.txt')).toBe('hello');
    expect(store.files.get('data.db')).toEqual(big);
    expect(store.files.has('dist/bundle.js')).toBe(false);
    expect(store.writes.filter((w) => w.origin === 'runtime').map((w) => w.path)).toEqual(['made-by-command.txt', 'data.db']);
    // Taken in as the runtime's own files: nothing is written back.
    await sync.flush();
    expect(runtime.log).toEqual([]);
    sync.dispose();
  });

  it('takes in a large file a command writes later, when the runtime announces it', async () => {
    const store = new MiniStore({});
    const runtime = new FakeRuntime();
    const listeners = new Set<(file: LargeFile) => void>();
    const sync = syncProjectToRuntime(store, runtime, {
      coalesceMs: 20,
      onLargeFile: (listener) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    });
    await sync.mounted;
    runtime.files.set('out/video.bin', new Uint8Array([1, 2, 3]));
    for (const listener of listeners) listener({ path: 'out/video.bin', size: 10 * 1024 * 1024 });
    await vi.waitFor(() => expect(store.files.get('out/video.bin')).toEqual(new Uint8Array([1, 2, 3])));
    sync.dispose();
    expect(listeners.size).toBe(0);
  });

  it('does not take in build output or other ignored files that commands change', async () => {
    const { store, runtime, sync } = await started();
    runtime.processChangedFile({ kind: 'write', path: 'dist/index.html', content: '<html>' });
    runtime.processChangedFile({ kind: 'write', path: 'src/new.js', content: 'new' });
    expect(store.files.has('dist/index.html')).toBe(false);
    expect(store.files.get('src/new.js')).toBe('new');
    sync.dispose();
  });
});
