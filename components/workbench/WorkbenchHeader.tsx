'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ProjectStore } from '@/lib/project/project-store';
import type { WorkbenchSession } from '@/lib/workbench/session-types';
import { RuntimeStatus } from '@/components/runtime/RuntimeStatus';
import { RunButton } from '@/components/runtime/RunButton';
import { ChecksButton } from '@/components/checks/ChecksButton';
import { ProjectNameEditor } from './ProjectNameEditor';
import { ExportZipButton } from './ExportZipButton';
import { ImportZipButton } from './ImportZipButton';
import { useProjectState } from './use-project-state';

interface WorkbenchHeaderProps {
  store: ProjectStore;
  session: WorkbenchSession;
  importing: boolean;
  onImportFile: (file: File) => void;
  onError: (message: string) => void;
}

export function WorkbenchHeader({ store, session, importing, onImportFile, onError }: WorkbenchHeaderProps) {
  const router = useRouter();
  const saving = useProjectState(store, (s) => s.saving);
  return (
    <header className="flex min-h-11 shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-zinc-800 bg-zinc-900 px-3 py-1">
      <Link
        href="/"
        data-testid="home-link"
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          // The project list must show the latest name and changes, so save before leaving.
          event.preventDefault();
          void store.flush().finally(() => router.push('/'));
        }}
        className="text-sm font-semibold tracking-tight text-zinc-200 hover:text-white"
        title="All projects"
      >
        Tab<span className="text-sky-400">smith</span>
      </Link>
      <span className="text-zinc-700" aria-hidden="true">
        /
      </span>
      <ProjectNameEditor store={store} />
      <span data-testid="save-state" data-state={saving ? 'saving' : 'idle'} className="text-xs text-zinc-500" aria-live="polite">
        {saving ? 'Saving…' : ''}
      </span>
      <div className="ml-auto flex min-w-0 flex-wrap items-center justify-end gap-2">
        <RuntimeStatus session={session} />
        <RunButton session={session} />
        <ChecksButton session={session} />
        <span className="mx-1 hidden h-5 w-px bg-zinc-800 md:block" aria-hidden="true" />
        <ImportZipButton busy={importing} onFile={onImportFile} />
        <ExportZipButton store={store} onError={onError} />
      </div>
    </header>
  );
}
