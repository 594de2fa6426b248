'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { ProjectListing } from '@/lib/project/types';
import { Notice } from '@/components/ui/Notice';
import { storageErrorMessage } from '@/components/ui/storage-error-message';
import { projectRepository } from '@/components/workbench/project-repository';
import { dragHasFiles, readDrop } from '@/components/files/dropped-items';
import { importAsNewProject, importErrorMessage } from '@/components/files/import-project';
import { PromptBox } from './PromptBox';
import { StarterIdeas } from './StarterIdeas';
import { RecentProjects } from './RecentProjects';
import { createProjectFromPrompt } from './create-project';
import { ImportZipButton } from '@/components/workbench/ImportZipButton';
import { Button } from '@/components/ui/Button';
import { SettingsDialog } from '@/components/settings/SettingsDialog';
import { useProviderKeys } from '@/components/settings/use-provider-keys';
import { usePrefetchedModels } from '@/components/chat/use-models';
import { preloadWorkbenchWhenIdle } from './preload-workbench';
import { requestKeys } from '@/lib/chat/provider-keys';

export function HomePage() {
  const router = useRouter();
  const [prompt, setPrompt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [listings, setListings] = useState<ProjectListing[] | null>(null);
  const [dragging, setDragging] = useState(false);
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const [providerKeys, saveProviderKeys] = useProviderKeys();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);

  const refresh = useCallback(async () => {
    try {
      setListings(await projectRepository().list());
    } catch (err) {
      setListings([]);
      setError(storageErrorMessage(err, 'load your projects'));
    }
  }, []);

  useEffect(() => preloadWorkbenchWhenIdle(), []);

  usePrefetchedModels(requestKeys(providerKeys));

  useEffect(() => {
    // Loading from IndexedDB is the external system this effect syncs with.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh();
  }, [refresh]);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const id = await createProjectFromPrompt(projectRepository(), prompt);
      router.push(`/p/${id}`);
    } catch (err) {
      setError(storageErrorMessage(err, 'create the project'));
      setBusy(false);
    }
  }

  async function remove(id: string) {
    try {
      await projectRepository().delete(id);
    } catch (err) {
      setError(storageErrorMessage(err, 'delete the project'));
    }
    await refresh();
  }

  function importProject(pending: ReturnType<typeof readDrop>) {
    setBusy(true);
    setError(null);
    void (async () => {
      try {
        const payload = await pending;
        if (!payload) throw new Error('Nothing was dropped that could be imported.');
        const { projectId } = await importAsNewProject(projectRepository(), payload);
        router.push(`/p/${projectId}`);
      } catch (err) {
        setError(importErrorMessage(err));
        setBusy(false);
      }
    })();
  }

  function onDrop(event: DragEvent) {
    if (!dragHasFiles(event)) return;
    event.preventDefault();
    setDragging(false);
    importProject(readDrop(event.dataTransfer));
  }

  return (
    <main
      data-testid="home"
      className="relative min-h-full"
      onDragOver={(event) => {
        if (!dragHasFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div className="absolute top-3 right-3">
        <Button size="sm" variant="ghost" onClick={() => setSettingsOpen(true)} data-testid="open-settings">
          Settings
        </Button>
      </div>
      <div className="mx-auto flex max-w-2xl flex-col gap-10 px-6 pt-[12vh] pb-16">
        <header className="space-y-3 text-center">
          <h1 className="text-4xl font-semibold tracking-tight">
            Tab<span className="text-sky-400">smith</span>
          </h1>
          <p className="text-zinc-400">Say what you want to make. Tabsmith builds it and runs it right here, beside the chat.</p>
        </header>

        <div className="space-y-4">
          <PromptBox ref={promptRef} value={prompt} onChange={setPrompt} onSubmit={() => void submit()} busy={busy} />
          {error && (
            <Notice tone="error" testId="home-error" onDismiss={() => setError(null)}>
              {error}
            </Notice>
          )}
          <StarterIdeas
            onPick={(idea) => {
              setPrompt(idea);
              promptRef.current?.focus();
            }}
          />
        </div>

        <section className="space-y-3">
          <div className="flex items-center justify-between">
            <h2 className="text-sm font-medium text-zinc-300">Your projects</h2>
            <ImportZipButton busy={busy} onFile={(file) => importProject(Promise.resolve({ kind: 'zip', file }))} />
          </div>
          <RecentProjects listings={listings} onDelete={remove} />
        </section>
      </div>

      {settingsOpen && <SettingsDialog keys={providerKeys} onSave={saveProviderKeys} onClose={closeSettings} />}
      {dragging && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center border-2 border-dashed border-sky-400 bg-zinc-950/80 text-lg text-sky-200">
          Drop a folder or a .zip to import it as a new project
        </div>
      )}
    </main>
  );
}
