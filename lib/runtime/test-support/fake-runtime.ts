import type { FileContent } from '../../project/types';
import { applyOneByOne } from '../apply-one-by-one';
import type {
  KeptFile,
  MountOptions,
  PortEvent,
  PreviewError,
  Runtime,
  RuntimeFileChange,
  RuntimeKind,
  RuntimeProcess,
  RuntimeState,
  RuntimeStatus,
  SpawnOptions,
} from '../types';

/** A scripted process for tests of code that drives a Runtime. */
export class FakeRuntimeProcess implements RuntimeProcess {
  readonly exit: Promise<number>;
  readonly input: string[] = [];
  killed = false;
  /** A process that never exits when killed, like one stuck in uninterruptible I/O. */
  ignoreKill = false;
  private readonly listeners = new Set<(chunk: string) => void>();
  private resolveExit!: (code: number) => void;
  private ended = false;

  constructor(
    readonly id: string,
    readonly command: string,
  ) {
    this.exit = new Promise((resolve) => {
      this.resolveExit = resolve;
    });
  }

  onOutput(listener: (chunk: string) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  print(chunk: string): void {
    for (const listener of [...this.listeners]) listener(chunk);
  }

  end(code: number): void {
    if (this.ended) return;
    this.ended = true;
    this.resolveExit(code);
  }

  get running(): boolean {
    return !this.ended;
  }

  write(input: string): void {
    this.input.push(input);
  }

  resize(): void {}

  async kill(): Promise<void> {
    this.killed = true;
    if (this.ignoreKill) return new Promise(() => {});
    this.end(143);
  }
}

/** 'hang': boot never finishes, unless the test calls `finishBoot()`. */
export type FakeBoot = 'ok' | 'hang' | Error;

export class FakeRuntime implements Runtime {
  readonly files = new Map<string, FileContent>();
  /** Every write and delete that reached the runtime, in order. */
  readonly log: string[] = [];
  readonly mounts: Record<string, FileContent>[] = [];
  readonly processes: FakeRuntimeProcess[] = [];
  /** Scripts by exact command line; unknown commands exit 0 at once. */
  readonly commands = new Map<string, (process: FakeRuntimeProcess) => void>();
  /** Paths whose writes fail, as when the runtime's disk is full or the connection drops. */
  readonly failingPaths = new Set<string>();
  /** When set, spawn rejects with it, as when the runtime is gone. */
  spawnError: Error | null = null;
  writeDelayMs = 0;
  /**
   * Start scripts on the next macrotask, as real output arrives, rather than on a microtask.
   * Needed when the caller subscribes to output only after awaiting spawn.
   */
  deferScripts = false;
  tornDown = false;
  bootCalls = 0;
  private current: RuntimeStatus;
  private readonly statusListeners = new Set<(status: RuntimeStatus) => void>();
  private readonly fileListeners = new Set<(change: RuntimeFileChange) => void>();
  private readonly portListeners = new Set<(event: PortEvent) => void>();
  private readonly errorListeners = new Set<(error: PreviewError) => void>();
  private readonly ports = new Map<number, PortEvent>();
  private releaseBoot: (() => void) | null = null;

  constructor(
    readonly kind: RuntimeKind = 'local',
    private readonly bootBehaviour: FakeBoot = 'ok',
  ) {
    this.current = { kind, state: 'booting', confined: true };
  }

  setState(state: RuntimeState, message?: string): void {
    this.current = { kind: this.kind, state, confined: true, ...(message ? { message } : {}) };
    for (const listener of [...this.statusListeners]) listener(this.current);
  }

  async boot(): Promise<void> {
    this.bootCalls += 1;
    if (this.bootBehaviour === 'hang') {
      return new Promise((resolve) => {
        this.releaseBoot = () => {
          this.setState('ready');
          resolve();
        };
      });
    }
    if (this.bootBehaviour instanceof Error) {
      this.setState('unavailable', this.bootBehaviour.message);
      throw this.bootBehaviour;
    }
    this.setState('ready');
  }

  status(): RuntimeStatus {
    return this.current;
  }

