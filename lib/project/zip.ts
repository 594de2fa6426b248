import { zipSync, type Zippable, type ZipOptions } from 'fflate';
import { impliedFolders, setFileEntry, tidyFolders } from './file-map';
import { ignoresFolder, projectIgnoreRules } from './ignore-rules';
import { decodeFileContent, encodeFileContent, extname, isHiddenPath, normalizeProjectPath } from './paths';
import type { FileMap } from './types';
import { inflateEntry, InvalidZipError, readZipEntries, ZIP_LIMITS, ZipLimitError, type ZipEntry, type ZipLimits } from './zip-read';

export { ZIP_LIMITS, ZipLimitError, type ZipLimits } from './zip-read';

export interface ImportResult {
  files: FileMap;
  /** Empty folders only; folders holding files are implied by the file paths. */
  folders: string[];
  refused: { path: string; reason: string }[];
}

export const INVALID_ZIP_MESSAGE = 'This file is not a valid zip archive';

const ZIP_LEVEL = 6;
// Already-compressed formats gain nothing from deflate; storing them keeps export fast.
const STORED_EXTENSIONS = new Set([
  '.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.ico', '.zip', '.gz', '.tgz', '.woff', '.woff2',
  '.mp3', '.mp4', '.webm', '.ogg', '.pdf',
]);

/**
 * Zips the project: every file (text as UTF-8, binary as-is) and each empty folder as a
 * directory entry, in sorted order. What the ignore rules leave out (`node_modules`, `.git`,
 * build output, the project's `.gitignore`) is left out.
 */
export function exportProjectZip(files: FileMap, folders: string[] = [], options: { mtime?: Date } = {}): Uint8Array {
  const zippable: Zippable = {};
  const fileOptions: ZipOptions = { level: ZIP_LEVEL, mtime: options.mtime };
  const storedOptions: ZipOptions = { level: 0, mtime: options.mtime };
  const rules = projectIgnoreRules(files);
  for (const path of Object.keys(files).sort()) {
    if (rules.ignores(path)) continue;
    const entryOptions = STORED_EXTENSIONS.has(extname(path)) ? storedOptions : fileOptions;
    Object.defineProperty(zippable, path, {
      value: [encodeFileContent(files[path]), entryOptions],
      enumerable: true,
    });
  }
  for (const folder of tidyFolders(folders, files)) {
    if (ignoresFolder(rules, folder)) continue;
    // fflate writes an object value as a directory entry named `folder/`.
    Object.defineProperty(zippable, folder, { value: [{}, fileOptions], enumerable: true });
  }
  return zipSync(zippable, { level: ZIP_LEVEL, mtime: options.mtime });
}

interface RawEntry {
  name: string;
  /** null for a directory entry. */
  bytes: Uint8Array | null;
}

type Classified = { kind: 'accept'; path: string } | { kind: 'skip' } | { kind: 'refuse'; reason: string };

function classify(rawName: string): Classified {
  const segments = rawName.replace(/\\/g, '/').split('/');
  // macOS resource forks travel inside zips made by Finder; they are never part of a project.
  if (segments[0] === '__MACOSX') return { kind: 'skip' };
  const normalized = normalizeProjectPath(rawName);
  if (!normalized.ok) {
    const leavesProject = segments.includes('..') || normalized.reason.includes('absolute');
    if (!leavesProject && isHiddenPath(rawName)) return { kind: 'skip' };
    return { kind: 'refuse', reason: normalized.reason };
  }
  if (isHiddenPath(normalized.path)) return { kind: 'skip' };
  return { kind: 'accept', path: normalized.path };
}

/** The single top-level folder every entry sits in (a GitHub-style `repo-main/`), if there is one. */
function sharedTopFolder(entries: { path: string; isFile: boolean }[]): string | null {
  const firstFile = entries.find((entry) => entry.isFile);
  if (!firstFile || !firstFile.path.includes('/')) return null;
  const top = firstFile.path.slice(0, firstFile.path.indexOf('/'));
  const allInside = entries.every((entry) =>
    entry.isFile ? entry.path.startsWith(`${top}/`) : entry.path === top || entry.path.startsWith(`${top}/`),
  );
  return allInside ? top : null;
}

