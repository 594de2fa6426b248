import type { ProjectFileChange, ProjectStore } from '../project/project-store';
import type { FileContent } from '../project/types';
import type { KeptFile, Runtime, RuntimeFileChange } from './types';

/** The part of the project store the sync needs. */
export type SyncableStore = Pick<
  ProjectStore,
  'readFile' | 'listRuntimeFiles' | 'writeFile' | 'deleteFile' | 'onFileChange' | 'isIgnored' | 'deletions'
>;

/** A file a command made that was too large to send with its change; it is fetched on its own. */
export interface LargeFile {
  path: string;
  size: number;
}

export interface SyncError {
  path: string;
  /** Plain-language: what failed and that it will be retried. */
  message: string;
}

export interface ProjectSyncOptions {
  /** Changes to one path within this window reach the runtime as one write. */
  coalesceMs?: number;
  /** Where the runtime announces files too large to send with their change (the local backend). */
  onLargeFile?: (listener: (file: LargeFile) => void) => () => void;
}

/**
 * Files made in the runtime up to this size are brought into the project (as bytes, not
 * editable); larger ones stay on disk only. 10 MB databases and media must survive a reload.
 */
export const MAX_BROUGHT_IN_BYTES = 64 * 1024 * 1024;

export interface ProjectSync {
  /** Resolves once the project's files are mounted in the runtime. */
  readonly mounted: Promise<void>;
  /** Resolves when every change made so far has reached the runtime (or failed and been flagged). Never rejects. */
  flush(): Promise<void>;
  /** Paths whose latest content has not reached the runtime; each is retried on its next change or flush. */
  failedPaths(): string[];
  /** Why `path`'s latest content has not reached the runtime; undefined when it has. */
  failureOf(path: string): string | undefined;
  onSyncError(listener: (error: SyncError) => void): () => void;
  onFailedPathsChange(listener: (paths: string[]) => void): () => void;
  dispose(): void;
}

const DEFAULT_COALESCE_MS = 30;
const RECENT_CONTENTS_KEPT = 3;

type PendingChange = { kind: 'write'; content: FileContent } | { kind: 'delete' };

function sameContent(a: FileContent, b: FileContent): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  const left = typeof a === 'string' ? new TextEncoder().encode(a) : a;
  const right = typeof b === 'string' ? new TextEncoder().encode(b) : b;
  return left.length === right.length && left.every((byte, index) => byte === right[index]);
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Keeps the runtime's copy of the project in step with the store (the source of truth), and brings
 * files that commands create or change back into the store with origin 'runtime'.
 */