  /** Ends a boot that was left hanging, as a slow start finally does. */
  finishBoot(): void {
    if (!this.releaseBoot) throw new Error('This fake runtime is not waiting in boot().');
    this.releaseBoot();
    this.releaseBoot = null;
  }

  onStatus(listener: (status: RuntimeStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  }

  /** What the next mounts report as kept: files the runtime held that the project did not send. */
  keptOnMount: KeptFile[] = [];
  readonly mountOptions: MountOptions[] = [];

  async mount(files: Record<string, FileContent>, options: MountOptions = {}): Promise<KeptFile[]> {
    this.mounts.push({ ...files });
    this.mountOptions.push(options);
    const kept = new Set(this.keptOnMount.map((file) => file.path));
    for (const path of [...this.files.keys()]) if (!kept.has(path)) this.files.delete(path);
    for (const [path, content] of Object.entries(files)) this.files.set(path, content);
    return this.keptOnMount;
  }

  async writeFile(path: string, content: FileContent): Promise<void> {
    if (this.writeDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.writeDelayMs));
    if (this.failingPaths.has(path)) throw new Error(`Could not write ${path}: disk full`);
    this.files.set(path, content);
    this.log.push(`write ${path}`);
  }

  /** Deliveries of changes, each the paths it carried. */
  readonly deliveries: string[][] = [];

  applyFileChanges(changes: RuntimeFileChange[]): Promise<(string | null)[]> {
    this.deliveries.push(changes.map((change) => change.path));
    return applyOneByOne(this, changes);
  }

  async readFile(path: string): Promise<Uint8Array> {
    const content = this.files.get(path);
    if (content === undefined) throw new Error(`No such file: ${path}`);
    return typeof content === 'string' ? new TextEncoder().encode(content) : content;
  }

  async deleteFile(path: string): Promise<void> {
    if (this.failingPaths.has(path)) throw new Error(`Could not delete ${path}`);
    this.files.delete(path);
    this.log.push(`delete ${path}`);
  }

  onFileChange(listener: (change: RuntimeFileChange) => void): () => void {
    this.fileListeners.add(listener);
    return () => void this.fileListeners.delete(listener);
  }

  /** Simulates a process inside the runtime changing a file. */
  processChangedFile(change: RuntimeFileChange): void {
    if (change.kind === 'write') this.files.set(change.path, change.content);
    else this.files.delete(change.path);
    for (const listener of [...this.fileListeners]) listener(change);
  }

  /** The options of each spawn, in order. */
  readonly spawnOptions: (SpawnOptions | undefined)[] = [];

  async spawn(command: string, options?: SpawnOptions): Promise<RuntimeProcess> {
    this.spawnOptions.push(options);
    if (this.spawnError) throw this.spawnError;
    const process = new FakeRuntimeProcess(`p${this.processes.length + 1}`, command);
    this.processes.push(process);
    const script = this.commands.get(command);
    const run = () => (script ? script(process) : process.end(0));
    if (this.deferScripts) setTimeout(run, 0);
    else queueMicrotask(run);
    return process;
  }

  onPort(listener: (event: PortEvent) => void): () => void {
    this.portListeners.add(listener);
    return () => void this.portListeners.delete(listener);
  }

  emitPort(port: number, open = true): void {
    const event = { port, url: `http://p${port}.localhost:3000/`, open };
    if (open) this.ports.set(port, event);
    else this.ports.delete(port);
    for (const listener of [...this.portListeners]) listener(event);
  }

  openPorts(): PortEvent[] {
    return [...this.ports.values()];
  }

  onPreviewError(listener: (error: PreviewError) => void): () => void {
    this.errorListeners.add(listener);
    return () => void this.errorListeners.delete(listener);
  }

  reportPreviewError(message: string, source?: string): void {
    const error: PreviewError = { message, source, kind: 'exception', at: Date.now() };
    for (const listener of [...this.errorListeners]) listener(error);
  }

  get listenerCounts(): { ports: number; errors: number } {
    return { ports: this.portListeners.size, errors: this.errorListeners.size };
  }

  async teardown(): Promise<void> {
    this.tornDown = true;
    for (const process of this.processes) process.end(143);
    this.setState('unavailable', 'Stopped.');
  }
}
