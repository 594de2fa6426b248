import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, readlink, realpath, rename, rm, rmdir, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { PathRefusedError, checkProjectPath, resolveProjectPath } from './project-paths';

// Linux only: /proc/self/fd/N/name resolves `name` inside the very folder fd N has open, which gives
// Node an openat()-style walk. Checking a path and then using it by name lets a process swap a folder
// for a link in between; every step here is taken from an already-verified open folder instead.
const fdPath = (handle: FileHandle, name?: string) => `/proc/self/fd/${handle.fd}${name === undefined ? '' : `/${name}`}`;
const DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
// O_NONBLOCK so a FIFO swapped in cannot hang the server on open.
const FILE_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root + path.sep);
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** Where an open file or folder really is now (the kernel's own path, links resolved); follows renames too. */
async function locationOf(handle: FileHandle): Promise<string> {
  // A file replaced by a later rename is still where it was, marked " (deleted)".
  return (await readlink(fdPath(handle))).replace(/ \(deleted\)$/, '');
}

async function openChild(parent: FileHandle, name: string, relativePath: string, create: boolean): Promise<FileHandle> {
  try {
    return await open(fdPath(parent, name), DIR_FLAGS);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ELOOP' || code === 'ENOTDIR') {
      throw new PathRefusedError(`"${relativePath}" goes through a link or a file where a folder should be; links to folders are never followed, since one could be swapped to a place that leaves the project folder. Use real folders.`);
    }
    if (code !== 'ENOENT' || !create) throw error;
    await mkdir(fdPath(parent, name)).catch((mkdirError: unknown) => {
      if (codeOf(mkdirError) !== 'EEXIST') throw mkdirError;
    });
    return openChild(parent, name, relativePath, false);
  }
}

/** An open handle on the folder that holds `relativePath`, reached without following any link. */
async function openParent(root: string, relativePath: string, create: boolean): Promise<{ dir: FileHandle; name: string; rootReal: string }> {
  const segments = checkProjectPath(relativePath);
  const rootReal = await realpath(root);
  let dir = await open(rootReal, DIR_FLAGS);
  try {
    for (const segment of segments.slice(0, -1)) {
      const next = await openChild(dir, segment, relativePath, create);
      await dir.close();
      dir = next;
    }
    if (!isInside(rootReal, await locationOf(dir))) {
      throw new PathRefusedError(`"${relativePath}" goes through a link that leaves the project folder.`);
    }
    return { dir, name: segments[segments.length - 1], rootReal };
  } catch (error) {
    await dir.close().catch(() => {});
    throw error;
  }
}

async function openFileInside(root: string, relativePath: string): Promise<FileHandle> {
  const { dir, name, rootReal } = await openParent(root, relativePath, false);
  let handle: FileHandle;
  try {
    handle = await open(fdPath(dir, name), FILE_FLAGS);
  } catch (error) {
    if (codeOf(error) !== 'ELOOP') throw error;
    // The file itself is a link: allowed only when it points inside, checked again on what was opened.
    handle = await open(await resolveProjectPath(root, relativePath), FILE_FLAGS);
  } finally {
    await dir.close();
  }
  if (!isInside(rootReal, await locationOf(handle))) {
    await handle.close();
    throw new PathRefusedError(`"${relativePath}" is a link to a place outside the project folder.`);
  }
  return handle;
}

/** Largest file the IDE reads whole from a workspace. */
export const MAX_READ_BYTES = 100 * 1024 * 1024;

export class FileTooLargeError extends Error {
  constructor(
    readonly relativePath: string,
    readonly limit: number,
  ) {
    super(`"${relativePath}" is larger than ${Math.round(limit / (1024 * 1024))} MB; the IDE does not read files that large. Open it with a command instead.`);
    this.name = 'FileTooLargeError';
  }
}

const READ_CHUNK = 1024 * 1024;

/**
 * Reads at most `limit` bytes: commands can make a file huge (sparse) at no cost, or grow it between a
 * size check and the read, and reading it whole would take the server's memory.
 */
async function readBounded(handle: FileHandle, relativePath: string, limit: number): Promise<Uint8Array> {
  if ((await handle.stat()).size > limit) throw new FileTooLargeError(relativePath, limit);
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(READ_CHUNK, limit + 1 - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    total += bytesRead;
    if (total > limit) throw new FileTooLargeError(relativePath, limit);
    chunks.push(chunk.subarray(0, bytesRead));
  }
  return Buffer.concat(chunks, total);
}