function buildImport(raw: RawEntry[], refusedBefore: ImportResult['refused'] = []): ImportResult {
  const refused = [...refusedBefore];
  const accepted: { path: string; isFile: boolean; bytes: Uint8Array | null; name: string }[] = [];
  for (const entry of raw) {
    const result = classify(entry.name);
    if (result.kind === 'refuse') refused.push({ path: entry.name, reason: result.reason });
    else if (result.kind === 'accept') accepted.push({ path: result.path, isFile: entry.bytes !== null, bytes: entry.bytes, name: entry.name });
  }

  const top = sharedTopFolder(accepted);
  const strip = (path: string) => (top === null ? path : path === top ? '' : path.slice(top.length + 1));

  const files: FileMap = {};
  const folders: string[] = [];
  const fileEntries = accepted.filter((entry) => entry.isFile);
  for (const entry of fileEntries) setFileEntry(files, strip(entry.path), decodeFileContent(entry.bytes as Uint8Array));

  // A path cannot be both a file and a folder on disk; the folder (which holds other files) wins.
  const implied = impliedFolders(files);
  for (const entry of fileEntries) {
    const path = strip(entry.path);
    if (implied.has(path) && Object.hasOwn(files, path)) {
      delete files[path];
      refused.push({ path: entry.name, reason: `A folder named "${path}" is also in the import, so this file was left out.` });
    }
  }
  for (const entry of accepted) {
    if (entry.isFile) continue;
    const path = strip(entry.path);
    if (path !== '' && !Object.hasOwn(files, path)) folders.push(path);
  }
  return { files, folders: tidyFolders(folders, files), refused };
}

/** Refuses an import before anything is unpacked when what it declares is already over a limit. */
function checkDeclared(files: { name: string; size: number }[], limits: ZipLimits): void {
  if (files.length > limits.maxFiles) throw new ZipLimitError('files', limits);
  let total = 0;
  for (const file of files) {
    if (file.size > limits.maxFileBytes) throw new ZipLimitError('file-size', limits, file.name);
    total += file.size;
    if (total > limits.maxTotalBytes) throw new ZipLimitError('total-size', limits);
  }
}

function unpack(bytes: Uint8Array, entries: ZipEntry[], limits: ZipLimits): RawEntry[] {
  let total = 0;
  return entries.map((entry) => {
    if (entry.isDirectory) return { name: entry.name, bytes: null };
    const left = limits.maxTotalBytes - total;
    const kind = limits.maxFileBytes <= left ? 'file-size' : 'total-size';
    const data = inflateEntry(bytes, entry, Math.min(limits.maxFileBytes, left), () => {
      throw new ZipLimitError(kind, limits, entry.name);
    });
    total += data.length;
    return { name: entry.name, bytes: data };
  });
}

/**
 * Reads a zip into project files. Throws `ZipLimitError` when it holds too many files or unpacks too large
 * (checked while inflating, so a zip bomb stops at the limit), `Error(INVALID_ZIP_MESSAGE)` when it is not a zip.
 */
export function importProjectZip(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ImportResult {
  try {
    const refused: ImportResult['refused'] = [];
    const wanted: ZipEntry[] = [];
    for (const entry of readZipEntries(bytes)) {
      const verdict = classify(entry.name);
      if (verdict.kind === 'refuse') refused.push({ path: entry.name, reason: verdict.reason });
      if (verdict.kind !== 'accept') continue;
      if (!entry.isDirectory && entry.encrypted) {
        refused.push({ path: entry.name, reason: 'It is encrypted, and Tabsmith cannot read encrypted zip entries.' });
      } else if (!entry.isDirectory && entry.method !== 0 && entry.method !== 8) {
        refused.push({ path: entry.name, reason: 'It uses a compression method Tabsmith cannot read.' });
      } else {
        wanted.push(entry);
      }
    }
    checkDeclared(
      wanted.filter((entry) => !entry.isDirectory).map((entry) => ({ name: entry.name, size: entry.declaredSize })),
      limits,
    );
    return buildImport(unpack(bytes, wanted, limits), refused);
  } catch (error) {
    if (error instanceof InvalidZipError) throw new Error(INVALID_ZIP_MESSAGE, { cause: error });
    throw error;
  }
}

/** The same rules for a dropped folder or files; the dropped folder's own name is stripped when all share it. */
export function importDroppedFiles(entries: { path: string; bytes: Uint8Array }[], limits: ZipLimits = ZIP_LIMITS): ImportResult {
  checkDeclared(
    entries.filter((entry) => classify(entry.path).kind === 'accept').map((entry) => ({ name: entry.path, size: entry.bytes.length })),
    limits,
  );
  return buildImport(entries.map((entry) => ({ name: entry.path, bytes: entry.bytes })));
}
