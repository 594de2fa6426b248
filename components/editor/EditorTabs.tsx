'use client';

import { basename } from '@/lib/project/paths';
import { CloseIcon } from '@/components/ui/icons';

interface EditorTabsProps {
  tabs: string[];
  active: string | null;
  dirty: Record<string, true>;
  drafting: Record<string, string>;
  onSelect: (path: string) => void;
  onClose: (path: string) => void;
}

export function EditorTabs({ tabs, active, dirty, drafting, onSelect, onClose }: EditorTabsProps) {
  if (tabs.length === 0) return null;
  return (
    <div role="tablist" aria-label="Open files" className="flex shrink-0 overflow-x-auto border-b border-zinc-800 bg-zinc-900/60">
      {tabs.map((path) => {
        const isActive = path === active;
        const isDirty = dirty[path] === true;
        return (
          <div
            key={path}
            data-testid="editor-tab"
            data-path={path}
            data-active={isActive || undefined}
            data-dirty={isDirty || undefined}
            className={`group flex max-w-56 shrink-0 items-center border-r border-zinc-800 text-sm ${
              isActive ? 'bg-zinc-950 text-zinc-100' : 'text-zinc-400 hover:bg-zinc-800/60 hover:text-zinc-200'
            }`}
          >
            <button
              type="button"
              role="tab"
              aria-selected={isActive}
              title={path}
              onClick={() => onSelect(path)}
              onAuxClick={(event) => {
                if (event.button === 1) onClose(path);
              }}
              className="truncate py-1.5 pr-1 pl-3"
            >
              {basename(path)}
              {path in drafting && <span className="ml-1.5 text-xs text-sky-400">writing…</span>}
            </button>
            <button
              type="button"
              aria-label={isDirty ? `Close ${basename(path)} (unsaved changes)` : `Close ${basename(path)}`}
              data-testid="editor-tab-close"
              onClick={() => onClose(path)}
              className="mr-1 flex h-5 w-5 items-center justify-center rounded text-zinc-500 hover:bg-zinc-700 hover:text-zinc-100"
            >
              {isDirty ? (
                <>
                  <span data-testid="unsaved-dot" className="h-2 w-2 rounded-full bg-zinc-300 group-hover:hidden" />
                  <CloseIcon width={14} height={14} className="hidden group-hover:block" />
                </>
              ) : (
                <CloseIcon width={14} height={14} />
              )}
            </button>
          </div>
        );
      })}
    </div>
  );
}
