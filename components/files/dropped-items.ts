export interface DroppedEntry {
  path: string;
  bytes: Uint8Array;
}

export type DroppedPayload =
  | { kind: 'zip'; file: File }
  | { kind: 'entries'; name: string; entries: DroppedEntry[] };

/** True while a drag carries files from the operating system (not text or in-page elements). */
export function dragHasFiles(event: { dataTransfer: DataTransfer | null }): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  // readEntries returns batches (about 100 at a time in Chromium) until it returns an empty one.
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function collect(entry: FileSystemEntry, prefix: string, out: DroppedEntry[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await fileOf(entry as FileSystemFileEntry);
    out.push({ path, bytes: new Uint8Array(await file.arrayBuffer()) });
  } else if (entry.isDirectory) {
    const children = await readAllEntries((entry as FileSystemDirectoryEntry).createReader());
    for (const child of children) await collect(child, path, out);
  }
}

/**
 * Reads what was dropped: one zip file, or files and folders. A single dropped folder becomes the
 * project root (its name names the project). Must be called synchronously from the drop handler,
 * because the browser empties the DataTransfer once the event returns.
 */
export function readDrop(dataTransfer: DataTransfer): Promise<DroppedPayload | null> {
  const roots = Array.from(dataTransfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry())
    .filter((entry): entry is FileSystemEntry => entry !== null);
  const files = Array.from(dataTransfer.files);

  return (async () => {
    if (roots.length === 0) {
      if (files.length === 1 && files[0].name.toLowerCase().endsWith('.zip')) return { kind: 'zip', file: files[0] };
      if (files.length === 0) return null;
      const entries = await Promise.all(
        files.map(async (f) => ({ path: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      );
      return { kind: 'entries', name: 'Dropped files', entries };
    }
    if (roots.length === 1 && roots[0].isFile && roots[0].name.toLowerCase().endsWith('.zip')) {
      return { kind: 'zip', file: await fileOf(roots[0] as FileSystemFileEntry) };
    }
    const entries: DroppedEntry[] = [];
    if (roots.length === 1 && roots[0].isDirectory) {
      const children = await readAllEntries((roots[0] as FileSystemDirectoryEntry).createReader());
      for (const child of children) await collect(child, '', entries);
      return { kind: 'entries', name: roots[0].name, entries };
    }
    for (const root of roots) await collect(root, '', entries);
    return { kind: 'entries', name: 'Dropped files', entries };
  })();
}
