import type { ProjectRepository } from './persistence';
import type { ProjectListing, ProjectRecord } from './types';

export interface MemoryRepository extends ProjectRepository {
  readonly records: Map<string, ProjectRecord>;
  saveCount: number;
  /** When set, the next saves reject with it until cleared. */
  failWith: Error | null;
}

/** An in-memory repository for tests and for running without browser storage; values are cloned like IndexedDB does. */
export function createMemoryRepository(initial: ProjectRecord[] = []): MemoryRepository {
  const records = new Map(initial.map((record) => [record.meta.id, structuredClone(record)]));
  const repository: MemoryRepository = {
    records,
    saveCount: 0,
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
      records.set(record.meta.id, structuredClone(record));
    },
    async delete(id) {
      records.delete(id);
    },
  };
  return repository;
}
