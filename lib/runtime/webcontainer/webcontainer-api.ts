/**
 * The part of `@webcontainer/api` the WebContainer backend uses, and nothing more. The real module is
 * checked against these types in `load-webcontainer.ts`; tests implement them with an in-memory fake.
 */

import type { EmbedderPolicy } from '../cross-origin-isolation';

export interface WebContainerBootOptions {
  /** Must equal the page's own COEP header: previews are served with it. */
  coep: EmbedderPolicy;
  forwardPreviewErrors: boolean;
  workdirName: string;
}

/** What the runtime asks the loader for: boot options plus the API key, when one is configured. */
export interface WebContainerBootRequest extends WebContainerBootOptions {
  /** Passed to `configureAPIKey` before the first boot. */
  apiKey?: string;
}

export type BootWebContainer = (request: WebContainerBootRequest) => Promise<WebContainerLike>;

export interface FileTreeFile {
  file: { contents: string | Uint8Array };
}

export interface FileTreeDirectory {
  directory: FileTree;
}

export interface FileTree {
  [name: string]: FileTreeFile | FileTreeDirectory;
}

export interface DirEntLike {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
}

export type WatchEventType = 'rename' | 'change';

export interface WatcherLike {
  close(): void;
}

export interface WebContainerFsLike {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<string>;
  rm(path: string, options?: { force?: boolean; recursive?: boolean }): Promise<void>;
  readdir(path: string, options: { withFileTypes: true }): Promise<DirEntLike[]>;
  watch(
    path: string,
    options: { recursive?: boolean },
    listener: (event: WatchEventType, filename: string | Uint8Array) => void,
  ): WatcherLike;
}

export interface WebContainerProcessLike {
  exit: Promise<number>;
  input: WritableStream<string>;
  output: ReadableStream<string>;
  kill(): void;
  resize(dimensions: { cols: number; rows: number }): void;
}

export interface WebContainerSpawnOptions {
  cwd?: string;
  env?: Record<string, string>;
  terminal?: { cols: number; rows: number };
}

export type PreviewMessageTypeName =
  | 'PREVIEW_UNCAUGHT_EXCEPTION'
  | 'PREVIEW_UNHANDLED_REJECTION'
  | 'PREVIEW_CONSOLE_ERROR';

/** A `preview-message` event; the real type is a union keyed by `type`, read loosely here. */
export interface PreviewMessageLike {
  type: PreviewMessageTypeName | string;
  message?: string;
  args?: unknown[];
  stack?: string;
  port: number;
  pathname: string;
  search: string;
  hash: string;
}

export interface WebContainerLike {
  fs: WebContainerFsLike;
  /** Absolute path of the working directory (`/home/<workdirName>`). */
  readonly workdir: string;
  mount(tree: FileTree): Promise<void>;
  /** Injects `scriptSource` into every HTML page previews load from now on (not into ones already loaded). */
  setPreviewScript(scriptSource: string): Promise<void>;
  spawn(command: string, args: string[], options?: WebContainerSpawnOptions): Promise<WebContainerProcessLike>;
  on(event: 'port', listener: (port: number, type: 'open' | 'close', url: string) => void): () => void;
  on(event: 'server-ready', listener: (port: number, url: string) => void): () => void;
  on(event: 'preview-message', listener: (message: PreviewMessageLike) => void): () => void;
  on(event: 'error', listener: (error: { message: string }) => void): () => void;
  /** Throws when called a second time. */
  teardown(): void;
}

/** The part of the `@webcontainer/api` module itself that the loader calls. */
export interface WebContainerModuleLike {
  configureAPIKey(key: string): void;
  WebContainer: { boot(options: WebContainerBootOptions): Promise<WebContainerLike> };
}
