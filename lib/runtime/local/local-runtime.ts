import type { FileContent } from '../../project/types';
import { parsePreviewBridgeMessage, toPreviewError } from '../preview-bridge/messages';
import type {
  KeptFile,
  MountOptions,
  PortEvent,
  PreviewError,
  Runtime,
  RuntimeFileChange,
  RuntimeProcess,
  RuntimeStatus,
  SpawnOptions,
} from '../types';
import {
  API_PREFIX,
  SECRET_HEADER,
  WS_PROTOCOL,
  WS_SECRET_PROTOCOL_PREFIX,
  fromWireContent,
  toWireContent,
  type ClientMessage,
  type RuntimeInfo,
  type ServerMessage,
  type WireFileChangesRequest,
  type WireFileChangesResponse,
  type WireMountRequest,
  type WireMountResponse,
} from './protocol';
import { isPreviewOrigin, previewListenerUrl, previewUrlForPort, type LocationLike } from './preview-url';
import { sandboxSummary } from './enablement';

export { previewUrlForPort } from './preview-url';

/** Opens the control WebSocket; tests in Node pass the `ws` package's client. */
export type WebSocketFactory = (url: string, protocols: string[]) => WebSocket;

export interface LocalRuntimeOptions {
  projectId: string;
  secret: string;
  /** The IDE server, e.g. `http://localhost:3000`; defaults to the page's own origin. */
  baseUrl?: string;
  webSocket?: WebSocketFactory;
  /** Where preview frames post their messages; defaults to the IDE window. */
  messageSource?: EventTarget;
  fetch?: typeof fetch;
  /** How long boot waits for the server before giving up. */
  bootTimeoutMs?: number;
}

/** A file that changed in the workspace but is too large to bring into the browser. */
export interface SkippedFile {
  path: string;
  size: number;
}

export interface LocalRuntime extends Runtime {
  readonly kind: 'local';
  /** Files changed by processes that were not synced because of their size. */
  onSkippedFile(listener: (file: SkippedFile) => void): () => void;
}

const OPEN = 1;

/** A client message that expects an answer, before the request id is added. */
type ClientRequest = ClientMessage extends infer M ? (M extends { requestId: string } ? Omit<M, 'requestId'> : never) : never;
const LOST_CONNECTION = "Lost the connection to this computer's runtime. Reload the page to reconnect.";

class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }
  emit(value: T): void {
    for (const listener of [...this.set]) listener(value);
  }
}

class LocalProcess implements RuntimeProcess {
  readonly exit: Promise<number>;
  private resolveExit!: (code: number) => void;
  private exited = false;
  private readonly listeners = new Listeners<string>();
  private hasListener = false;
  /** Output that arrived before anyone listened, replayed to the first listener. */
  private early: string[] = [];

  constructor(
    readonly id: string,
    readonly command: string,
    private readonly channel: {
      send(message: ClientMessage): void;
      request(message: ClientRequest): Promise<void>;
    },
  ) {
    this.exit = new Promise((resolve) => (this.resolveExit = resolve));
  }

  onOutput(listener: (chunk: string) => void): () => void {
    const off = this.listeners.add(listener);
    if (!this.hasListener) {
      this.hasListener = true;
      for (const chunk of this.early) listener(chunk);
      this.early = [];
    }
    return off;
  }

  write(input: string): void {
    if (!this.exited) this.channel.send({ type: 'input', processId: this.id, data: input });
  }

  resize(cols: number, rows: number): void {
    if (!this.exited) this.channel.send({ type: 'resize', processId: this.id, cols, rows });
  }

  async kill(): Promise<void> {
    if (!this.exited) await this.channel.request({ type: 'kill', processId: this.id }).catch(() => {});
    await this.exit;
  }

  receiveOutput(chunk: string): void {
    if (this.hasListener) this.listeners.emit(chunk);
    else this.early.push(chunk);
  }

  receiveExit(code: number): void {
    if (this.exited) return;
    this.exited = true;
    this.resolveExit(code);
  }
}