/** Bytes of a regular file inside `root`, or null when there is none (missing, a folder); FileTooLargeError past `limit`. */
export async function readInside(root: string, relativePath: string, limit: number = MAX_READ_BYTES): Promise<Uint8Array | null> {
  let handle: FileHandle;
  try {
    handle = await openFileInside(root, relativePath);
  } catch (error) {
    if (['ENOENT', 'EISDIR', 'ENOTDIR'].includes(codeOf(error) ?? '')) return null;
    throw error;
  }
  try {
    if (!(await handle.stat()).isFile()) return null;
    return await readBounded(handle, relativePath, limit);
  } finally {
    await handle.close();
  }
}

/** Size and mtime of a regular file inside `root` without following links; null when there is none. */
export async function statInside(root: string, relativePath: string): Promise<{ size: number; mtimeMs: number } | null> {
  const handle = await openFileInside(root, relativePath).catch(() => null);
  if (!handle) return null;
  try {
    const stats = await handle.stat();
    return stats.isFile() ? { size: stats.size, mtimeMs: stats.mtimeMs } : null;
  } finally {
    await handle.close();
  }
}

/**
 * Writes a temp file next to the target and renames it into place, so a reader sees the old bytes
 * or the new ones, never part of them. Missing folders are created; links to folders are refused.
 */
export async function writeInside(root: string, relativePath: string, bytes: Uint8Array): Promise<void> {
  const { dir, name, rootReal } = await openParent(root, relativePath, true);
  const tempName = `.${name}.tabsmith-${randomBytes(6).toString('hex')}.tmp`;
  let temp: FileHandle | null = null;
  try {
    temp = await open(fdPath(dir, tempName), constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
    await temp.writeFile(bytes);
    await temp.sync();
    await rename(fdPath(dir, tempName), fdPath(dir, name));
    // The open handle follows the file through the rename, so this is where it really landed.
    const landed = await locationOf(temp);
    if (!isInside(rootReal, landed)) {
      await unlink(landed).catch(() => {});
      throw new PathRefusedError(`"${relativePath}" went through a link that leaves the project folder; nothing was written.`);
    }
  } catch (error) {
    await unlink(fdPath(dir, tempName)).catch(() => {});
    throw error;
  } finally {
    await temp?.close().catch(() => {});
    await dir.close();
  }
}

/** Removes a file or folder inside `root` (never through a link); then its folders left empty. */
export async function deleteInside(root: string, relativePath: string): Promise<void> {
  let opened: Awaited<ReturnType<typeof openParent>>;
  try {
    opened = await openParent(root, relativePath, false);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return;
    throw error;
  }
  const { dir, name } = opened;
  try {
    await rm(fdPath(dir, name), { recursive: true, force: true });
  } finally {
    await dir.close();
  }
  await removeEmptyParents(root, checkProjectPath(relativePath).slice(0, -1));
}

async function removeEmptyParents(root: string, folders: string[]): Promise<void> {
  for (let depth = folders.length; depth > 0; depth--) {
    const folder = folders.slice(0, depth).join('/');
    const opened = await openParent(root, `${folder}/x`, false).catch(() => null);
    if (!opened) return;
    try {
      const entries = await readdir(fdPath(opened.dir)).catch(() => null);
      if (!entries || entries.length > 0) return;
      // rmdir of the parent's entry by name, taken from the verified grandparent.
      const parent = await openParent(root, folder, false).catch(() => null);
      if (!parent) return;
      await rmdir(fdPath(parent.dir, parent.name))
        .catch(() => {})
        .finally(() => parent.dir.close());
    } finally {
      await opened.dir.close();
    }
  }
}

export interface ListedEntry {
  name: string;
  kind: 'file' | 'folder' | 'link' | 'other';
  size: number;
  mtimeMs: number;
}

/** Entries of a folder inside `root` ('' for the root), links reported as links and never followed; [] when unreadable. */
export async function listInside(root: string, relativeDir: string): Promise<ListedEntry[]> {
  const opened = await (relativeDir === ''
    ? realpath(root).then(async (rootReal) => ({ dir: await open(rootReal, DIR_FLAGS), name: '' }))
    : openParent(root, `${relativeDir}/x`, false)
  ).catch(() => null);
  if (!opened) return [];
  try {
    const entries = await readdir(fdPath(opened.dir), { withFileTypes: true }).catch(() => []);
    const listed: ListedEntry[] = [];
    for (const entry of entries) {
      const kind = entry.isFile() ? 'file' : entry.isDirectory() ? 'folder' : entry.isSymbolicLink() ? 'link' : 'other';
      let size = 0;
      let mtimeMs = 0;
      if (kind === 'file') {
        const file = await open(fdPath(opened.dir, entry.name), FILE_FLAGS).catch(() => null);
        if (!file) continue;
        const stats = await file.stat().finally(() => file.close());
        if (!stats.isFile()) continue;
        size = stats.size;
        mtimeMs = stats.mtimeMs;
      }
      listed.push({ name: entry.name, kind, size, mtimeMs });
    }
    return listed;
  } finally {
    await opened.dir.close();
  }
}
