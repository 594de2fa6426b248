import type { FileContent } from '../../project/types';
import type { FileTree, FileTreeDirectory } from './webcontainer-api';

const IGNORED_SEGMENTS = new Set(['node_modules', '.git']);

/** Project-relative POSIX path with no leading "./" or "/"; throws for paths that leave the project. */
export function toProjectPath(path: string): string {
  const trimmed = path.replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '' || trimmed.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new Error(`"${path}" is not a file inside the project.`);
  }
  return trimmed;
}

/** Dependency and version-control folders are the runtime's own business, never synced. */
export function isIgnoredPath(path: string): boolean {
  return path.split('/').some((segment) => IGNORED_SEGMENTS.has(segment));
}

export function parentFolder(path: string): string | null {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? null : path.slice(0, slash);
}

export function toFileTree(files: Record<string, FileContent>): FileTree {
  const root: FileTree = {};
  for (const [rawPath, contents] of Object.entries(files)) {
    const segments = toProjectPath(rawPath).split('/');
    const name = segments.pop() as string;
    let folder = root;
    for (const segment of segments) {
      const existing = folder[segment];
      if (!existing || !('directory' in existing)) {
        const directory: FileTreeDirectory = { directory: {} };
        folder[segment] = directory;
        folder = directory.directory;
      } else {
        folder = existing.directory;
      }
    }
    folder[name] = { file: { contents } };
  }
  return root;
}

