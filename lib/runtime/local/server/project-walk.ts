import { DEFAULT_IGNORED_FOLDERS, ignoreRulesFor, ignoresFolder, type IgnoreRules } from '../../../project/ignore-rules';
import { TOOL_FOLDERS } from './project-paths';
import { listInside, readInside } from './safe-fs';

/** Tool folders and build caches that dev servers rewrite constantly; walking them would flood the browser. */
export function isSkippedFolder(name: string): boolean {
  return TOOL_FOLDERS.has(name) || DEFAULT_IGNORED_FOLDERS.has(name);
}

/** Read on every poll; a command could make it huge. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

/** The project's one set of ignore rules, from the workspace's own `.gitignore`; rebuilt only when it changes. */
export async function workspaceIgnoreRules(root: string, previous: IgnoreRules | null = null): Promise<IgnoreRules> {
  const bytes = await readInside(root, '.gitignore', MAX_GITIGNORE_BYTES).catch(() => null);
  const text = bytes ? new TextDecoder().decode(bytes) : '';
  return ignoreRulesFor(previous, text);
}

export interface WalkedFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** Walk stops listing after this many files so a runaway generator cannot stall the poller. */
export const MAX_WALKED_FILES = 20_000;

/** Regular files of the project (symlinks are not followed), skipping tool and cache folders and what `rules` ignore. */
export async function walkProjectFiles(root: string, rules?: IgnoreRules): Promise<WalkedFile[]> {
  const files: WalkedFile[] = [];
  const pending: string[] = [''];
  while (pending.length > 0 && files.length < MAX_WALKED_FILES) {
    const relativeDir = pending.pop()!;
    for (const entry of await listInside(root, relativeDir)) {
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.kind === 'folder') {
        if (!isSkippedFolder(entry.name) && !(rules && ignoresFolder(rules, relative))) pending.push(relative);
      } else if (entry.kind === 'file') {
        if (rules?.ignores(relative)) continue;
        files.push({ path: relative, size: entry.size, mtimeMs: entry.mtimeMs });
      }
    }
  }
  return files;
}
