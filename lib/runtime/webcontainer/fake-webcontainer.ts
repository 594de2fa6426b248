import type {
  DirEntLike,
  FileTree,
  PreviewMessageLike,
  WatchEventType,
  WebContainerBootOptions,
  WebContainerFsLike,
  WebContainerLike,
  WebContainerModuleLike,
  WebContainerProcessLike,
  WebContainerSpawnOptions,
} from './webcontainer-api';
import { loaderFor } from './load-webcontainer';

/**
 * An in-memory stand-in for `@webcontainer/api` 1.6.4, written from its type definitions and its
 * code, so unit tests meet the same rules the real module enforces:
 *
 * - one instance per tab: `boot()` waits for a boot in progress (the module's lock) and throws
 *   "Only a single WebContainer instance can be booted" while an instance is alive; a boot that
 *   cannot reach StackBlitz never settles and holds that lock for good;
 * - `configureAPIKey` after the first `boot()` throws; the first boot's `coep` sticks;
 * - `teardown()` throws the second time, finishes asynchronously (the next boot waits for it) and
 *   leaves every process, file system call and listener of that instance unusable;
 * - every call crosses to a worker: subscriptions (`on`, `fs.watch`) start a moment after the call,
 *   so events in between are missed, and events arrive asynchronously;
 * - input written after a process exited is dropped; exit codes are the ones the command chose.
 */

/** One trip to the WebContainer worker and back (the real API talks to it with postMessage). */
export function workerHop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const RELEASED = 'Proxy has been released and is not useable';

