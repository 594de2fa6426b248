import type { FileContent } from '../../project/types';
import type {
  PortEvent,
  PreviewError,
  Runtime,
  RuntimeFileChange,
  RuntimeProcess,
  RuntimeStatus,
} from '../../runtime/types';
import type { AgentFiles, PreviewMonitor, ToolContext } from '../tool-context';

/** An in-memory process the test drives: emit output, exit, or ignore kill. */
export class FakeProcess implements RuntimeProcess {
  readonly exit: Promise<number>;
  killed = false;
  ignoreKill = false;
  private listeners = new Set<(chunk: string) => void>();
  private resolveExit!: (code: number) => void;
  private exited = false;

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
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  emit(chunk: string): void {
    for (const listener of this.listeners) listener(chunk);
  }

  finish(code: number): void {
    if (this.exited) return;
    this.exited = true;
    this.resolveExit(code);
  }

  write(): void {}
  resize(): void {}

  async kill(): Promise<void> {
    this.killed = true;
    if (this.ignoreKill) return new Promise(() => undefined);
    this.finish(143);
  }
}

export type FakeBehaviour = (process: FakeProcess, runtime: FakeRuntime) => void;

export class FakeRuntime implements Runtime {
  readonly kind = 'local' as const;
  readonly processes: FakeProcess[] = [];
  readonly files = new Map<string, FileContent>();
  /** What a spawned process does; runs on the next macrotask, like real output would arrive. */
  behaviour: FakeBehaviour = (process) => process.finish(0);
  spawnError: Error | null = null;
  private ports = new Map<number, PortEvent>();
  private portListeners = new Set<(event: PortEvent) => void>();
  private errorListeners = new Set<(error: PreviewError) => void>();

  async boot(): Promise<void> {}
  status(): RuntimeStatus {
    return { kind: 'local', state: 'ready', confined: true };
  }
  onStatus(): () => void {
    return () => undefined;
  }
  async mount(files: Record<string, FileContent>): Promise<void> {
    for (const [path, content] of Object.entries(files)) this.files.set(path, content);
  }
  async writeFile(path: string, content: FileContent): Promise<void> {
    this.files.set(path, content);
  }
  async readFile(path: string): Promise<Uint8Array> {
    const content = this.files.get(path);
    if (content === undefined) throw new Error(`ENOENT: ${path}`);
    return typeof content === 'string' ? new TextEncoder().encode(content) : content;
  }
  async deleteFile(path: string): Promise<void> {
    this.files.delete(path);
  }
  onFileChange(listener: (change: RuntimeFileChange) => void): () => void {
    void listener;
    return () => undefined;
  }

  async spawn(command: string): Promise<RuntimeProcess> {
    if (this.spawnError) throw this.spawnError;
    const process = new FakeProcess(`p${this.processes.length + 1}`, command);
    this.processes.push(process);
    setTimeout(() => this.behaviour(process, this), 0);
    return process;
  }

  openPort(port: number): void {
    const event = { port, url: `http://p${port}.localhost:3000/`, open: true };
    this.ports.set(port, event);
    for (const listener of this.portListeners) listener(event);
  }

  closePort(port: number): void {
    const event = { port, url: `http://p${port}.localhost:3000/`, open: false };
    this.ports.delete(port);
    for (const listener of this.portListeners) listener(event);
  }

  onPort(listener: (event: PortEvent) => void): () => void {
    this.portListeners.add(listener);
    return () => this.portListeners.delete(listener);
  }

  openPorts(): PortEvent[] {
    return [...this.ports.values()];
  }

  reportPreviewError(message: string, source?: string): void {
    const error: PreviewError = { message, source, kind: 'exception', at: Date.now() };
    for (const listener of this.errorListeners) listener(error);
  }

  onPreviewError(listener: (error: PreviewError) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  get listenerCounts(): { ports: number; errors: number } {
    return { ports: this.portListeners.size, errors: this.errorListeners.size };
  }

  async teardown(): Promise<void> {}
}

/** Project files in a Map, with every write recorded. */
export class FakeAgentFiles implements AgentFiles {
  readonly contents: Map<string, FileContent>;
  readonly writes: string[] = [];
  readonly deletes: string[] = [];

  constructor(initial: Record<string, FileContent> = {}) {
    this.contents = new Map(Object.entries(initial));
  }

  read(path: string): FileContent | undefined {
    return this.contents.get(path);
  }
  list(): string[] {
    return [...this.contents.keys()].sort();
  }
  async write(path: string, content: string): Promise<void> {
    this.writes.push(path);
    this.contents.set(path, content);
  }
  async delete(path: string): Promise<void> {
    this.deletes.push(path);
    this.contents.delete(path);
  }
}

export const idlePreview: PreviewMonitor = {
  check: () => ({ status: 'not-running', url: null, errors: [] }),
};

export function fakeContext(overrides: Partial<ToolContext> = {}): ToolContext & { files: FakeAgentFiles } {
  return {
    files: new FakeAgentFiles(),
    runtime: null,
    preview: idlePreview,
    signal: new AbortController().signal,
    ...overrides,
  } as ToolContext & { files: FakeAgentFiles };
}
