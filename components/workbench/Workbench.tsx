'use client';

import { useEffect, useState } from 'react';
import { createProjectStore, type ProjectStore } from '@/lib/project/project-store';
import { PersistenceError } from '@/lib/project/persistence';
import type { RuntimeClientConfig } from '@/lib/runtime/config';
import type { WorkbenchSession } from '@/lib/workbench/session-types';
import { createWorkbenchSession } from '@/lib/workbench/session';
import { storageErrorMessage } from '@/components/ui/storage-error-message';
import { projectRepository } from './project-repository';
import { ProjectMessage, ProjectNotFound } from './ProjectNotFound';
import { WorkbenchView } from './WorkbenchView';

type LoadState =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; store: ProjectStore; session: WorkbenchSession };

interface WorkbenchProps {
  projectId: string;
  runtimeConfig: RuntimeClientConfig;
}

/** Loads one project from the browser, then owns its store and session for as long as it is open. */
export function Workbench({ projectId, runtimeConfig }: WorkbenchProps) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  // The config comes from the server once per page; a refreshed copy must not reopen the project.
  const [config] = useState(runtimeConfig);

  useEffect(() => {
    let cancelled = false;
    let store: ProjectStore | null = null;
    let session: WorkbenchSession | null = null;

    const flush = () => void store?.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };

    (async () => {
      try {
        const record = await projectRepository().load(projectId);
        if (cancelled) return;
        if (!record) return setState({ status: 'missing' });
        store = createProjectStore(record, projectRepository());
        session = createWorkbenchSession({ projectId, store, runtimeConfig: config });
        window.addEventListener('pagehide', flush);
        document.addEventListener('visibilitychange', onVisibility);
        setState({ status: 'ready', store, session });
      } catch (error) {
        if (cancelled) return;
        const message =
          error instanceof PersistenceError && error.kind === 'damaged'
            ? 'Its saved data is damaged, so it cannot be opened. You can delete it from your projects list.'
            : storageErrorMessage(error, 'open this project');
        setState({ status: 'failed', message });
      }
    })();

    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      void session?.dispose();
      store?.dispose();
    };
  }, [projectId, config]);

  switch (state.status) {
    case 'loading':
      return (
        <main data-testid="workbench-loading" className="flex h-full items-center justify-center text-sm text-zinc-500">
          Opening your project…
        </main>
      );
    case 'missing':
      return <ProjectNotFound />;
    case 'failed':
      return <ProjectMessage title="This project could not be opened">{state.message}</ProjectMessage>;
    case 'ready':
      return <WorkbenchView projectId={projectId} store={state.store} session={state.session} />;
  }
}
