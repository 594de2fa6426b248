import type { FileContent } from '../project/types';

export type RuntimeKind = 'webcontainer' | 'local';

export type RuntimeState =
  | 'booting'
  | 'ready'
  | 'installing'
  | 'running'
  | 'crashed'
  | 'unavailable';

export interface RuntimeStatus {
  kind: RuntimeKind;
  state: RuntimeState;
  /** Plain-language detail for the user, e.g. "WebContainer did not start within 15 s; using this computer instead." */
  message?: string;
  /** The technical reason behind `message` (backend names, hosts), for a details view rather than the status line. */
  detail?: string;
  /** False when commands can touch files outside the project (local backend without bubblewrap). */
  confined: boolean;
  /** What confined commands may reach, in one plain line (local backend). */
  sandbox?: string;
}

export interface SpawnOptions {
  /** Project-relative working directory; defaults to the project root. */
  cwd?: string;
  env?: Record<string, string>;
  /** Interactive shells get a pseudo-terminal size. */
  terminal?: { cols: number; rows: number };
  /** 'closed': the command reads end-of-file at once, so a question it asks fails instead of waiting forever. */
  stdin?: 'open' | 'closed';
}

export interface RuntimeProcess {
  readonly id: string;
  readonly command: string;
  /** Raw output (stdout and stderr interleaved, ANSI colours kept). Returns an unsubscribe function. */
  onOutput(listener: (chunk: string) => void): () => void;
  /** Resolves with the exit code once the process has ended (killed processes resolve too). */
  readonly exit: Promise<number>;
  write(input: string): void;
  resize(cols: number, rows: number): void;
  kill(): Promise<void>;
}

/** A file changed by a command inside the runtime (scaffolders, formatters, lockfiles). */
export type RuntimeFileChange =
  | { kind: 'write'; path: string; content: FileContent }
  | { kind: 'delete'; path: string };

/** A file the runtime holds that the project did not send: its content, or its size when too large to send inline. */
export type KeptFile = { path: string; content: FileContent } | { path: string; tooLarge: true; size: number };

export interface MountOptions {
  /** Deletions the person or agent made (path → ms); only these may remove a file the project did not send. */
  deleted?: Record<string, number>;
}

export interface PortEvent {
  port: number;
  /** URL the preview iframe loads; always on an origin other than the IDE's. */
  url: string;
  open: boolean;
}

export interface PreviewError {
  message: string;
  source?: string;
  kind: 'exception' | 'unhandled-rejection' | 'console-error';
  at: number;
}

export interface Runtime {
  readonly kind: RuntimeKind;
  /** Resolves when the backend can take files and commands; rejects with a plain-language reason. */
  boot(): Promise<void>;
  status(): RuntimeStatus;
  onStatus(listener: (status: RuntimeStatus) => void): () => void;

  /**
   * Puts the project files into the runtime (node_modules and .git are left alone). A backend
   * whose files outlive the page (local) keeps files it holds that the project lacks, unless
   * `deleted` records their deletion, and returns them so the project can take them in.
   */
  mount(files: Record<string, FileContent>, options?: MountOptions): Promise<KeptFile[] | void>;
  writeFile(path: string, content: FileContent): Promise<void>;
  /**
   * Applies the changes in order as one delivery (one request on the local backend). Resolves with, per change, why
   * it failed, or null where it landed; rejects only when the delivery itself failed, so none is known to have landed.
   */
  applyFileChanges(changes: RuntimeFileChange[]): Promise<(string | null)[]>;
  readFile(path: string): Promise<Uint8Array>;
  deleteFile(path: string): Promise<void>;
  /** Files changed by processes, outside node_modules and .git. */
  onFileChange(listener: (change: RuntimeFileChange) => void): () => void;

  /** Runs `command` through the runtime's shell in the project folder. */
  spawn(command: string, options?: SpawnOptions): Promise<RuntimeProcess>;

  onPort(listener: (event: PortEvent) => void): () => void;
  openPorts(): PortEvent[];
  onPreviewError(listener: (error: PreviewError) => void): () => void;

  /** Stops every process and releases the backend. */
  teardown(): Promise<void>;
}
