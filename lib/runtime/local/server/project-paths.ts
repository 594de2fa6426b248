import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';

const PROJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class PathRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathRefusedError';
  }
}

export function isValidProjectId(id: string): boolean {
  return PROJECT_ID.test(id);
}

/** Folders that belong to tools, not to the project: never synced, never replaced by a mount. */
export const TOOL_FOLDERS = new Set(['node_modules', '.git']);

/** Checks a project-relative POSIX path and returns its normalised segments. */
export function checkProjectPath(relativePath: string): string[] {
  if (typeof relativePath !== 'string' || relativePath.length === 0) {
    throw new PathRefusedError('The path is empty.');
  }
  if (relativePath.includes('\0')) throw new PathRefusedError(`"${relativePath}" contains a NUL character.`);
  if (relativePath.startsWith('/') || relativePath.includes('\\') || /^[A-Za-z]:/.test(relativePath)) {
    throw new PathRefusedError(`"${relativePath}" is absolute; use a path inside the project.`);
  }
  const segments = relativePath.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0) throw new PathRefusedError(`"${relativePath}" is the project folder itself, not a file.`);
  if (segments.includes('..')) throw new PathRefusedError(`"${relativePath}" leaves the project folder ("..").`);
  if (segments.includes('.git')) throw new PathRefusedError(`"${relativePath}" points into .git, which is off limits.`);
  return segments;
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root + path.sep);
}

/** Nearest existing ancestor of `target`, resolved through symlinks. */
async function realpathOfExistingAncestor(target: string): Promise<string> {
  let current = target;
  for (;;) {
    try {
      return await realpath(current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = path.dirname(current);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === current) throw error;
      current = parent;
    }
  }
}

/**
 * Absolute path of a project file inside `workspace`, refusing anything that would land outside it —
 * including through a symlinked folder. The file itself may be a symlink only if it points inside.
 */
export async function resolveProjectPath(workspace: string, relativePath: string): Promise<string> {
  const segments = checkProjectPath(relativePath);
  const root = await realpath(workspace);
  const target = path.join(root, ...segments);
  const parentReal = await realpathOfExistingAncestor(path.dirname(target));
  if (!isInside(root, parentReal)) {
    throw new PathRefusedError(`"${relativePath}" goes through a link that leaves the project folder.`);
  }
  const link = await lstat(target).catch(() => null);
  if (link?.isSymbolicLink()) {
    const targetReal = await realpath(target).catch(() => null);
    if (targetReal === null || !isInside(root, targetReal)) {
      throw new PathRefusedError(`"${relativePath}" is a link to a place outside the project folder.`);
    }
  }
  return target;
}
