import type { FileContent } from '../../project/types';
import type {
  PortEvent,
  PreviewError,
  Runtime,
  RuntimeFileChange,
  RuntimeProcess,
  RuntimeState,
  RuntimeStatus,
  SpawnOptions,
} from '../types';
import type { EmbedderPolicy } from '../cross-origin-isolation';
import { applyOneByOne } from '../apply-one-by-one';
import { previewBridgeScript } from '../preview-bridge/bridge-script';
import { isIgnoredPath, parentFolder, toFileTree, toProjectPath } from './file-paths';
import { Listeners } from './listeners';
import { toPreviewError } from './preview-errors';
import type { BootWebContainer, WebContainerLike } from './webcontainer-api';
import { listRuntimeFiles, watchRuntimeFiles, type RuntimeFileWatch } from './webcontainer-file-watch';
import { wrapWebContainerProcess } from './webcontainer-process';
import { tabWebContainerSlot, type WebContainerLease, type WebContainerSlot } from './webcontainer-slot';

export interface WebContainerRuntimeDeps {
  boot: BootWebContainer;
  bootTimeoutMs: number;
  /** The page's own COEP header; previews are served with the same one. */
  coep: EmbedderPolicy;
  /** WebContainer API key for commercial deployments (`WEBCONTAINER_CLIENT_ID`). */
  apiKey?: string;
  /** Injected into every preview page; the IDE's preview bridge unless a test says otherwise. */
  previewScript?: string;
  workdirName?: string;
  /** The tab's single WebContainer; tests pass their own. */
  slot?: WebContainerSlot;
  /** How long file-watch events are gathered before the changed files are read. */
  watchDebounceMs?: number;
  now?: () => number;
}

class BootTimeout extends Error {}

const RELOAD_HINT = 'Reload the page to try again.';

function seconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(2)));
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

class WebContainerRuntime implements Runtime {
  readonly kind = 'webcontainer' as const;

  private current: RuntimeStatus = { kind: 'webcontainer', state: 'booting', confined: true };
  private readonly statusListeners = new Listeners<RuntimeStatus>();
  private readonly fileListeners = new Listeners<RuntimeFileChange>();
  private readonly portListeners = new Listeners<PortEvent>();
  private readonly previewErrorListeners = new Listeners<PreviewError>();

  private bootPromise: Promise<void> | null = null;
  private lease: WebContainerLease | null = null;
  private container: WebContainerLike | null = null;
  private tornDown = false;
  private readonly unsubscribers: (() => void)[] = [];
  private watch: RuntimeFileWatch | null = null;
  private readonly known = new Map<string, FileContent>();
  private readonly ports = new Map<number, PortEvent>();
  private readonly processes = new Set<RuntimeProcess>();
  private processCount = 0;

  constructor(private readonly deps: WebContainerRuntimeDeps) {}

  boot(): Promise<void> {
    this.bootPromise ??= this.startContainer();
    return this.bootPromise;
  }

  status(): RuntimeStatus {
    return this.current;
  }

  onStatus(listener: (status: RuntimeStatus) => void): () => void {
    return this.statusListeners.add(listener);
  }

  private setStatus(state: RuntimeState, message?: string): void {
    this.current = { kind: 'webcontainer', state, confined: true, ...(message ? { message } : {}) };
    this.statusListeners.emit(this.current);
  }

