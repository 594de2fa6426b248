import { abortQuietly, openDatabaseLazily, requestResult, transactionDone } from '../project/indexeddb';
import type { FileContent } from '../project/types';
import { contentByteLength } from './blob-hash';
import { toCheckpointError } from './checkpoint-errors';
import type { Checkpoint, CheckpointBackend, CheckpointStats } from './checkpoint-types';

const DB_VERSION = 1;
const CHECKPOINTS = 'checkpoints';
const BLOBS = 'blobs';
const USAGE = 'usage';
const BY_PROJECT = 'projectId';

interface StoredBlob {
  projectId: string;
  hash: string;
  content: FileContent;
  bytes: number;
}

interface StoredUsage {
  projectId: string;
  blobs: number;
  bytes: number;
}

/** Checkpoints, their file contents and a per-project size tally, in a database of their own. */
export function createIndexedDbCheckpointBackend(options: { factory?: IDBFactory; dbName: string }): CheckpointBackend {
  const { begin } = openDatabaseLazily({
    factory: options.factory,
    dbName: options.dbName,
    version: DB_VERSION,
    upgrade(db) {
      if (!db.objectStoreNames.contains(CHECKPOINTS)) {
        db.createObjectStore(CHECKPOINTS, { keyPath: 'id' }).createIndex(BY_PROJECT, 'projectId');
      }
      if (!db.objectStoreNames.contains(BLOBS)) {
        db.createObjectStore(BLOBS, { keyPath: ['projectId', 'hash'] }).createIndex(BY_PROJECT, 'projectId');
      }
      if (!db.objectStoreNames.contains(USAGE)) db.createObjectStore(USAGE, { keyPath: 'projectId' });
    },
    openError: (error) => toCheckpointError(error, 'read', 'unavailable'),
  });

  async function write(checkpoint: Checkpoint, blobs: Map<string, FileContent>): Promise<void> {
    const transaction = await begin([CHECKPOINTS, BLOBS, USAGE], 'readwrite');
    const done = transactionDone(transaction);
    try {
      const blobStore = transaction.objectStore(BLOBS);
      const usageStore = transaction.objectStore(USAGE);
      let addedBlobs = 0;
      let addedBytes = 0;
      for (const [hash, content] of blobs) {
        const lookup = blobStore.getKey([checkpoint.projectId, hash]);
        lookup.onsuccess = () => {
          if (lookup.result !== undefined) return;
          const bytes = contentByteLength(content);
          const blob: StoredBlob = { projectId: checkpoint.projectId, hash, content, bytes };
          blobStore.put(blob);
          addedBlobs++;
          addedBytes += bytes;
        };
      }
      // Requests run in the order placed, so every lookup above has settled when this one does.
      const usageRequest = usageStore.get(checkpoint.projectId);
      usageRequest.onsuccess = () => {
        if (addedBlobs === 0) return;
        const previous = usageRequest.result as StoredUsage | undefined;
        const usage: StoredUsage = {
          projectId: checkpoint.projectId,
          blobs: (previous?.blobs ?? 0) + addedBlobs,
          bytes: (previous?.bytes ?? 0) + addedBytes,
        };
        usageStore.put(usage);
      };
      transaction.objectStore(CHECKPOINTS).put(checkpoint);
    } catch (error) {
      // A synchronous failure (clone error, quota on some engines) leaves a live transaction: undo it.
      abortQuietly(transaction);
      throw transaction.error ?? error;
    }
    await done;
  }

  async function list(projectId: string): Promise<Checkpoint[]> {
    const transaction = await begin([CHECKPOINTS], 'readonly');
    const done = transactionDone(transaction);
    const result = await requestResult(transaction.objectStore(CHECKPOINTS).index(BY_PROJECT).getAll(projectId));
    await done;
    return result as Checkpoint[];
  }

  async function get(projectId: string, id: string): Promise<Checkpoint | null> {
    const transaction = await begin([CHECKPOINTS], 'readonly');
    const done = transactionDone(transaction);
    const result = (await requestResult(transaction.objectStore(CHECKPOINTS).get(id))) as Checkpoint | undefined;
    await done;
    return result && result.projectId === projectId ? result : null;
  }

  async function storedHashes(projectId: string): Promise<string[]> {
    const transaction = await begin([BLOBS], 'readonly');
    const done = transactionDone(transaction);
    // Keys only: the contents themselves stay on disk.
    const keys = await requestResult(transaction.objectStore(BLOBS).index(BY_PROJECT).getAllKeys(projectId));
    await done;
    return keys.map((key) => String((key as [string, string])[1]));
  }

  async function readBlobs(projectId: string, hashes: string[]): Promise<Map<string, FileContent>> {
    const found = new Map<string, FileContent>();
    if (hashes.length === 0) return found;
    const transaction = await begin([BLOBS], 'readonly');
    const done = transactionDone(transaction);
    const store = transaction.objectStore(BLOBS);
    const results = await Promise.all(hashes.map((hash) => requestResult(store.get([projectId, hash]))));
    await done;
    results.forEach((blob, index) => {
      if (blob) found.set(hashes[index], (blob as StoredBlob).content);
    });
    return found;
  }

  async function deleteProject(projectId: string): Promise<void> {
    const transaction = await begin([CHECKPOINTS, BLOBS, USAGE], 'readwrite');
    const done = transactionDone(transaction);
    for (const name of [CHECKPOINTS, BLOBS]) {
      const store = transaction.objectStore(name);
      const cursorRequest = store.index(BY_PROJECT).openKeyCursor(projectId);
      cursorRequest.onsuccess = () => {
        const cursor = cursorRequest.result;
        if (!cursor) return;
        store.delete(cursor.primaryKey);
        cursor.continue();
      };
    }
    transaction.objectStore(USAGE).delete(projectId);
    await done;
  }

  async function stats(projectId: string): Promise<CheckpointStats> {
    const transaction = await begin([CHECKPOINTS, USAGE], 'readonly');
    const done = transactionDone(transaction);
    const [count, usage] = await Promise.all([
      requestResult(transaction.objectStore(CHECKPOINTS).index(BY_PROJECT).count(projectId)),
      requestResult(transaction.objectStore(USAGE).get(projectId)),
    ]);
    await done;
    const tally = usage as StoredUsage | undefined;
    return { checkpoints: count, blobs: tally?.blobs ?? 0, bytes: tally?.bytes ?? 0 };
  }

  return { write, list, get, storedHashes, readBlobs, deleteProject, stats };
}
