'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ProjectStore } from '@/lib/project/project-store';
import type { WorkbenchSession } from '@/lib/workbench/session-types';
import { ChatPane } from '@/components/chat/ChatPane';
import { PreviewPane } from '@/components/preview/PreviewPane';
import { TerminalPane } from '@/components/terminal/TerminalPane';
import { EditorPane } from '@/components/editor/EditorPane';
import { FileTree } from '@/components/files/FileTree';
import type { DroppedPayload } from '@/components/files/dropped-items';
import {
  forgetImportNotice,
  importAsNewProject,
  importErrorMessage,
  readImportNotice,
} from '@/components/files/import-project';
import { Notice } from '@/components/ui/Notice';
import { storageWarning } from '@/lib/project/storage-health';
import { isRunUnderWay } from '@/lib/runtime/run-plan';
import { ExportZipButton } from './ExportZipButton';
import { projectRepository } from './project-repository';
import { useProjectState } from './use-project-state';
import { WorkbenchHeader } from './WorkbenchHeader';
import { WorkbenchLayout } from './WorkbenchLayout';

interface WorkbenchViewProps {
  projectId: string;
  store: ProjectStore;
  session: WorkbenchSession;
}

export function WorkbenchView({ projectId, store, session }: WorkbenchViewProps) {
  const router = useRouter();
  const saveError = useProjectState(store, (s) => s.saveError);
  const unsyncedPaths = useStore(session.runtimeState, (s) => s.unsyncedPaths);
  const busy = useStore(session.runtimeState, (s) => s.runtimeStarting || s.agentWorking || isRunUnderWay(s.run.phase));
  const [importNotice, setImportNotice] = useState(() => readImportNotice(projectId));
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [storageNote, setStorageNote] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void storageWarning(typeof navigator === 'undefined' ? null : navigator.storage).then((note) => live && setStorageNote(note));
    return () => {
      live = false;
    };
  }, []);

  async function importProject(payload: Promise<DroppedPayload | null>) {
    setImporting(true);
    setError(null);
    try {
      const dropped = await payload;
      if (!dropped) throw new Error('Nothing was dropped that could be imported.');
      const { projectId: newId } = await importAsNewProject(projectRepository(), dropped);
      await store.flush();
      router.push(`/p/${newId}`);
    } catch (err) {
      setError(importErrorMessage(err));
      setImporting(false);
    }
  }

  return (
    <div data-testid="workbench" className="flex h-full flex-col overflow-hidden">
      <WorkbenchHeader
        store={store}
        session={session}
        importing={importing}
        onImportFile={(file) => void importProject(Promise.resolve({ kind: 'zip', file }))}
        onError={setError}
      />
      {saveError && (
        <Notice tone="error" testId="save-error">
          <span className="mr-2">{saveError}</span>
          <ExportZipButton store={store} onError={setError} testId="save-error-export" />
        </Notice>
      )}
      {storageNote && !saveError && (
        <Notice tone="warning" testId="storage-warning" onDismiss={() => setStorageNote(null)}>
          <span className="mr-2">{storageNote}</span>
          <ExportZipButton store={store} onError={setError} testId="storage-warning-export" />
        </Notice>
      )}
      {error && (
        <Notice tone="error" testId="workbench-error" onDismiss={() => setError(null)}>
          {error}
        </Notice>
      )}
      {importNotice && (
        <Notice
          tone="warning"
          testId="import-notice"
          onDismiss={() => {
            forgetImportNotice(projectId);
            setImportNotice(null);
          }}
        >
          {importNotice}
        </Notice>
      )}
      <WorkbenchLayout
        store={store}
        chat={<ChatPane session={session} />}
        files={<FileTree store={store} flagged={unsyncedPaths} onImport={(payload) => void importProject(payload)} />}
        editor={<EditorPane store={store} busy={busy} />}
        preview={<PreviewPane session={session} />}
        terminal={<TerminalPane session={session} />}
      />
    </div>
  );
}
