import { isHiddenPath } from '../project/paths';
import type { ProjectStore } from '../project/project-store';
import type { AgentFiles } from './tool-context';

/** The part of the project store the agent needs. */
export type AgentFileStore = Pick<ProjectStore, 'readFile' | 'listFiles' | 'writeFile' | 'deleteFile'>;

/** Waits until every change made so far has reached the runtime. */
export interface RuntimeSync {
  flush(): Promise<void>;
}

export function createAgentFiles(store: AgentFileStore, sync: RuntimeSync): AgentFiles {
  return {
    read: (path) => store.readFile(path),
    list: () => store.listFiles().filter((path) => !isHiddenPath(path)).sort(),
    async write(path, content) {
      store.writeFile(path, content, 'agent');
      await sync.flush();
    },
    async delete(path) {
      store.deleteFile(path, 'agent');
      await sync.flush();
    },
  };
}