export function syncProjectToRuntime(store: SyncableStore, runtime: Runtime, options: ProjectSyncOptions = {}): ProjectSync {
  const coalesceMs = options.coalesceMs ?? DEFAULT_COALESCE_MS;
  const pending = new Map<string, PendingChange>();
  /** The last few contents sent per path, to recognise the runtime reporting our own writes back late. */
  const recentlySent = new Map<string, FileContent[]>();
  const inFlight = new Map<string, number>();
  const failed = new Map<string, string>();
  const errorListeners = new Set<(error: SyncError) => void>();
  const failedListeners = new Set<(paths: string[]) => void>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const failedPaths = () => [...failed.keys()].sort();
  const announceFailed = () => {
    const paths = failedPaths();
    for (const listener of [...failedListeners]) listener(paths);
  };

  const markFailed = (path: string, error: unknown) => {
    const message = `"${path}" could not be copied to the running app (${reasonOf(error)}). It will be tried again on its next change.`;
    const wasFailed = failed.has(path);
    failed.set(path, message);
    for (const listener of [...errorListeners]) listener({ path, message });
    if (!wasFailed) announceFailed();
  };

  const markSynced = (path: string) => {
    if (failed.delete(path)) announceFailed();
  };

  const remember = (path: string, content: FileContent) => {
    const contents = recentlySent.get(path) ?? [];
    contents.push(content);
    if (contents.length > RECENT_CONTENTS_KEPT) contents.shift();
    recentlySent.set(path, contents);
  };

  /** One delivery for the whole batch, so a step's files reach the runtime in a single round trip. */
  const apply = async (batch: [string, PendingChange][]) => {
    for (const [path, change] of batch) {
      if (change.kind === 'write') remember(path, change.content);
      inFlight.set(path, (inFlight.get(path) ?? 0) + 1);
    }
    try {
      const errors = await runtime.applyFileChanges(
        batch.map(([path, change]): RuntimeFileChange => (change.kind === 'write' ? { kind: 'write', path, content: change.content } : { kind: 'delete', path })),
      );
      batch.forEach(([path], index) => {
        const error = errors[index];
        if (error === null || error === undefined) markSynced(path);
        else markFailed(path, new Error(error));
      });
    } catch (error) {
      for (const [path] of batch) markFailed(path, error);
    } finally {
      for (const [path] of batch) {
        const count = (inFlight.get(path) ?? 1) - 1;
        if (count === 0) inFlight.delete(path);
        else inFlight.set(path, count);
      }
    }
  };

  /** A file the runtime holds and the project lacks (or has older): taken in as the runtime's change. */
  const bringIn = async (file: KeptFile) => {
    if (disposed || store.isIgnored(file.path)) return;
    let content: FileContent;
    if ('content' in file) content = file.content;
    else {
      if (file.size > MAX_BROUGHT_IN_BYTES) {
        console.warn(`"${file.path}" (${file.size} bytes) stays in the workspace only: it is too large to keep in the browser.`);
        return;
      }
      try {
        content = await runtime.readFile(file.path);
      } catch (error) {
        console.warn(`Could not bring "${file.path}" into the project: ${reasonOf(error)}`);
        return;
      }
    }
    if (disposed || pending.has(file.path) || inFlight.has(file.path)) return;
    const current = store.readFile(file.path);
    if (current !== undefined && sameContent(current, content)) return;
    try {
      remember(file.path, content);
      store.writeFile(file.path, content, 'runtime');
    } catch (error) {
      console.warn(`Skipped a file from the workspace: ${reasonOf(error)}`);
    }
  };

  const mounted = (async () => {
    const mountFiles: Record<string, FileContent> = Object.fromEntries(
      store.listRuntimeFiles().flatMap((path) => {
        const content = store.readFile(path);
        return content === undefined ? [] : [[path, content] as const];
      }),
    );
    let kept: KeptFile[] = [];
    try {
      kept = (await runtime.mount(mountFiles, { deleted: store.deletions() })) ?? [];
      for (const [path, content] of Object.entries(mountFiles)) remember(path, content);
    } catch (error) {
      for (const path of Object.keys(mountFiles)) markFailed(path, error);
    }
    // Reconcile, never clobber: what the workspace holds beyond the project joins the project.
    for (const file of kept) await bringIn(file);
  })();

  // Batches run one after another so two changes to one path can never overtake each other.
  let work: Promise<void> = mounted;

  const drain = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = [...pending];
    pending.clear();
    if (batch.length === 0) return work;
    work = work.then(() => apply(batch));
    return work;
  };

  const onStoreChange = (change: ProjectFileChange) => {
    if (change.origin === 'runtime' || disposed) return;
    pending.set(change.path, change.kind === 'write' ? { kind: 'write', content: change.content } : { kind: 'delete' });
    timer ??= setTimeout(drain, coalesceMs);
  };

  const onRuntimeChange = (change: RuntimeFileChange) => {
    // The store is the source of truth: its newer version of this file is about to overwrite the runtime's.
    if (disposed || pending.has(change.path) || inFlight.has(change.path)) return;
    if (store.isIgnored(change.path)) return;
    const current = store.readFile(change.path);
    try {
      if (change.kind === 'write') {
        if (current !== undefined && sameContent(current, change.content)) return;
        // A late echo of an older version we sent; the store has moved on since.
        const sent = recentlySent.get(change.path) ?? [];
        if (current !== undefined && sent.some((content) => sameContent(content, change.content))) return;
        remember(change.path, change.content);
        store.writeFile(change.path, change.content, 'runtime');
      } else {
        if (current === undefined) return;
        store.deleteFile(change.path, 'runtime');
      }
    } catch (error) {
      // The store refuses some paths (e.g. a file where the project has a folder); the runtime keeps them.
      console.warn(`Skipped a file changed by a command: ${reasonOf(error)}`);
    }
  };

  const stopStore = store.onFileChange(onStoreChange);
  const stopRuntime = runtime.onFileChange(onRuntimeChange);
  const stopLarge = options.onLargeFile?.((file) => void bringIn({ path: file.path, tooLarge: true, size: file.size })) ?? (() => {});

  return {
    mounted,
    async flush() {
      for (const path of failed.keys()) {
        if (pending.has(path)) continue;
        const content = store.readFile(path);
        pending.set(path, content === undefined ? { kind: 'delete' } : { kind: 'write', content });
      }
      await drain();
    },
    failedPaths,
    failureOf: (path) => failed.get(path),
    onSyncError(listener) {
      errorListeners.add(listener);
      return () => void errorListeners.delete(listener);
    },
    onFailedPathsChange(listener) {
      failedListeners.add(listener);
      return () => void failedListeners.delete(listener);
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
      stopStore();
      stopRuntime();
      stopLarge();
      errorListeners.clear();
      failedListeners.clear();
    },
  };
}
