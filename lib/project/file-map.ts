import type { FileContent, FileMap } from './types';
import { ancestorsOf } from './paths';

/**
 * Adds an entry as an own property. Plain assignment would treat a file named
 * `__proto__` as a prototype change instead of a file.
 */
export function setFileEntry(files: FileMap, path: string, content: FileContent): void {
  Object.defineProperty(files, path, { value: content, enumerable: true, writable: true, configurable: true });
}

/** Every folder that holds at least one file, at any depth. */
export function impliedFolders(files: FileMap): Set<string> {
  const folders = new Set<string>();
  for (const path of Object.keys(files)) for (const folder of ancestorsOf(path)) folders.add(folder);
  return folders;
}

/** Keeps only empty leaf folders: ones holding files, or holding other listed folders, are implied. */
export function tidyFolders(folders: string[], files: FileMap): string[] {
  const implied = impliedFolders(files);
  const unique = [...new Set(folders)].filter((folder) => !implied.has(folder) && !Object.hasOwn(files, folder));
  return unique.filter((folder) => !unique.some((other) => other !== folder && other.startsWith(`${folder}/`))).sort();
}
