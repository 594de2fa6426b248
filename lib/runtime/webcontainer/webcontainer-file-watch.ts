import type { FileContent } from '../../project/types';
import type { RuntimeFileChange } from '../types';
import { decodeFileContent, sameContent as sameFileContent } from '../../project/paths';
import { isIgnoredPath } from './file-paths';
import type { WatcherLike, WebContainerFsLike } from './webcontainer-api';

/** Every file under `folder` (project-relative), skipping node_modules and .git. */
export async function listRuntimeFiles(fs: WebContainerFsLike, folder = ''): Promise<string[]> {
  const entries = await fs.readdir(folder === '' ? '.' : folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (isIgnoredPath(path)) continue;
    if (entry.isDirectory()) files.push(...(await listRuntimeFiles(fs, path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

export type PathState = 'file' | 'folder' | 'missing' | 'unknown';

function isNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'ENOENT' || code === 'ENOTDIR' || (typeof message === 'string' && /^(ENOENT|ENOTDIR)\b/.test(message));
}

/**
 * What is at `path`, from its parent's listing (the API has no `stat`). `missing` only when the
 * container says so; any other failure is `unknown`, which must never be taken for a deletion.
 */
export async function statPath(fs: WebContainerFsLike, path: string): Promise<PathState> {
  const slash = path.lastIndexOf('/');
  const parent = slash === -1 ? '.' : path.slice(0, slash);
  const name = path.slice(slash + 1);
  try {
    const entry = (await fs.readdir(parent, { withFileTypes: true })).find((candidate) => candidate.name === name);
    if (!entry) return 'missing';
    return entry.isDirectory() ? 'folder' : 'file';
  } catch (error) {
    return isNotFound(error) ? 'missing' : 'unknown';
  }
}

export interface RuntimeFileWatchOptions {
  fs: WebContainerFsLike;
  /** The container's absolute working directory, which a watcher may prefix names with. */
  workdir: string;
  /**
   * What the project and the runtime last agreed each file contains. The backend updates it on its
   * own writes, so those come back from the watcher as "unchanged" instead of as echoes.
   */
  known: Map<string, FileContent>;
  onChange(change: RuntimeFileChange): void;
  /** Watch events for one file arrive in bursts; they are gathered for this long before reading. */
  debounceMs: number;
}

export interface RuntimeFileWatch {
  /** Resolves once every event received so far has been looked at. */
  settled(): Promise<void>;
  close(): void;
}

/** How often a file that exists but could not be read is looked at again. */
const UNREADABLE_RETRIES = 2;

/**
 * A watcher's file name as a project path: names are relative to the watched folder (as in Node),
 * though an absolute name inside the working directory is accepted too. Null for names that cannot
 * be placed in the project.
 */
export function watchedPath(filename: string | Uint8Array, folder: string, workdir: string): string | null {
  let name = typeof filename === 'string' ? filename : new TextDecoder().decode(filename);
  if (name.startsWith('/')) {
    if (name !== workdir && !name.startsWith(`${workdir}/`)) return null;
    name = name.slice(workdir.length);
  } else if (folder !== '') {
    name = `${folder}/${name}`;
  }
  const path = name.replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (path === '' || path.split('/').some((segment) => segment === '..' || segment === '.' || segment === '')) return null;
  return path;
}

/**
 * Reports files that processes change. `node_modules` and `.git` are excluded at the source: the
 * project root is watched without recursion, and each other top-level folder recursively, so an
 * `npm install` does not send thousands of events across to the page only to have them dropped.
 */
export function watchRuntimeFiles(options: RuntimeFileWatchOptions): RuntimeFileWatch {
  const { fs, known, onChange, workdir } = options;
  const pending = new Set<string>();
  const unreadable = new Map<string, number>();
  const folderWatchers = new Map<string, WatcherLike>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let work: Promise<void> = Promise.resolve();
  let closed = false;

  const queue = (path: string) => {
    if (closed || isIgnoredPath(path)) return;
    pending.add(path);
    timer ??= setTimeout(flush, options.debounceMs);
  };

  const watchFolder = (folder: string) => {
    if (closed || folderWatchers.has(folder) || isIgnoredPath(folder)) return;
    folderWatchers.set(
      folder,
      fs.watch(folder, { recursive: true }, (_event, filename) => {
        const path = watchedPath(filename, folder, workdir);
        if (path) queue(path);
      }),
    );
  };

  const unwatchFolder = (folder: string) => {
    folderWatchers.get(folder)?.close();
    folderWatchers.delete(folder);
  };

  const reportGone = (path: string) => {
    if (!path.includes('/')) unwatchFolder(path);
    for (const knownPath of [...known.keys()]) {
      if (knownPath === path || knownPath.startsWith(`${path}/`)) {
        known.delete(knownPath);
        onChange({ kind: 'delete', path: knownPath });
      }
    }
  };

  const inspectFile = (path: string, bytes: Uint8Array) => {
    unreadable.delete(path);
    const content = decodeFileContent(bytes);
    const previous = known.get(path);
    if (previous !== undefined && sameFileContent(previous, content)) return;
    known.set(path, content);
    onChange({ kind: 'write', path, content });
  };

  const inspectFolder = async (path: string, files: string[]) => {
    if (!path.includes('/')) watchFolder(path);
    for (const file of files) {
      try {
        inspectFile(file, await fs.readFile(file));
      } catch {
        // Removed while we were reading the folder; its own event reports that.
      }
    }
  };

  const inspect = async (path: string) => {
    try {
      return inspectFile(path, await fs.readFile(path));
    } catch {
      // Not a readable file: a folder, gone, or unreadable for now.
    }
    try {
      return await inspectFolder(path, await listRuntimeFiles(fs, path));
    } catch {
      // Not a folder either.
    }
    const state = await statPath(fs, path);
    if (state === 'missing') return reportGone(path);
    // Still there but unreadable (or the container would not say): never a deletion. Look again later.
    const attempts = unreadable.get(path) ?? 0;
    if (attempts < UNREADABLE_RETRIES) {
      unreadable.set(path, attempts + 1);
      queue(path);
    } else {
      unreadable.delete(path);
    }
  };

  function flush() {
    timer = null;
    const paths = [...pending];
    pending.clear();
    work = work.then(async () => {
      for (const path of paths) {
        if (closed) return;
        await inspect(path);
      }
    });
  }

  const rootWatcher = fs.watch('.', { recursive: false }, (_event, filename) => {
    const path = watchedPath(filename, '', workdir);
    if (path) queue(path);
  });
  const ready = (async () => {
    try {
      for (const entry of await fs.readdir('.', { withFileTypes: true })) {
        if (entry.isDirectory()) watchFolder(entry.name);
      }
    } catch {
      // The root cannot be listed (torn down): nothing to watch.
    }
  })();
  work = ready;

  return {
    async settled() {
      await ready;
      // A retry may queue the path again; each round gets its own look.
      for (let round = 0; round <= UNREADABLE_RETRIES && (timer || pending.size > 0); round++) {
        if (timer) clearTimeout(timer);
        flush();
        await work;
      }
      await work;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      rootWatcher.close();
      for (const folder of [...folderWatchers.keys()]) unwatchFolder(folder);
    },
  };
}
