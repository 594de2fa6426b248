import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { TOOL_FOLDERS } from './project-paths';

/** Build caches that dev servers rewrite constantly; syncing them would flood the browser. */
const CACHE_FOLDERS = new Set(['.next', '.nuxt', '.svelte-kit', '.turbo', '.cache', '.parcel-cache', '.vite']);

export function isSkippedFolder(name: string): boolean {
  return TOOL_FOLDERS.has(name) || CACHE_FOLDERS.has(name);
}

export interface WalkedFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** Walk stops listing after this many files so a runaway generator cannot stall the poller. */
export const MAX_WALKED_FILES = 20_000;

/** Regular files of the project (symlinks are not followed), skipping tool and cache folders. */
export async function walkProjectFiles(root: string): Promise<WalkedFile[]> {
  const files: WalkedFile[] = [];
  const pending: string[] = [''];
  while (pending.length > 0 && files.length < MAX_WALKED_FILES) {
    const relativeDir = pending.pop()!;
    const entries = await readdir(path.join(root, relativeDir), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!isSkippedFolder(entry.name)) pending.push(relative);
      } else if (entry.isFile()) {
        const stats = await lstat(path.join(root, relative)).catch(() => null);
        if (stats) files.push({ path: relative, size: stats.size, mtimeMs: stats.mtimeMs });
      }
    }
  }
  return files;
}
