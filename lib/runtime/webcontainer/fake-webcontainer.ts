import type {
  BootWebContainer,
  DirEntLike,
  FileTree,
  PreviewMessageLike,
  WatchEventType,
  WebContainerBootRequest,
  WebContainerFsLike,
  WebContainerLike,
  WebContainerProcessLike,
  WebContainerSpawnOptions,
} from './webcontainer-api';

/** A typed, in-memory stand-in for `@webcontainer/api`, for unit tests. */

function fsError(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}

function clean(path: string): string {
  const trimmed = path.replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '.' ? '' : trimmed;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

type WatchListener = (event: WatchEventType, filename: string) => void;

export class FakeFileSystem implements WebContainerFsLike {
  readonly files = new Map<string, Uint8Array>();
  readonly folders = new Set<string>(['']);
  private readonly watchers = new Set<WatchListener>();

  private notify(event: WatchEventType, path: string): void {
    for (const watcher of [...this.watchers]) watcher(event, path);
  }

  async readFile(path: string): Promise<Uint8Array> {
    const key = clean(path);
    const bytes = this.files.get(key);
    if (bytes) return bytes.slice();
    throw fsError(this.folders.has(key) ? 'EISDIR' : 'ENOENT', key);
  }

  async writeFile(path: string, data: string | Uint8Array): Promise<void> {
    const key = clean(path);
    if (!this.folders.has(parentOf(key))) throw fsError('ENOENT', key);
    if (this.folders.has(key)) throw fsError('EISDIR', key);
    const existed = this.files.has(key);
    this.files.set(key, typeof data === 'string' ? new TextEncoder().encode(data) : data.slice());
    this.notify(existed ? 'change' : 'rename', key);
  }

  async mkdir(path: string, options: { recursive: true }): Promise<string> {
    void options;
    const key = clean(path);
    const segments = key.split('/');
    for (let index = 1; index <= segments.length; index++) {
      const folder = segments.slice(0, index).join('/');
      if (this.files.has(folder)) throw fsError('EEXIST', folder);
      if (!this.folders.has(folder)) {
        this.folders.add(folder);
        this.notify('rename', folder);
      }
    }
    return key;
  }

  async rm(path: string, options: { force?: boolean; recursive?: boolean } = {}): Promise<void> {
    const key = clean(path);
    if (this.files.delete(key)) {
      this.notify('rename', key);
      return;
    }
    if (this.folders.has(key)) {
      const inside = (candidate: string) => candidate.startsWith(`${key}/`);
      const hasChildren = [...this.files.keys()].some(inside) || [...this.folders].some(inside);
      if (hasChildren && !options.recursive) throw fsError('ENOTEMPTY', key);
      for (const file of [...this.files.keys()].filter(inside)) this.files.delete(file);
      for (const folder of [...this.folders].filter(inside)) this.folders.delete(folder);
      this.folders.delete(key);
      this.notify('rename', key);
      return;
    }
    if (!options.force) throw fsError('ENOENT', key);
  }

  async readdir(path: string, options: { withFileTypes: true }): Promise<DirEntLike[]> {
    void options;
    const key = clean(path);
    if (!this.folders.has(key)) throw fsError(this.files.has(key) ? 'ENOTDIR' : 'ENOENT', key);
    const prefix = key === '' ? '' : `${key}/`;
    const childName = (candidate: string) =>
      candidate.startsWith(prefix) && candidate !== key && !candidate.slice(prefix.length).includes('/')
        ? candidate.slice(prefix.length)
        : null;
    const entries: DirEntLike[] = [];
    for (const folder of this.folders) {
      const name = childName(folder);
      if (name) entries.push({ name, isFile: () => false, isDirectory: () => true });
    }
    for (const file of this.files.keys()) {
      const name = childName(file);
      if (name) entries.push({ name, isFile: () => true, isDirectory: () => false });
    }
    return entries.sort((a, b) => a.name.localeCompare(b.name));
  }

  watch(
    path: string,
    options: { recursive?: boolean },
    listener: (event: WatchEventType, filename: string | Uint8Array) => void,
  ) {
    void path;
    void options;
    this.watchers.add(listener);
    return { close: () => void this.watchers.delete(listener) };
  }

  get watcherCount(): number {
    return this.watchers.size;
  }
}

/** Controls one scripted process from a test. */
export class FakeProcess implements WebContainerProcessLike {
  readonly output: ReadableStream<string>;
  readonly input: WritableStream<string>;
  readonly exit: Promise<number>;
  readonly received: string[] = [];
  readonly sizes: { cols: number; rows: number }[] = [];
  killed = false;
  inputClosed = false;
  /** When true, kill() is ignored, as a process stuck in uninterruptible work would. */
  ignoresKill = false;
  private outputController!: ReadableStreamDefaultController<string>;
  private resolveExit!: (code: number) => void;
  private ended = false;

  constructor(
    readonly command: string,
    readonly args: string[],
    readonly options: WebContainerSpawnOptions | undefined,
  ) {
    this.output = new ReadableStream<string>({
      start: (controller) => {
        this.outputController = controller;
      },
    });
    this.input = new WritableStream<string>({
      write: (chunk) => {
        this.received.push(chunk);
      },
      close: () => {
        this.inputClosed = true;
      },
    });
    this.exit = new Promise((resolve) => {
      this.resolveExit = resolve;
    });
  }

  print(text: string): void {
    if (!this.ended) this.outputController.enqueue(text);
  }

  end(code: number): void {
    if (this.ended) return;
    this.ended = true;
    this.outputController.close();
    this.resolveExit(code);
  }

  kill(): void {
    if (this.ignoresKill) return;
    this.killed = true;
    this.end(143);
  }

  resize(dimensions: { cols: number; rows: number }): void {
    this.sizes.push(dimensions);
  }
}

/** What a scripted command does once spawned; it may finish at once or keep running. */
export type FakeCommand = (process: FakeProcess, container: FakeWebContainer) => void | Promise<void>;

type EventListeners = {
  port: (port: number, type: 'open' | 'close', url: string) => void;
  'server-ready': (port: number, url: string) => void;
  'preview-message': (message: PreviewMessageLike) => void;
  error: (error: { message: string }) => void;
};

export class FakeWebContainer implements WebContainerLike {
  readonly fs = new FakeFileSystem();
  readonly spawned: FakeProcess[] = [];
  readonly commands = new Map<string, FakeCommand>();
  tornDown = false;
  mounts = 0;
  private readonly listeners: { [K in keyof EventListeners]: Set<EventListeners[K]> } = {
    port: new Set(),
    'server-ready': new Set(),
    'preview-message': new Set(),
    error: new Set(),
  };

  async mount(tree: FileTree, folder = ''): Promise<void> {
    if (folder === '') this.mounts += 1;
    for (const [name, node] of Object.entries(tree)) {
      const path = folder === '' ? name : `${folder}/${name}`;
      if ('directory' in node) {
        await this.fs.mkdir(path, { recursive: true });
        await this.mount(node.directory, path);
      } else {
        await this.fs.writeFile(path, node.file.contents);
      }
    }
  }

  async spawn(command: string, args: string[], options?: WebContainerSpawnOptions): Promise<FakeProcess> {
    const process = new FakeProcess(command, args, options);
    this.spawned.push(process);
    const line = args[0] === '-c' ? args[1] : '';
    const script = this.commands.get(line);
    if (script) {
      void Promise.resolve()
        .then(() => script(process, this))
        .catch(() => process.end(1));
    } else if (line !== '') {
      void Promise.resolve().then(() => {
        process.print(`jsh: command not found: ${line}\r\n`);
        process.end(127);
      });
    }
    return process;
  }

  on<K extends keyof EventListeners>(event: K, listener: EventListeners[K]): () => void {
    const set = this.listeners[event] as Set<EventListeners[K]>;
    set.add(listener);
    return () => void set.delete(listener);
  }

  emit<K extends keyof EventListeners>(event: K, ...args: Parameters<EventListeners[K]>): void {
    for (const listener of [...this.listeners[event]]) {
      (listener as (...values: Parameters<EventListeners[K]>) => void)(...args);
    }
  }

  listenerCount(event: keyof EventListeners): number {
    return this.listeners[event].size;
  }

  teardown(): void {
    this.tornDown = true;
    for (const process of this.spawned) process.end(143);
  }
}

/** A boot function that hands out `container` and records each request. */
export function fakeBoot(container: FakeWebContainer = new FakeWebContainer()): BootWebContainer & {
  requests: WebContainerBootRequest[];
  container: FakeWebContainer;
} {
  const requests: WebContainerBootRequest[] = [];
  const boot = async (request: WebContainerBootRequest) => {
    requests.push(request);
    return container;
  };
  return Object.assign(boot, { requests, container });
}

/** A boot that never settles, as when StackBlitz cannot be reached; `settle` lets a test finish it late. */
export function hangingBoot(): BootWebContainer & {
  settle(container: FakeWebContainer): void;
  state: { calls: number };
} {
  let resolveBoot: ((container: FakeWebContainer) => void) | null = null;
  const state = { calls: 0 };
  const boot = () => {
    state.calls += 1;
    return new Promise<WebContainerLike>((resolve) => {
      resolveBoot = resolve;
    });
  };
  return Object.assign(boot, {
    settle: (container: FakeWebContainer) => resolveBoot?.(container),
    state,
  });
}
