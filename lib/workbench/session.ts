import { createStore } from 'zustand/vanilla';
import type { ProjectStore } from '../project/project-store';
import type { RuntimeClientConfig } from '../runtime/config';
import type { RuntimeSessionState, WorkbenchSession } from './session-types';

// Stub: the real glue (runtime selection, sync, run plan, agent tools) replaces this.
export function createWorkbenchSession(init: {
  projectId: string;
  store: ProjectStore;
  runtimeConfig: RuntimeClientConfig;
}): WorkbenchSession {
  const runtimeState = createStore<RuntimeSessionState>(() => ({
    status: null,
    runtime: null,
    ports: [],
    previewPort: null,
    previewErrors: [],
    run: { phase: 'idle', label: 'Not running', startedAt: null },
    unsyncedPaths: [],
  }));
  return {
    projectId: init.projectId,
    store: init.store,
    runtimeState,
    run: async () => {},
    stopApp: async () => {},
    setPreviewPort: (port) => runtimeState.setState({ previewPort: port }),
    clearPreviewErrors: () => runtimeState.setState({ previewErrors: [] }),
    openShell: async () => null,
    toolContext: () => {
      throw new Error('The runtime is not connected yet.');
    },
    onAgentCommand: () => () => {},
    dispose: async () => {},
  };
}
