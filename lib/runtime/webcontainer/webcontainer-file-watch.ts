import type { FileContent } from '../../project/types';
import type { RuntimeFileChange } from '../types';
import { decodeFileContent, sameContent as sameFileContent } from '../../project/paths';
import { isIgnoredPath } from './file-paths';
import type { WebContainerFsLike } from './webcontainer-api';

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

export interface RuntimeFileWatchOptions {
  fs: WebContainerFsLike;
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

function normaliseWatchedName(filename: string | Uint8Array): string {
  const name = typeof filename === 'string' ? filename : new TextDecoder().decode(filename);
  return name.replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
}

export function watchRuntimeFiles(options: RuntimeFileWatchOptions): RuntimeFileWatch {
  const { fs, known, onChange } = options;
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let work: Promise<void> = Promise.resolve();
  let closed = false;

  const reportGone = (path: string) => {
    for (const knownPath of [...known.keys()]) {
      if (knownPath === path || knownPath.startsWith(`${path}/`)) {
        known.delete(knownPath);
        onChange({ kind: 'delete', path: knownPath });
      }
    }
  };

  const inspectFile = async (path: string, bytes: Uint8Array) => {
    const content = decodeFileContent(bytes);
    const previous = known.get(path);
    if (previous !== undefined && sameFileContent(previous, content)) return;
    known.set(path, content);
    onChange({ kind: 'write', path, content });
  };

  const inspect = async (path: string) => {
    let bytes: Uint8Array | null = null;
    try {
      bytes = await fs.readFile(path);
    } catch {
      // Not a readable file: a folder, or gone.
    }
    if (bytes) return inspectFile(path, bytes);
    let files: string[] | null = null;
    try {
      files = await listRuntimeFiles(fs, path);
    } catch {
      // Gone.
    }
    if (files === null) return reportGone(path);
    for (const file of files) {
      try {
        await inspectFile(file, await fs.readFile(file));
      } catch {
        // Removed while we were reading the folder; its own event reports that.
      }
    }
  };

  const flush = () => {
    timer = null;
    const paths = [...pending];
    pending.clear();
    work = work.then(async () => {
      for (const path of paths) {
        if (closed) return;
        await inspect(path);
      }
    });
  };

  const watcher = fs.watch('.', { recursive: true }, (_event, filename) => {
    if (closed) return;
    const path = normaliseWatchedName(filename);
    if (path === '' || isIgnoredPath(path)) return;
    pending.add(path);
    timer ??= setTimeout(flush, options.debounceMs);
  });

  return {
    async settled() {
      if (timer) {
        clearTimeout(timer);
        flush();
      }
      await work;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
