'use client';

import { useEffect, useRef, useState } from 'react';
import type { ProjectStore } from '@/lib/project/project-store';
import { useProjectState } from './use-project-state';

export function ProjectNameEditor({ store }: { store: ProjectStore }) {
  const name = useProjectState(store, (s) => s.record.meta.name);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(name);
  const inputRef = useRef<HTMLInputElement>(null);
  const cancelled = useRef(false);

  useEffect(() => {
    document.title = `${name} · Tabsmith`;
  }, [name]);

  useEffect(() => {
    if (editing) inputRef.current?.select();
  }, [editing]);

  function begin() {
    cancelled.current = false;
    setDraft(name);
    setEditing(true);
  }

  function finish() {
    if (!cancelled.current && draft.trim() && draft.trim() !== name) {
      store.renameProject(draft);
      // Saved at once rather than after the usual debounce: people often rename and then leave.
      void store.flush();
    }
    setEditing(false);
  }

  if (editing) {
    return (
      <input
        ref={inputRef}
        data-testid="project-name-input"
        aria-label="Project name"
        value={draft}
        maxLength={100}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            finish();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            cancelled.current = true;
            setEditing(false);
          }
        }}
        onBlur={finish}
        className="h-7 w-64 rounded border border-sky-500 bg-zinc-950 px-2 text-sm font-medium text-zinc-100 outline-none"
      />
    );
  }

  return (
    <button
      type="button"
      data-testid="project-name"
      title="Rename project"
      onClick={begin}
      className="h-7 max-w-[min(28rem,60vw)] shrink-0 truncate rounded px-2 text-sm font-medium text-zinc-100 hover:bg-zinc-800"
    >
      {name}
    </button>
  );
}
