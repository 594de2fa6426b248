import type { FileContent, FileMap } from '../project/types';
import { contentByteLength, FileHasher } from './blob-hash';
import { missingContentError, toCheckpointError } from './checkpoint-errors';
import type { Checkpoint, CheckpointBackend, CheckpointMeta, CheckpointRepository, CheckpointStats } from './checkpoint-types';
import { createIndexedDbCheckpointBackend } from './indexeddb-checkpoint-backend';

export type { Checkpoint, CheckpointKind, CheckpointMeta, CheckpointRepository, CheckpointStats } from './checkpoint-types';

let idCounter = 0;

/** Sorts by creation: zero-padded time, then a per-session counter, then randomness across tabs. */
function newCheckpointId(createdAt: number): string {
  idCounter = (idCounter + 1) % 36 ** 4;
  const random = new Uint8Array(4);
  crypto.getRandomValues(random);
  const suffix = [...random].map((byte) => (byte % 36).toString(36)).join('');
  return `${createdAt.toString(36).padStart(9, '0')}${idCounter.toString(36).padStart(4, '0')}${suffix}`;
}

export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The content-addressed repository logic, shared by every backend. */
export function createCheckpointRepository(backend: CheckpointBackend, options: { now?: () => number } = {}): CheckpointRepository {
  const now = options.now ?? Date.now;
  const hashers = new Map<string, FileHasher>();
  /** Hashes known to be stored per project, so unchanged files are not even looked up again. */
  const storedBlobs = new Map<string, Set<string>>();

  function hasherFor(projectId: string): FileHasher {
    let hasher = hashers.get(projectId);
    if (!hasher) {
      hasher = new FileHasher();
      hashers.set(projectId, hasher);
    }
    return hasher;
  }

  function storedFor(projectId: string): Set<string> {
    let stored = storedBlobs.get(projectId);
    if (!stored) {
      stored = new Set();
      storedBlobs.set(projectId, stored);
    }
    return stored;
  }

  async function hashFiles(projectId: string, files: FileMap): Promise<Record<string, string>> {
    try {
      return await hasherFor(projectId).hashFiles(files);
    } catch (error) {
      throw toCheckpointError(error, 'save');
    }
  }

  return {
    async saveCheckpoint(projectId, files, folders, meta: CheckpointMeta) {
      const hashes = await hashFiles(projectId, files);
      const stored = storedFor(projectId);
      const blobs = new Map<string, FileContent>();
      for (const [path, hash] of Object.entries(hashes)) if (!stored.has(hash)) blobs.set(hash, files[path]);
      const createdAt = meta.createdAt ?? now();
      const checkpoint: Checkpoint = {
        id: newCheckpointId(createdAt),
        projectId,
        createdAt,
        label: meta.label,
        messageId: meta.messageId ?? null,
        kind: meta.kind ?? 'before-turn',
        files: hashes,
        folders: [...folders].sort(),
      };
      try {
        await backend.write(checkpoint, blobs);
      } catch (error) {
        throw toCheckpointError(error, 'save');
      }
      for (const hash of blobs.keys()) stored.add(hash);
      return checkpoint;
    },

    async listCheckpoints(projectId) {
      try {
        return (await backend.list(projectId)).sort(compareCheckpoints);
      } catch (error) {
        throw toCheckpointError(error, 'read');
      }
    },

    async getCheckpoint(projectId, id) {
      try {
        return await backend.get(projectId, id);
      } catch (error) {
        throw toCheckpointError(error, 'read');
      }
    },

    async loadFiles(checkpoint, paths) {
      const wanted = paths ? paths.filter((path) => Object.hasOwn(checkpoint.files, path)) : Object.keys(checkpoint.files);
      let blobs: Map<string, FileContent>;
      try {
        blobs = await backend.readBlobs(checkpoint.projectId, [...new Set(wanted.map((path) => checkpoint.files[path]))]);
      } catch (error) {
        throw toCheckpointError(error, 'read');
      }
      const files: FileMap = {};
      let missing = 0;
      for (const path of wanted) {
        const content = blobs.get(checkpoint.files[path]);
        if (content === undefined) missing++;
        else files[path] = content;
      }
      if (missing > 0) throw missingContentError(missing);
      return files;
    },

    async prepare(projectId, files) {
      let stored: string[];
      try {
        [, stored] = await Promise.all([hasherFor(projectId).hashFiles(files), backend.storedHashes(projectId)]);
      } catch (error) {
        throw toCheckpointError(error, 'read');
      }
      const known = storedFor(projectId);
      for (const hash of stored) known.add(hash);
    },

    hashFiles,

    async deleteProject(projectId) {
      try {
        await backend.deleteProject(projectId);
      } catch (error) {
        throw toCheckpointError(error, 'delete');
      } finally {
        storedBlobs.delete(projectId);
        hashers.delete(projectId);
      }
    },

    async stats(projectId) {
      try {
        return await backend.stats(projectId);
      } catch (error) {
        throw toCheckpointError(error, 'read');
      }
    },
  };
}

