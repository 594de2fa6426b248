'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ProjectStore } from '@/lib/project/project-store';
import { byteLength } from '@/lib/project/paths';
import { streamingDrafts } from '@/lib/chat/streaming-drafts';
import { useProjectState } from '@/components/workbench/use-project-state';
import { Notice } from '@/components/ui/Notice';
import { editorStart, languageWorkers, loadMonaco, type Monaco } from './monaco-loader';
import { EditorDocuments, MAX_EDITABLE_BYTES, type DirtyState } from './editor-documents';
import { EditorTabs } from './EditorTabs';
import { isTooLargeToEdit, TOO_LARGE_TO_EDIT_LABEL } from '@/lib/project/large-files';
import { BinaryFileView } from './BinaryFileView';
import { MonacoSurface } from './MonacoSurface';

/** How long after the person last touched the tree or editor before agent writes may switch tabs. */
const DRAFT_FOLLOW_QUIET_MS = 20_000;

interface EditorPaneProps {
  store: ProjectStore;
  /** The agent or a Run is installing or starting the app: the editor's language workers wait for it. */
  busy: boolean;
}

export function EditorPane({ store, busy }: EditorPaneProps) {
  const openTabs = useProjectState(store, (s) => s.record.openTabs);
  const activeTab = useProjectState(store, (s) => s.record.activeTab);
  const activeContent = useProjectState(store, (s) => (s.record.activeTab ? s.record.files[s.record.activeTab] : undefined));
  const drafts = useStore(streamingDrafts, (s) => s.drafts);

  const [monaco, setMonaco] = useState<Monaco | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [documents, setDocuments] = useState<EditorDocuments | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    // Monaco is big; starting after the first paint keeps the workbench responsive while it loads.
    const handle = window.setTimeout(() => {
      loadMonaco().then(
        (loaded) => void editorStart.wait().then(() => !cancelled && setMonaco(loaded)),
        (error: Error) => !cancelled && setLoadError(error.message),
      );
    }, 0);
    return () => {
      cancelled = true;
      window.clearTimeout(handle);
    };
  }, []);

  useEffect(() => {
    if (!monaco) return;
    const docs = new EditorDocuments(monaco, store);
    // The documents object wraps Monaco models, which exist only once Monaco has loaded.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setDocuments(docs);
    const unsubscribe = store.onFileChange((change) => {
      docs.externalChange(change.path, change.kind === 'write' ? change.content : undefined);
    });
    return () => {
      unsubscribe();
      docs.dispose();
    };
  }, [monaco, store]);

  const dirty = useStore(documents?.dirtyState ?? fallbackDirtyState, (s) => s.dirty);

  // Tabs closed elsewhere (a deleted file or folder) drop their models too.
  useEffect(() => {
    if (!documents) return;
    for (const path of documents.openPaths()) if (!openTabs.includes(path)) documents.close(path);
  }, [documents, openTabs]);

  useEffect(() => languageWorkers.setBusy(busy), [busy]);

  // The last time the person used the file tree or the editor; drafts must not pull a file from under them.
  const lastCodeActivity = useRef(0);
  useEffect(() => {
    const onActivity = (event: Event) => {
      if (!(event.target instanceof Element && event.target.closest('[data-code-area]'))) return;
      lastCodeActivity.current = Date.now();
      languageWorkers.open();
      editorStart.release();
    };
    const events = ['pointerdown', 'keydown', 'focusin'] as const;
    for (const type of events) document.addEventListener(type, onActivity, true);
    return () => {
      for (const type of events) document.removeEventListener(type, onActivity, true);
    };
  }, []);

  // A file the agent starts writing opens as a tab, unless the person is busy with the code themselves.
  const seenDrafts = useRef<Set<string>>(new Set());
  useEffect(() => {
    for (const path of Object.keys(drafts)) {
      if (seenDrafts.current.has(path)) continue;
      seenDrafts.current.add(path);
      const current = store.getState().record.activeTab;
      const busy = Date.now() - lastCodeActivity.current < DRAFT_FOLLOW_QUIET_MS || (current !== null && documents?.isDirty(current));
      if (!busy) store.openTab(path);
    }
    for (const path of [...seenDrafts.current]) if (!(path in drafts)) seenDrafts.current.delete(path);
  }, [drafts, documents, store]);

  const save = useCallback(
    (path: string | null) => {
      if (!path || !documents) return;
      try {
        documents.save(path);
        setSaveError(null);
        // An explicit save is persisted now, not after the autosave delay: a reload right after Ctrl+S keeps it.
        void store.flush();
      } catch (error) {
        setSaveError(error instanceof Error ? error.message : 'The file could not be saved. Try again.');
      }
    },
    [documents, store],
  );

  // Ctrl/Cmd+S anywhere in the workbench saves the active file instead of opening the browser's dialog.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        save(store.getState().record.activeTab);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [save, store]);

  useEffect(() => {
    if (!documents) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!documents.hasDirty()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [documents]);

  function closeTab(path: string) {
    if (documents?.isDirty(path) && !window.confirm(`“${path}” has unsaved changes. Close it and lose them?`)) return;
    documents?.close(path);
    store.closeTab(path);
  }

  const draft = activeTab !== null ? drafts[activeTab] : undefined;
  const textContent = typeof activeContent === 'string' ? activeContent : undefined;
  const tooLarge = textContent !== undefined && textContent.length > MAX_EDITABLE_BYTES / 4 && byteLength(textContent) > MAX_EDITABLE_BYTES;
  // Kept on disk and exported, but never loaded into the editor.
  const onDiskOnly = activeContent !== undefined && draft === undefined && isTooLargeToEdit(activeContent);
  const showMonaco = activeTab !== null && !onDiskOnly && (draft !== undefined || textContent !== undefined);

  return (
    <section data-testid="editor" data-code-area aria-label="Editor" className="flex h-full min-h-0 flex-col bg-zinc-950">
      <EditorTabs
        tabs={openTabs}
        active={activeTab}
        dirty={dirty}
        drafting={drafts}
        onSelect={(path) => store.setActiveTab(path)}
        onClose={closeTab}
      />
      {saveError && (
        <Notice tone="error" onDismiss={() => setSaveError(null)}>
          {saveError}
        </Notice>
      )}
      {showMonaco && draft !== undefined && (
        <div className="border-b border-zinc-800 bg-sky-950/40 px-3 py-1 text-xs text-sky-200">
          The assistant is writing this file. You can edit it once it is done.
        </div>
      )}
      {showMonaco && draft === undefined && tooLarge && (
        <div data-testid="editor-readonly-note" className="border-b border-zinc-800 bg-amber-950/40 px-3 py-1 text-xs text-amber-200">
          This file is larger than 1 MB, so it is shown read-only to keep the editor fast.
        </div>
      )}
      <div className="relative min-h-0 flex-1">
        {loadError ? (
          <EmptyState>{loadError}</EmptyState>
        ) : activeTab === null ? (
          <EmptyState>
            No file open. Pick one in the file tree, or ask in the chat and the files the assistant writes appear here.
          </EmptyState>
        ) : onDiskOnly ? (
          <EmptyState>
            <span data-testid="editor-too-large">
              “{activeTab}” is {TOO_LARGE_TO_EDIT_LABEL}. It stays in the project and in the ZIP download.
            </span>
          </EmptyState>
        ) : activeContent instanceof Uint8Array && draft === undefined ? (
          <BinaryFileView path={activeTab} bytes={activeContent} />
        ) : !showMonaco ? (
          <EmptyState>“{activeTab}” is not in the project any more. Close this tab.</EmptyState>
        ) : null}
        {monaco && documents ? (
          <MonacoSurface
            monaco={monaco}
            documents={documents}
            path={showMonaco ? activeTab : null}
            content={textContent ?? ''}
            draft={draft}
            readOnly={tooLarge}
            onSave={() => save(store.getState().record.activeTab)}
          />
        ) : (
          showMonaco && !loadError && <PlainText text={draft ?? textContent ?? ''} />
        )}
      </div>
    </section>
  );
}

// Stands in until Monaco has loaded, so the hook below is always called with a store.
const fallbackDirtyState = createStore<DirtyState>(() => ({ dirty: {} }));

/** The file's text while the editor is still to come (loading, or held while the agent works): read at once. */
function PlainText({ text }: { text: string }) {
  return (
    <pre
      data-testid="editor-plain-text"
      aria-label="File text (the editor is starting)"
      className="absolute inset-0 m-0 overflow-auto whitespace-pre py-2 pl-[62px] pr-4 font-mono text-[13px] leading-[19px] text-zinc-300"
    >
      {text}
    </pre>
  );
}

function EmptyState({ children }: { children: React.ReactNode }) {
  return (
    <div className="absolute inset-0 flex items-center justify-center p-8 text-center text-sm text-zinc-500">
      <p className="max-w-sm">{children}</p>
    </div>
  );
}
