import { setFileEntry } from './file-map';
import type { ProjectChangeSet, ProjectRepository } from './persistence';
import type { ProjectListing, ProjectRecord } from './types';

export interface MemoryRepository extends ProjectRepository {
  readonly records: Map<string, ProjectRecord>;
  /** Every save, whole or partial. */
  saveCount: number;
  /** Paths of every file record written, in order: what a save cost. */
  readonly fileWrites: string[];
  /** How many saves rewrote the chat. */
  chatWrites: number;
  /** When set, the next saves reject with it until cleared. */
  failWith: Error | null;
}

/** An in-memory repository for tests and for running without browser storage; values are cloned like IndexedDB does. */
export function createMemoryRepository(initial: ProjectRecord[] = []): MemoryRepository {
  const records = new Map(initial.map((record) => [record.meta.id, structuredClone(record)]));
  const repository: MemoryRepository = {
    records,
    saveCount: 0,
    fileWrites: [],
    chatWrites: 0,
    failWith: null,
    async list() {
      return [...records.values()]
        .map((record) => record.meta)
        .sort((a, b) => b.openedAt - a.openedAt || b.updatedAt - a.updatedAt)
        .map((meta): ProjectListing => ({ status: 'ok', meta }));
    },
    async load(id) {
      const record = records.get(id);
      return record ? structuredClone(record) : null;
    },
    async save(record) {
      repository.saveCount++;
      if (repository.failWith) throw repository.failWith;
      repository.fileWrites.push(...Object.keys(record.files));
      repository.chatWrites++;
      records.set(record.meta.id, structuredClone(record));
    },
    async saveChanges(changes: ProjectChangeSet) {
      repository.saveCount++;
      if (repository.failWith) throw repository.failWith;
      const previous = records.get(changes.meta.id);
      const files = { ...(previous?.files ?? {}) };
      for (const path of changes.deletes ?? []) delete files[path];
      for (const [path, content] of Object.entries(changes.writes ?? {})) {
        setFileEntry(files, path, content);
        repository.fileWrites.push(path);
      }
      if (changes.messages) repository.chatWrites++;
      const base: ProjectRecord = previous ?? {
        meta: changes.meta,
        files: {},
        folders: [],
        openTabs: [],
        activeTab: null,
        messages: [],
        paneSizes: {},
        modelId: null,
        pendingPrompt: null,
        appWasRunning: false,
        deleted: {},
      };
      records.set(
        changes.meta.id,
        structuredClone({
          ...base,
          ...(changes.state ?? {}),
          meta: changes.meta,
          files,
          messages: changes.messages ?? base.messages,
        }),
      );
    },
    async delete(id) {
      records.delete(id);
    },
  };
  return repository;
}