function fsError(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: no such file or directory, '${path}'`), { code });
}

function clean(path: string, workdir: string): string {
  let trimmed = path;
  if (trimmed === workdir || trimmed.startsWith(`${workdir}/`)) trimmed = trimmed.slice(workdir.length);
  trimmed = trimmed.replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '.' ? '' : trimmed;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

type WatchListener = (event: WatchEventType, filename: string | Uint8Array) => void;

interface Watch {
  folder: string;
  recursive: boolean;
  listener: WatchListener;
  active: boolean;
  closed: boolean;
}

export class FakeFileSystem implements WebContainerFsLike {
  readonly files = new Map<string, Uint8Array>();
  readonly folders = new Set<string>(['']);
  /** Every `watch()` call, in order, with the folder it watched. */
  readonly watchCalls: { path: string; recursive: boolean }[] = [];
  /** Paths whose next `readFile` fails with this error code although they exist (a file mid-write). */
  readonly failingReads = new Map<string, string>();
  /** Watch events delivered to listeners, after filtering by what each watcher covers. */
  delivered = 0;
  private readonly watches = new Set<Watch>();
  private released = false;

  constructor(private readonly workdir: string) {}

  /** Called by the container's teardown: every later call fails as on a released Comlink proxy. */
  release(): void {
    this.released = true;
    for (const watch of this.watches) watch.closed = true;
    this.watches.clear();
  }

  private async call(): Promise<void> {
    if (this.released) throw new TypeError(RELEASED);
    await workerHop();
    if (this.released) throw new TypeError(RELEASED);
  }

  private key(path: string): string {
    return clean(path, this.workdir);
  }

  /** Tells the watchers that cover `path`, with the name relative to the watched folder. */
  notify(event: WatchEventType, path: string): void {
    for (const watch of [...this.watches]) {
      if (!watch.active || watch.closed) continue;
      const prefix = watch.folder === '' ? '' : `${watch.folder}/`;
      if (path === watch.folder || !path.startsWith(prefix)) continue;
      const name = path.slice(prefix.length);
      if (!watch.recursive && name.includes('/')) continue;
      this.delivered += 1;
      void workerHop().then(() => {
        if (!watch.closed) watch.listener(event, name);
      });
    }
  }

  /** Delivers an event with a name exactly as given, to every watcher (names the API does not document). */
  emitRawWatchEvent(event: WatchEventType, filename: string | Uint8Array): void {
    for (const watch of [...this.watches]) {
      if (!watch.active || watch.closed) continue;
      void workerHop().then(() => {
        if (!watch.closed) watch.listener(event, filename);
      });
    }
  }

  async readFile(path: string): Promise<Uint8Array> {
    await this.call();
    const key = this.key(path);
    const failure = this.failingReads.get(key);
    if (failure) {
      this.failingReads.delete(key);
      throw fsError(failure, key);
    }
    const bytes = this.files.get(key);
    if (bytes) return bytes.slice();
    throw fsError(this.folders.has(key) ? 'EISDIR' : 'ENOENT', key);
  }

  async writeFile(path: string, data: string | Uint8Array): Promise<void> {
    await this.call();
    const key = this.key(path);
    if (!this.folders.has(parentOf(key))) throw fsError('ENOENT', key);
    if (this.folders.has(key)) throw fsError('EISDIR', key);
    const existed = this.files.has(key);
    this.files.set(key, typeof data === 'string' ? new TextEncoder().encode(data) : data.slice());
    this.notify(existed ? 'change' : 'rename', key);
  }

  async mkdir(path: string, options: { recursive: true }): Promise<string> {
    void options;
    await this.call();
    const key = this.key(path);
    const segments = key.split('/');
    let first = '';
    for (let index = 1; index <= segments.length; index++) {
      const folder = segments.slice(0, index).join('/');
      if (this.files.has(folder)) throw fsError('EEXIST', folder);
      if (!this.folders.has(folder)) {
        first ||= folder;
        this.folders.add(folder);
        this.notify('rename', folder);
      }
    }
    return first;
  }

  async rm(path: string, options: { force?: boolean; recursive?: boolean } = {}): Promise<void> {
    await this.call();
    const key = this.key(path);
    if (this.files.delete(key)) {
      this.notify('rename', key);
      return;
    }
    if (this.folders.has(key) && key !== '') {
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
    await this.call();
    const key = this.key(path);
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

  watch(path: string, options: { recursive?: boolean }, listener: WatchListener) {
    if (this.released) throw new TypeError(RELEASED);
    const watch: Watch = { folder: this.key(path), recursive: options.recursive === true, listener, active: false, closed: false };
    this.watchCalls.push({ path: watch.folder, recursive: watch.recursive });
    this.watches.add(watch);
    // The watcher exists only once the worker has set it up; changes before that are not reported.
    void workerHop().then(() => {
      watch.active = true;
    });
    return {
      close: () => {
        watch.closed = true;
        this.watches.delete(watch);
      },
    };
  }

  get watcherCount(): number {
    return this.watches.size;
  }

  /** Folders watched recursively right now. */
  get recursivelyWatched(): string[] {
    return [...this.watches].filter((watch) => watch.recursive).map((watch) => watch.folder).sort();
  }
}

/** Controls one scripted process from a test. */
export class FakeProcess implements WebContainerProcessLike {
  readonly output: ReadableStream<string>;
  readonly input: WritableStream<string>;
  readonly exit: Promise<number>;
  readonly received: string[] = [];
  /** Input written after the process had exited: the real API drops it with a console warning. */
  readonly droppedInput: string[] = [];
  readonly sizes: { cols: number; rows: number }[] = [];
  killed = false;
  /** The input stream was closed. The real API's input stream has no close handler: the process is not told (no end-of-file). */
  inputClosed = false;
  /** When true, kill() is ignored, as a process stuck in uninterruptible work would. */
  ignoresKill = false;
  /** The code a killed process exits with; a script that handles termination itself may change it. */
  killExitCode = 143;
  private outputController!: ReadableStreamDefaultController<string>;
  private resolveExit!: (code: number) => void;
  private ended = false;
  private released = false;

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
        if (this.ended || this.released) this.droppedInput.push(chunk);
        else this.received.push(chunk);
      },
      close: () => {
        this.inputClosed = true;
      },
    });
    this.exit = new Promise((resolve) => {
      this.resolveExit = resolve;
    });
  }

  get running(): boolean {
    return !this.ended && !this.released;
  }

  print(text: string): void {
    if (this.running) this.outputController.enqueue(text);
  }

  end(code: number): void {
    if (!this.running) return;
    this.ended = true;
    this.outputController.close();
    this.resolveExit(code);
  }

  kill(): void {
    if (!this.running || this.ignoresKill) return;
    this.killed = true;
    void workerHop().then(() => this.end(this.killExitCode));
  }

  resize(dimensions: { cols: number; rows: number }): void {
    if (this.running) this.sizes.push(dimensions);
  }

  /** The container was torn down: nothing more comes from this process, not even an exit code. */
  release(): void {
    this.released = true;
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

interface Subscription {
  event: keyof EventListeners;
  listener: (...args: never[]) => void;
  active: boolean;
  stopped: boolean;
}

export class FakeWebContainer implements WebContainerLike {
  readonly fs: FakeFileSystem;
  readonly workdir: string;
  readonly spawned: FakeProcess[] = [];
  readonly commands = new Map<string, FakeCommand>();
  /** Scripts registered with `setPreviewScript`, in order. */
  readonly previewScripts: string[] = [];
  tornDown = false;
  mounts = 0;
  /** Set by the module when this instance's teardown has finished. */
  teardownFinished: Promise<void> | null = null;
  private readonly subscriptions = new Set<Subscription>();

  constructor(workdirName = 'project') {
    this.workdir = `/home/${workdirName}`;
    this.fs = new FakeFileSystem(this.workdir);
  }

  private async call(): Promise<void> {
    if (this.tornDown) throw new TypeError(RELEASED);
    await workerHop();
    if (this.tornDown) throw new TypeError(RELEASED);
  }

  async mount(tree: FileTree): Promise<void> {
    await this.call();
    this.mounts += 1;
    await this.mountInto(tree, '');
  }

  private async mountInto(tree: FileTree, folder: string): Promise<void> {
    for (const [name, node] of Object.entries(tree)) {
      const path = folder === '' ? name : `${folder}/${name}`;
      if ('directory' in node) {
        await this.fs.mkdir(path, { recursive: true });
        await this.mountInto(node.directory, path);
      } else {
        await this.fs.writeFile(path, node.file.contents);
      }
    }
  }

  async setPreviewScript(scriptSource: string): Promise<void> {
    await this.call();
    this.previewScripts.push(scriptSource);
  }

  async spawn(command: string, args: string[], options?: WebContainerSpawnOptions): Promise<FakeProcess> {
    await this.call();
    const process = new FakeProcess(command, args, options);
    this.spawned.push(process);
    const line = args[0] === '-c' ? args[1] : '';
    const script = this.commands.get(line);
    if (script) {
      void workerHop()
        .then(() => script(process, this))
        .catch((error: unknown) => {
          process.print(`${error instanceof Error ? error.message : String(error)}\r\n`);
          process.end(1);
        });
    } else if (line !== '') {
      void workerHop().then(() => {
        process.print(`jsh: command not found: ${line.split(/\s+/)[0]}\r\n`);
        process.end(127);
      });
    }
    return process;
  }

  on<K extends keyof EventListeners>(event: K, listener: EventListeners[K]): () => void {
    const subscription: Subscription = { event, listener: listener as Subscription['listener'], active: false, stopped: false };
    this.subscriptions.add(subscription);
    // Registered in the worker a moment later; an event fired before then never reaches this listener.
    void workerHop().then(() => {
      subscription.active = true;
    });
    return () => {
      subscription.stopped = true;
      this.subscriptions.delete(subscription);
    };
  }

  /** Fires an event inside the container; listeners hear of it asynchronously, as over postMessage. */
  emit<K extends keyof EventListeners>(event: K, ...args: Parameters<EventListeners[K]>): void {
    if (this.tornDown) return;
    for (const subscription of [...this.subscriptions]) {
      if (subscription.event !== event || !subscription.active) continue;
      void workerHop().then(() => {
        if (!subscription.stopped) (subscription.listener as unknown as (...values: Parameters<EventListeners[K]>) => void)(...args);
      });
    }
  }

  listenerCount(event: keyof EventListeners): number {
    return [...this.subscriptions].filter((subscription) => subscription.event === event).length;
  }

  teardown(): void {
    if (this.tornDown) throw new Error('WebContainer already torn down');
    this.tornDown = true;
    this.fs.release();
    for (const subscription of this.subscriptions) subscription.stopped = true;
    this.subscriptions.clear();
    for (const process of this.spawned) process.release();
  }
}

/**
 * The module itself: `configureAPIKey` and `WebContainer.boot`, with the module-level state the real
 * one keeps (the boot lock, the single instance, the sticky COEP).
 */
export class FakeWebContainerModule implements WebContainerModuleLike {
  readonly bootCalls: WebContainerBootOptions[] = [];
  readonly booted: FakeWebContainer[] = [];
  /** Containers the next boots hand out, in order; a fresh one when empty. */
  readonly nextContainers: FakeWebContainer[] = [];
  apiKey: string | null = null;
  /** The COEP the boot frame was created with; later boots cannot change it. */
  frameCoep: WebContainerBootOptions['coep'] | null = null;
  /** False: StackBlitz cannot be reached, so the boot frame never answers and boots never settle. */
  reachable = true;
  /** Makes the next boot fail with this message (a quota or server error). */
  failNextBoot: string | null = null;
  private instance: FakeWebContainer | null = null;
  private lock: Promise<unknown> | null = null;
  private teardownPromise: Promise<void> | null = null;
  private bootCalled = false;
  private frameAnswered: Promise<void> | null = null;
  private answerFrame: (() => void) | null = null;

  readonly configureAPIKey = (key: string): void => {
    if (this.bootCalled) throw new Error('`configureAPIKey` should always be called before `WebContainer.boot`');
    this.apiKey = key;
  };

  readonly WebContainer = {
    boot: (options: WebContainerBootOptions): Promise<FakeWebContainer> => this.boot(options),
  };

  /** The network came back: a boot frame that was waiting answers at last. */
  connect(): void {
    this.reachable = true;
    this.answerFrame?.();
  }

  /** The instance alive right now, if any. */
  get current(): FakeWebContainer | null {
    return this.instance;
  }

  private async boot(options: WebContainerBootOptions): Promise<FakeWebContainer> {
    this.bootCalls.push(options);
    await this.teardownPromise;
    this.teardownPromise = null;
    if (options.workdirName.includes('/') || options.workdirName === '..' || options.workdirName === '.') {
      throw new Error('workdirName should be a valid folder name');
    }
    this.bootCalled = true;
    while (this.lock) await this.lock;
    if (this.instance) throw new Error('Only a single WebContainer instance can be booted');
    const starting = this.start(options);
    this.lock = starting.catch(() => {});
    try {
      const container = await starting;
      this.instance = container;
      this.booted.push(container);
      this.watchTeardown(container);
      return container;
    } finally {
      this.lock = null;
    }
  }

  private async start(options: WebContainerBootOptions): Promise<FakeWebContainer> {
    if (!this.frameAnswered) {
      this.frameCoep = options.coep;
      this.frameAnswered = new Promise<void>((resolve) => {
        this.answerFrame = resolve;
      });
      if (this.reachable) this.answerFrame?.();
    }
    await this.frameAnswered;
    await workerHop();
    if (this.failNextBoot) {
      const message = this.failNextBoot;
      this.failNextBoot = null;
      throw new Error(message);
    }
    return this.nextContainers.shift() ?? new FakeWebContainer(options.workdirName);
  }

  private watchTeardown(container: FakeWebContainer): void {
    const teardown = container.teardown.bind(container);
    container.teardown = () => {
      teardown();
      const finished = workerHop().then(() => {
        if (this.instance === container) this.instance = null;
      });
      container.teardownFinished = finished;
      this.teardownPromise = finished;
    };
  }
}

/** The real loader over a fresh fake module; `container`, when given, is the first one it boots. */
export function fakeBoot(container: FakeWebContainer = new FakeWebContainer()) {
  const api = new FakeWebContainerModule();
  api.nextContainers.push(container);
  const boot = loaderFor(async () => api);
  return Object.assign(boot, { module: api, container });
}

/** A loader whose module cannot reach StackBlitz: boots never settle until `module.connect()`. */
export function unreachableBoot() {
  const boot = fakeBoot();
  boot.module.reachable = false;
  return boot;
}
