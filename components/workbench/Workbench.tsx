'use client';

import { useEffect, useRef, useState } from 'react';
import { createProjectStore, type ProjectStore } from '@/lib/project/project-store';
import { PersistenceError } from '@/lib/project/persistence';
import { browserTabOwnership } from '@/lib/project/tab-ownership';
import type { RuntimeClientConfig } from '@/lib/runtime/config';
import type { WorkbenchSession } from '@/lib/workbench/session-types';
import { createWorkbenchSession } from '@/lib/workbench/session';
import { Button } from '@/components/ui/Button';
import { storageErrorMessage } from '@/components/ui/storage-error-message';
import { projectRepository } from './project-repository';
import { ProjectMessage, ProjectNotFound } from './ProjectNotFound';
import { WorkbenchView } from './WorkbenchView';

type LoadState =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; store: ProjectStore; session: WorkbenchSession; follower: boolean; chatVersion: number };

interface WorkbenchProps {
  projectId: string;
  runtimeConfig: RuntimeClientConfig;
}

function chatVersionOf(messages: unknown[]): string {
  const last = messages[messages.length - 1] as { id?: unknown; parts?: unknown[] } | undefined;
  return `${messages.length}:${String(last?.id)}:${last?.parts?.length ?? 0}`;
}

/**
 * Loads one project from the browser, then owns its store and session for as long as it is open.
 * One tab works on a project at a time (see `tab-ownership`); another tab follows it read-only.
 */
export function Workbench({ projectId, runtimeConfig }: WorkbenchProps) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  // The config comes from the server once per page; a refreshed copy must not reopen the project.
  const [config] = useState(runtimeConfig);
  /** "Work here instead": set by the effect that owns this tab's claim on the project. */
  const workHere = useRef<(() => Promise<void>) | null>(null);
  const [takingOver, setTakingOver] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let store: ProjectStore | null = null;
    let session: WorkbenchSession | null = null;
    const stops: (() => void)[] = [];
    const tabs = browserTabOwnership(projectId);

    const flush = () => void store?.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };

    const close = async () => {
      for (const stop of stops.splice(0)) stop();
      const closing = session;
      session = null;
      await store?.flush();
      store?.dispose();
      store = null;
      await closing?.dispose();
    };

    const open = async (follower: boolean) => {
      try {
        const record = await projectRepository().load(projectId);
        if (cancelled) return;
        if (!record) return setState({ status: 'missing' });
        const opened = createProjectStore(record, projectRepository(), { markOpened: !follower });
        opened.setReadOnly(follower);
        store = opened;
        session = createWorkbenchSession({ projectId, store: opened, runtimeConfig: config, follower });
        let chatVersion = 0;
        let chatKey = chatVersionOf(record.messages);
        if (follower) {
          // Files follow in place; the chat view is rebuilt when the owner's chat moved on.
          stops.push(
            tabs.onRemoteSaved(() => {
              void projectRepository()
                .load(projectId)
                .then((next) => {
                  if (!next || cancelled || store !== opened) return;
                  opened.mirror(next);
                  const key = chatVersionOf(next.messages);
                  if (key === chatKey) return;
                  chatKey = key;
                  chatVersion++;
                  setState((current) => (current.status === 'ready' && current.store === opened ? { ...current, chatVersion } : current));
                })
                .catch(() => undefined);
            }),
          );
        } else {
          stops.push(opened.onSaved(() => tabs.announceSaved()));
          tabs.onHandOver(async () => {
            await close();
            await open(true);
          });
        }
        setState({ status: 'ready', store: opened, session, follower, chatVersion });
      } catch (error) {
        if (cancelled) return;
        const message =
          error instanceof PersistenceError && error.kind === 'damaged'
            ? 'Its saved data is damaged, so it cannot be opened. You can delete it from your projects list.'
            : storageErrorMessage(error, 'open this project');
        setState({ status: 'failed', message });
      }
    };

    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    workHere.current = async () => {
      await tabs.takeOver();
      await close();
      await open(false);
    };
    void tabs.decided.then(async (role) => {
      if (!cancelled) await open(role === 'follower');
    });

    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      workHere.current = null;
      void close();
      tabs.dispose();
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
      if (!state.follower) return <WorkbenchView projectId={projectId} store={state.store} session={state.session} />;
      return (
        <div className="flex h-full flex-col">
          <div
            role="status"
            data-testid="follower-banner"
            className="flex items-center gap-3 border-b border-sky-500/40 bg-sky-950/60 px-3 py-2 text-sm text-sky-100"
          >
            <span className="flex-1">
              This project is open in another tab, which is where it runs and changes. This tab shows it live and changes
              nothing.
            </span>
            <Button
              size="sm"
              variant="primary"
              data-testid="work-here"
              disabled={takingOver}
              onClick={() => {
                setTakingOver(true);
                void workHere.current?.().finally(() => setTakingOver(false));
              }}
            >
              {takingOver ? 'Waiting for the other tab…' : 'Work here instead'}
            </Button>
          </div>
          <div className="min-h-0 flex-1" inert>
            <WorkbenchView key={state.chatVersion} projectId={projectId} store={state.store} session={state.session} />
          </div>
        </div>
      );
  }
}