export interface MemoryCheckpointBackend extends CheckpointBackend {
  /** Number of blob writes that actually stored something, for tests. */
  readonly blobWrites: number;
  /** When set, writes reject with it until cleared. */
  failWith: Error | null;
}

/** Values are cloned on the way in and out, as IndexedDB does. */
export function createMemoryCheckpointBackend(): MemoryCheckpointBackend {
  const checkpoints = new Map<string, Checkpoint>();
  const blobs = new Map<string, Map<string, { content: FileContent; bytes: number }>>();
  let blobWrites = 0;

  const backend: MemoryCheckpointBackend = {
    failWith: null,
    get blobWrites() {
      return blobWrites;
    },
    async write(checkpoint, newBlobs) {
      if (backend.failWith) throw backend.failWith;
      let project = blobs.get(checkpoint.projectId);
      if (!project) {
        project = new Map();
        blobs.set(checkpoint.projectId, project);
      }
      for (const [hash, content] of newBlobs) {
        if (project.has(hash)) continue;
        project.set(hash, { content: structuredClone(content), bytes: contentByteLength(content) });
        blobWrites++;
      }
      checkpoints.set(checkpoint.id, structuredClone(checkpoint));
    },
    async list(projectId) {
      return [...checkpoints.values()].filter((c) => c.projectId === projectId).map((c) => structuredClone(c));
    },
    async get(projectId, id) {
      const checkpoint = checkpoints.get(id);
      return checkpoint && checkpoint.projectId === projectId ? structuredClone(checkpoint) : null;
    },
    async storedHashes(projectId) {
      return [...(blobs.get(projectId)?.keys() ?? [])];
    },
    async readBlobs(projectId, hashes) {
      const project = blobs.get(projectId);
      const found = new Map<string, FileContent>();
      for (const hash of hashes) {
        const blob = project?.get(hash);
        if (blob) found.set(hash, structuredClone(blob.content));
      }
      return found;
    },
    async deleteProject(projectId) {
      blobs.delete(projectId);
      for (const [id, checkpoint] of checkpoints) if (checkpoint.projectId === projectId) checkpoints.delete(id);
    },
    async stats(projectId) {
      const project = blobs.get(projectId);
      let bytes = 0;
      for (const blob of project?.values() ?? []) bytes += blob.bytes;
      const count = [...checkpoints.values()].filter((c) => c.projectId === projectId).length;
      return { checkpoints: count, blobs: project?.size ?? 0, bytes } satisfies CheckpointStats;
    },
  };
  return backend;
}

export function createMemoryCheckpointRepository(options: { backend?: CheckpointBackend; now?: () => number } = {}): CheckpointRepository {
  return createCheckpointRepository(options.backend ?? createMemoryCheckpointBackend(), options);
}

export const DEFAULT_CHECKPOINT_DB_NAME = 'tabsmith-checkpoints';

export function createIndexedDbCheckpointRepository(
  options: { factory?: IDBFactory; dbName?: string; now?: () => number } = {},
): CheckpointRepository {
  const backend = createIndexedDbCheckpointBackend({ factory: options.factory, dbName: options.dbName ?? DEFAULT_CHECKPOINT_DB_NAME });
  return createCheckpointRepository(backend, options);
}