function defaultLocation(): LocationLike {
  return typeof window === 'undefined'
    ? { protocol: 'http:', hostname: 'localhost', port: '' }
    : { protocol: window.location.protocol, hostname: window.location.hostname, port: window.location.port };
}

/** The `local` backend in the browser: files over HTTP, processes and events over one WebSocket. */
export function createLocalRuntime(options: LocalRuntimeOptions): LocalRuntime {
  const { projectId, secret } = options;
  const baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
  const location: LocationLike = options.baseUrl ? new URL(options.baseUrl) : defaultLocation();
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const projectUrl = `${baseUrl}${API_PREFIX}/projects/${encodeURIComponent(projectId)}`;

  let status: RuntimeStatus = { kind: 'local', state: 'booting', confined: false };
  let socket: WebSocket | null = null;
  let booting: Promise<void> | null = null;
  let tornDown = false;
  let nextRequest = 0;
  const pending = new Map<
    string,
    { command?: string; resolve: (message: ServerMessage | LocalProcess) => void; reject: (error: Error) => void }
  >();
  const processes = new Map<string, LocalProcess>();
  const ports = new Map<number, PortEvent>();
  /** Origins of the open previews, the only windows whose error reports are believed. */
  const previewOrigins = new Set<string>();
  const statusListeners = new Listeners<RuntimeStatus>();
  const fileListeners = new Listeners<RuntimeFileChange>();
  const skippedListeners = new Listeners<SkippedFile>();
  const portListeners = new Listeners<PortEvent>();
  const previewErrorListeners = new Listeners<PreviewError>();

  const setStatus = (next: Partial<RuntimeStatus>) => {
    status = { ...status, ...next };
    if (next.message === undefined && 'message' in next) delete status.message;
    statusListeners.emit(status);
  };

  const onWindowMessage = (event: Event) => {
    if (!(event instanceof MessageEvent)) return;
    if (!isPreviewOrigin(event.origin, location) && !previewOrigins.has(event.origin)) return;
    const message = parsePreviewBridgeMessage(event.data);
    if (message?.type === 'error') previewErrorListeners.emit(toPreviewError(message.error));
  };
  const messageSource: EventTarget | null = options.messageSource ?? (typeof window === 'undefined' ? null : window);

  async function call(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set(SECRET_HEADER, secret);
    let response: Response;
    try {
      response = await doFetch(url, { ...init, headers, cache: 'no-store' });
    } catch {
      throw new Error('Could not reach the runtime on this computer. Is the Tabsmith server still running?');
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: string } | null;
      throw new Error(body?.error ?? `The local runtime answered ${response.status}.`);
    }
    return response;
  }

  function send(message: ClientMessage): void {
    if (socket?.readyState === OPEN) socket.send(JSON.stringify(message));
  }

  function request(message: ClientRequest, command?: string): Promise<ServerMessage | LocalProcess> {
    if (socket?.readyState !== OPEN) return Promise.reject(new Error(LOST_CONNECTION));
    const requestId = `r${++nextRequest}`;
    return new Promise((resolve, reject) => {
      pending.set(requestId, { command, resolve, reject });
      send({ ...message, requestId } as ClientMessage);
    });
  }

  const channel = {
    send,
    request: async (message: ClientRequest) => {
      await request(message);
    },
  };

  function updateRunningState(): void {
    if (status.state !== 'ready' && status.state !== 'running') return;
    const state = ports.size > 0 ? 'running' : 'ready';
    if (state !== status.state) setStatus({ state });
  }

  function receive(message: ServerMessage): void {
    switch (message.type) {
      case 'hello':
        for (const { port, previewPort } of message.ports) receive({ type: 'port', port, previewPort, open: true });
        return;
      case 'spawned':
      case 'request-failed':
      case 'done': {
        const waiter = pending.get(message.requestId);
        pending.delete(message.requestId);
        if (!waiter) return;
        if (message.type === 'request-failed') return waiter.reject(new Error(message.message));
        if (message.type === 'spawned') {
          // Registered before anyone awaits it, so no output frame can arrive for an unknown process.
          const child = new LocalProcess(message.processId, waiter.command ?? '', channel);
          processes.set(child.id, child);
          return waiter.resolve(child);
        }
        waiter.resolve(message);
        return;
      }
      case 'output':
        processes.get(message.processId)?.receiveOutput(message.data);
        return;
      case 'exit':
        processes.get(message.processId)?.receiveExit(message.code);
        processes.delete(message.processId);
        return;
      case 'port': {
        if (message.open === ports.has(message.port)) return;
        const known = ports.get(message.port);
        const url =
          known?.url ??
          (message.previewPort !== null
            ? previewListenerUrl(message.previewPort, location)
            : previewUrlForPort(message.port, location));
        const event: PortEvent = { port: message.port, url, open: message.open };
        if (message.open) {
          ports.set(message.port, event);
          previewOrigins.add(new URL(url).origin);
        } else {
          ports.delete(message.port);
          previewOrigins.delete(new URL(url).origin);
        }
        portListeners.emit(event);
        updateRunningState();
        return;
      }
      case 'file': {
        const change = message.change;
        if (change.kind === 'delete') fileListeners.emit({ kind: 'delete', path: change.path });
        else if ('tooLarge' in change) skippedListeners.emit({ path: change.path, size: change.size });
        else fileListeners.emit({ kind: 'write', path: change.path, content: fromWireContent(change.content) });
        return;
      }
    }
  }

  function connectionLost(): void {
    for (const waiter of pending.values()) waiter.reject(new Error(LOST_CONNECTION));
    pending.clear();
    for (const child of processes.values()) {
      child.receiveOutput(`\r\n${LOST_CONNECTION}\r\n`);
      child.receiveExit(1);
    }
    processes.clear();
    for (const event of ports.values()) portListeners.emit({ ...event, open: false });
    ports.clear();
    if (!tornDown) setStatus({ state: 'unavailable', message: LOST_CONNECTION });
  }

  function connect(info: RuntimeInfo): Promise<void> {
    const wsBase = baseUrl
      ? baseUrl.replace(/^http/, 'ws')
      : `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.hostname}${location.port ? `:${location.port}` : ''}`;
    const url = `${wsBase}${API_PREFIX}/ws?project=${encodeURIComponent(projectId)}`;
    const factory: WebSocketFactory = options.webSocket ?? ((u, protocols) => new WebSocket(u, protocols));
    const ws = factory(url, [WS_PROTOCOL, `${WS_SECRET_PROTOCOL_PREFIX}${secret}`]);
    socket = ws;
    return new Promise((resolve, reject) => {
      let ready = false;
      const timer = setTimeout(() => {
        if (!ready) {
          ws.close();
          reject(new Error('The runtime on this computer did not answer in time.'));
        }
      }, options.bootTimeoutMs ?? 10_000);
      ws.addEventListener('message', (event) => {
        let message: ServerMessage;
        try {
          message = JSON.parse(String(event.data)) as ServerMessage;
        } catch {
          return;
        }
        if (message.type === 'hello' && !ready) {
          ready = true;
          clearTimeout(timer);
          setStatus({
            state: 'ready',
            confined: info.confined,
            message: info.confined ? undefined : (info.reason ?? undefined),
            sandbox: info.confined ? sandboxSummary(info.allowedDomains) : undefined,
          });
          resolve();
        }
        receive(message);
      });
      ws.addEventListener('close', () => {
        clearTimeout(timer);
        if (!ready) reject(new Error('Could not connect to the runtime on this computer.'));
        else connectionLost();
      });
    });
  }

  async function boot(): Promise<void> {
    const info = (await (await call(`${baseUrl}${API_PREFIX}/info`)).json()) as RuntimeInfo;
    if (!info.enabled) throw new Error(info.reason ?? 'Running projects on this computer is switched off.');
    messageSource?.addEventListener('message', onWindowMessage);
    await connect(info);
  }

  async function ready(): Promise<void> {
    if (tornDown) throw new Error('This runtime has been stopped.');
    if (!booting) throw new Error('The runtime has not been started yet.');
    await booting;
  }

  return {
    kind: 'local',

    boot() {
      booting ??= boot().catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        setStatus({ state: 'unavailable', message });
        throw new Error(message);
      });
      return booting;
    },

    status: () => status,
    onStatus: (listener) => statusListeners.add(listener),

    async mount(files: Record<string, FileContent>, mountOptions: MountOptions = {}) {
      await ready();
      const request: WireMountRequest = {
        files: Object.fromEntries(Object.entries(files).map(([path, content]) => [path, toWireContent(content)])),
        deleted: mountOptions.deleted ?? {},
      };
      const response = await call(`${projectUrl}/mount`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      const body = (await response.json().catch(() => null)) as Partial<WireMountResponse> | null;
      return (body?.kept ?? []).map((file): KeptFile =>
        'tooLarge' in file ? file : { path: file.path, content: fromWireContent(file.content) },
      );
    },

    async writeFile(path, content) {
      await ready();
      const response = await call(`${projectUrl}/file?path=${encodeURIComponent(path)}`, {
        method: 'PUT',
        headers: { 'content-type': typeof content === 'string' ? 'application/json' : 'application/octet-stream' },
        body: typeof content === 'string' ? JSON.stringify({ text: content }) : new Blob([content.slice().buffer as ArrayBuffer]),
      });
      // An unread body holds its connection until it is collected.
      await response.body?.cancel();
    },

    async applyFileChanges(changes) {
      await ready();
      const request: WireFileChangesRequest = {
        changes: changes.map((change) =>
          change.kind === 'write' ? { kind: 'write', path: change.path, content: toWireContent(change.content) } : change,
        ),
      };
      const response = await call(`${projectUrl}/files`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      const body = (await response.json().catch(() => null)) as Partial<WireFileChangesResponse> | null;
      if (!Array.isArray(body?.errors) || body.errors.length !== changes.length) {
        throw new Error('The local runtime answered the file changes without saying which landed.');
      }
      return body.errors;
    },

    async readFile(path) {
      await ready();
      const response = await call(`${projectUrl}/file?path=${encodeURIComponent(path)}`);
      return new Uint8Array(await response.arrayBuffer());
    },

    async deleteFile(path) {
      await ready();
      const response = await call(`${projectUrl}/file?path=${encodeURIComponent(path)}`, { method: 'DELETE' });
      await response.body?.cancel();
    },

    onFileChange: (listener) => fileListeners.add(listener),
    onSkippedFile: (listener) => skippedListeners.add(listener),

    async spawn(command: string, spawnOptions: SpawnOptions = {}) {
      await ready();
      const child = await request(
        {
          type: 'spawn',
          command,
          cwd: spawnOptions.cwd,
          env: spawnOptions.env,
          terminal: spawnOptions.terminal,
          ...(spawnOptions.stdin ? { stdin: spawnOptions.stdin } : {}),
        },
        command,
      );
      if (!(child instanceof LocalProcess)) throw new Error('The runtime did not start the command.');
      return child;
    },

    onPort: (listener) => portListeners.add(listener),
    openPorts: () => [...ports.values()],
    onPreviewError: (listener) => previewErrorListeners.add(listener),

    async teardown() {
      if (tornDown) return;
      if (socket?.readyState === OPEN) {
        await Promise.race([request({ type: 'kill-all' }), new Promise((resolve) => setTimeout(resolve, 5000))]).catch(
          () => {},
        );
      }
      tornDown = true;
      messageSource?.removeEventListener('message', onWindowMessage);
      socket?.close();
      socket = null;
      for (const child of processes.values()) child.receiveExit(1);
      processes.clear();
    },
  };
}
