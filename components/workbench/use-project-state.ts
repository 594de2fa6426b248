import { useStore } from 'zustand';
import type { ProjectState, ProjectStore } from '@/lib/project/project-store';

/** Subscribes a view to one slice of the project; select stable values (fields), never new objects. */
export function useProjectState<T>(store: ProjectStore, selector: (state: ProjectState) => T): T {
  return useStore(store.api, selector);
}
