import { createIndexedDbRepository, type ProjectRepository } from '@/lib/project/persistence';

let repository: ProjectRepository | null = null;

/** One repository (one IndexedDB connection) per page. */
export function projectRepository(): ProjectRepository {
  repository ??= createIndexedDbRepository();
  return repository;
}