  private async startContainer(): Promise<void> {
    this.setStatus('booting', 'Starting WebContainer…');
    const slot = this.deps.slot ?? tabWebContainerSlot;
    const lease = slot.acquire(
      () =>
        this.deps.boot({
          coep: this.deps.coep,
          forwardPreviewErrors: true,
          workdirName: this.deps.workdirName ?? 'project',
          ...(this.deps.apiKey ? { apiKey: this.deps.apiKey } : {}),
        }),
      () => this.evicted(),
    );
    this.lease = lease;

    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BootTimeout()), this.deps.bootTimeoutMs);
    });
    let container: WebContainerLike;
    try {
      container = await Promise.race([lease.instance, timeout]);
    } catch (error) {
      const reason =
        error instanceof BootTimeout
          ? `no connection to StackBlitz within ${seconds(this.deps.bootTimeoutMs)} s`
          : reasonOf(error).replace(/\.$/, '');
      // Not retried: a boot still pending holds the API's lock, so only a reload can start another.
      const message = `WebContainer could not start: ${reason}. ${RELOAD_HINT}`;
      // If the boot finishes later after all, the lease tears that container down.
      void lease.release();
      if (!this.tornDown) this.setStatus('unavailable', message);
      throw new Error(message);
    } finally {
      clearTimeout(timer);
    }

    if (this.tornDown) throw new Error('The project was closed before WebContainer finished starting.');
    this.container = container;
    this.listenTo(container);
    try {
      // Before any preview loads: the script reaches only pages loaded after registration.
      await container.setPreviewScript(this.deps.previewScript ?? previewBridgeScript);
    } catch (error) {
      console.warn(`WebContainer did not take the preview script: ${reasonOf(error)}`);
    }
    if (this.tornDown) throw new Error('The project was closed before WebContainer finished starting.');
    this.setStatus('ready');
  }

  private listenTo(container: WebContainerLike): void {
    const now = this.deps.now ?? Date.now;
    this.unsubscribers.push(
      container.on('port', (port, type, url) => this.portChanged({ port, url, open: type === 'open' })),
      container.on('server-ready', (port, url) => {
        if (!this.ports.has(port)) this.portChanged({ port, url, open: true });
      }),
      container.on('preview-message', (message) => {
        const error = toPreviewError(message, now());
        if (error) this.previewErrorListeners.emit(error);
      }),
      container.on('error', (error) => {
        this.setStatus(
          'crashed',
          `WebContainer stopped working (${error.message}). Reload the page to start it again.`,
        );
      }),
    );
    this.watch = watchRuntimeFiles({
      fs: container.fs,
      workdir: container.workdir,
      known: this.known,
      debounceMs: this.deps.watchDebounceMs ?? 40,
      onChange: (change) => this.fileListeners.emit(change),
    });
  }

  private portChanged(event: PortEvent): void {
    if (event.open) this.ports.set(event.port, event);
    else this.ports.delete(event.port);
    this.portListeners.emit(event);
  }

  private evicted(): void {
    this.detach();
    this.tornDown = true;
    this.setStatus('unavailable', 'WebContainer was handed to another project opened in this tab.');
  }

  private async ready(): Promise<WebContainerLike> {
    if (!this.bootPromise) throw new Error('WebContainer has not been started yet.');
    await this.bootPromise;
    if (!this.container || this.tornDown) throw new Error('WebContainer is no longer running for this project.');
    return this.container;
  }

  async mount(files: Record<string, FileContent>): Promise<void> {
    const container = await this.ready();
    const wanted = new Set(Object.keys(files).map(toProjectPath));
    for (const path of await listRuntimeFiles(container.fs)) {
      if (!wanted.has(path)) {
        this.known.delete(path);
        await container.fs.rm(path, { force: true });
      }
    }
    const tracked = Object.entries(files).filter(([path]) => !isIgnoredPath(path));
    for (const [path, content] of tracked) this.known.set(toProjectPath(path), content);
    await container.mount(toFileTree(files));
  }

  async writeFile(path: string, content: FileContent): Promise<void> {
    const container = await this.ready();
    const target = toProjectPath(path);
    const folder = parentFolder(target);
    if (folder) await container.fs.mkdir(folder, { recursive: true });
    const previous = this.known.get(target);
    this.known.set(target, content);
    try {
      await container.fs.writeFile(target, content);
    } catch (error) {
      if (previous === undefined) this.known.delete(target);
      else this.known.set(target, previous);
      throw error;
    }
  }

  async readFile(path: string): Promise<Uint8Array> {
    const container = await this.ready();
    return container.fs.readFile(toProjectPath(path));
  }

  /** The container's file system is in this tab: there is no round trip to save by batching. */
  applyFileChanges(changes: RuntimeFileChange[]): Promise<(string | null)[]> {
    return applyOneByOne(this, changes);
  }

  async deleteFile(path: string): Promise<void> {
    const container = await this.ready();
    const target = toProjectPath(path);
    for (const knownPath of [...this.known.keys()]) {
      if (knownPath === target || knownPath.startsWith(`${target}/`)) this.known.delete(knownPath);
    }
    await container.fs.rm(target, { force: true, recursive: true });
  }

  onFileChange(listener: (change: RuntimeFileChange) => void): () => void {
    return this.fileListeners.add(listener);
  }

  /** An empty command opens an interactive shell. */
  async spawn(command: string, options: SpawnOptions = {}): Promise<RuntimeProcess> {
    const container = await this.ready();
    const args = command.trim() === '' ? [] : ['-c', command];
    const spawned = await container.spawn('jsh', args, {
      ...(options.cwd ? { cwd: toProjectPath(options.cwd) } : {}),
      ...(options.env ? { env: options.env } : {}),
      ...(options.terminal ? { terminal: options.terminal } : {}),
    });
    // End of input: a question the command asks fails at once instead of waiting for an answer.
    if (options.stdin === 'closed' && !options.terminal) void spawned.input.close().catch(() => {});
    this.processCount += 1;
    const process = wrapWebContainerProcess(`wc-${this.processCount}`, command, spawned);
    this.processes.add(process);
    void process.exit.then(() => this.processes.delete(process));
    return process;
  }

  onPort(listener: (event: PortEvent) => void): () => void {
    return this.portListeners.add(listener);
  }

  openPorts(): PortEvent[] {
    return [...this.ports.values()].sort((a, b) => a.port - b.port);
  }

  onPreviewError(listener: (error: PreviewError) => void): () => void {
    return this.previewErrorListeners.add(listener);
  }

  /** Resolves once every file-watch event received so far has been reported (tests and sync use it). */
  async settled(): Promise<void> {
    await this.watch?.settled();
  }

  private detach(): void {
    this.watch?.close();
    this.watch = null;
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }

  async teardown(): Promise<void> {
    if (this.tornDown) return;
    this.tornDown = true;
    this.detach();
    await Promise.all([...this.processes].map((process) => process.kill().catch(() => {})));
    this.processes.clear();
    this.ports.clear();
    const booted = this.container !== null;
    this.container = null;
    // A boot that is still pending may never settle (offline); the lease tears it down if it ever does.
    const releasing = this.lease?.release();
    if (booted) await releasing;
    this.setStatus('unavailable', 'WebContainer was shut down.');
    this.statusListeners.clear();
    this.fileListeners.clear();
    this.portListeners.clear();
    this.previewErrorListeners.clear();
  }
}

export type WebContainerBackend = Runtime & { settled(): Promise<void> };

export function createWebContainerRuntime(deps: WebContainerRuntimeDeps): WebContainerBackend {
  return new WebContainerRuntime(deps);
}
