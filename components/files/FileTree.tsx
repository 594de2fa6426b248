'use client';

import { TOO_LARGE_TO_EDIT_LABEL } from '@/lib/project/large-files';
import { useMemo, useState, type DragEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { ProjectStore } from '@/lib/project/project-store';
import { ancestorsOf, dirname, isSameOrInside, normalizeProjectPath } from '@/lib/project/paths';
import { useProjectState } from '@/components/workbench/use-project-state';
import { Button } from '@/components/ui/Button';
import {
  BinaryIcon,
  ChevronIcon,
  FileIcon,
  FilePlusIcon,
  FolderIcon,
  FolderPlusIcon,
  ImageIcon,
  PencilIcon,
  TrashIcon,
} from '@/components/ui/icons';
import { buildFileTree, type TreeNode } from './file-tree-model';
import { InlineNameInput } from './InlineNameInput';
import { dragHasFiles, readDrop, type DroppedPayload } from './dropped-items';

type Editing =
  | { mode: 'create-file' | 'create-folder'; parent: string }
  | { mode: 'rename'; path: string }
  | null;

interface FileTreeProps {
  store: ProjectStore;
  /** Paths to flag, e.g. files that did not reach the running app. */
  flagged?: readonly string[];
  /** A folder or zip dropped on the tree becomes a new project. */
  onImport: (payload: Promise<DroppedPayload | null>) => void;
}

interface VisibleRow {
  node: TreeNode;
  depth: number;
}

function visibleRows(nodes: TreeNode[], expanded: Set<string>, depth = 0, out: VisibleRow[] = []): VisibleRow[] {
  for (const node of nodes) {
    out.push({ node, depth });
    if (node.kind === 'folder' && expanded.has(node.path)) visibleRows(node.children, expanded, depth + 1, out);
  }
  return out;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'That did not work. Try again.';
}

export function FileTree({ store, flagged = [], onImport }: FileTreeProps) {
  const files = useProjectState(store, (s) => s.record.files);
  const folders = useProjectState(store, (s) => s.record.folders);
  const activeTab = useProjectState(store, (s) => s.record.activeTab);
  const tree = useMemo(() => buildFileTree(files, folders), [files, folders]);

  const [expanded, setExpanded] = useState<Set<string>>(
    () => new Set(store.getState().record.openTabs.flatMap((tab) => ancestorsOf(tab))),
  );
  const [selected, setSelected] = useState<string | null>(activeTab);
  const [editing, setEditing] = useState<Editing>(null);
  const [confirmingDelete, setConfirmingDelete] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const rows = useMemo(() => visibleRows(tree, expanded), [tree, expanded]);
  const flaggedSet = useMemo(() => new Set(flagged), [flagged]);

  function expand(paths: string[]) {
    setExpanded((current) => new Set([...current, ...paths]));
  }

  function toggle(path: string) {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  }

  function open(node: TreeNode) {
    setSelected(node.path);
    if (node.kind === 'folder') toggle(node.path);
    else store.openTab(node.path);
  }

  /** New items go into the selected folder, or next to the selected file. */
  function targetFolder(): string {
    if (selected === null) return '';
    return store.isFolder(selected) ? selected : dirname(selected);
  }

  function startCreate(mode: 'create-file' | 'create-folder') {
    const parent = targetFolder();
    if (parent) expand([...ancestorsOf(parent), parent]);
    setConfirmingDelete(null);
    setError(null);
    setEditing({ mode, parent });
  }

  function create(mode: 'create-file' | 'create-folder', parent: string, name: string): string | null {
    const normalized = normalizeProjectPath(parent ? `${parent}/${name}` : name);
    if (!normalized.ok) return normalized.reason;
    const path = normalized.path;
    if (store.isFile(path) || store.isFolder(path)) return `“${path}” already exists. Choose another name.`;
    try {
      if (mode === 'create-file') {
        store.writeFile(path, '', 'user');
        store.openTab(path);
        expand(ancestorsOf(path));
      } else {
        store.createFolder(path);
        expand([...ancestorsOf(path), path]);
      }
    } catch (err) {
      return messageOf(err);
    }
    setSelected(path);
    setEditing(null);
    return null;
  }

  function rename(from: string, name: string): string | null {
    const parent = dirname(from);
    const normalized = normalizeProjectPath(parent ? `${parent}/${name}` : name);
    if (!normalized.ok) return normalized.reason;
    const to = normalized.path;
    try {
      store.renamePath(from, to);
    } catch (err) {
      return messageOf(err);
    }
    setExpanded((current) => {
      const next = new Set<string>();
      for (const path of current) next.add(isSameOrInside(path, from) ? to + path.slice(from.length) : path);
      for (const ancestor of ancestorsOf(to)) next.add(ancestor);
      return next;
    });
    setSelected(to);
    setEditing(null);
    return null;
  }

  function remove(path: string) {
    setConfirmingDelete(null);
    try {
      store.deletePath(path);
      if (selected !== null && isSameOrInside(selected, path)) setSelected(null);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  function onRowKeyDown(event: KeyboardEvent, row: VisibleRow, index: number) {
    const { node } = row;
    const focusRow = (target: number) => {
      const next = rows[target];
      if (!next) return;
      setSelected(next.node.path);
      document.querySelector<HTMLElement>(`[data-tree-row="${CSS.escape(next.node.path)}"]`)?.focus();
    };
    switch (event.key) {
      case 'Enter':
        event.preventDefault();
        open(node);
        break;
      case 'F2':
        event.preventDefault();
        setEditing({ mode: 'rename', path: node.path });
        break;
      case 'Delete':
        event.preventDefault();
        setConfirmingDelete(node.path);
        break;
      case 'ArrowDown':
        event.preventDefault();
        focusRow(index + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusRow(index - 1);
        break;
      case 'ArrowRight':
        if (node.kind === 'folder' && !expanded.has(node.path)) toggle(node.path);
        break;
      case 'ArrowLeft':
        if (node.kind === 'folder' && expanded.has(node.path)) toggle(node.path);
        break;
    }
  }

  function onDrop(event: DragEvent) {
    if (!dragHasFiles(event)) return;
    event.preventDefault();
    setDragging(false);
    onImport(readDrop(event.dataTransfer));
  }

  const createRow = (parent: string, depth: number): ReactNode =>
    editing && editing.mode !== 'rename' && editing.parent === parent ? (
      <div className="flex items-start gap-1.5 py-0.5 pr-2" style={{ paddingLeft: 8 + depth * 12 + 14 }}>
        {editing.mode === 'create-file' ? (
          <FileIcon className="mt-0.5 shrink-0 text-zinc-500" />
        ) : (
          <FolderIcon className="mt-0.5 shrink-0 text-zinc-500" />
        )}
        <InlineNameInput
          initial=""
          label={editing.mode === 'create-file' ? 'New file name' : 'New folder name'}
          onCommit={(name) => create(editing.mode as 'create-file' | 'create-folder', parent, name)}
          onCancel={() => setEditing(null)}
        />
      </div>
    ) : null;

  const renderNodes = (nodes: TreeNode[], depth: number): ReactNode =>
    nodes.map((node) => {
      const index = rows.findIndex((row) => row.node.path === node.path);
      const isOpen = node.kind === 'folder' && expanded.has(node.path);
      const isSelected = selected === node.path;
      const isActive = node.kind === 'file' && activeTab === node.path;
      const isRenaming = editing?.mode === 'rename' && editing.path === node.path;
      const isConfirming = confirmingDelete === node.path;
      const icon =
        node.kind === 'folder' ? (
          <FolderIcon className={isOpen ? 'text-sky-400' : 'text-sky-500/80'} />
        ) : node.image ? (
          <ImageIcon className="text-violet-300" />
        ) : node.binary ? (
          <BinaryIcon className="text-zinc-500" />
        ) : (
          <FileIcon className="text-zinc-400" />
        );
      return (
        <div key={node.path} role="none">
          <div
            role="treeitem"
            data-path={node.path}
            data-tree-row={node.path}
            data-kind={node.kind}
            data-binary={node.kind === 'file' && node.binary ? true : undefined}
            aria-level={depth + 1}
            aria-expanded={node.kind === 'folder' ? isOpen : undefined}
            aria-selected={isSelected}
            tabIndex={isSelected || (selected === null && index === 0) ? 0 : -1}
            onClick={() => {
              if (!isRenaming) open(node);
            }}
            onKeyDown={(event) => {
              if (!isRenaming && event.target === event.currentTarget) onRowKeyDown(event, { node, depth }, index);
            }}
            className={`group flex cursor-pointer items-center gap-1.5 py-0.5 pr-1 text-sm select-none ${
              isActive ? 'bg-sky-500/15 text-zinc-100' : isSelected ? 'bg-zinc-800/80 text-zinc-100' : 'text-zinc-300 hover:bg-zinc-800/50'
            } focus-visible:outline-offset-[-2px]`}
            style={{ paddingLeft: 8 + depth * 12 }}
          >
            {node.kind === 'folder' ? (
              <ChevronIcon width={12} height={12} className={`shrink-0 text-zinc-500 transition-transform ${isOpen ? 'rotate-90' : ''}`} />
            ) : (
              <span className="w-3 shrink-0" />
            )}
            <span className="shrink-0">{icon}</span>
            {isRenaming ? (
              <InlineNameInput
                initial={node.name}
                label={`Rename ${node.name}`}
                onCommit={(name) => rename(node.path, name)}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <span className="min-w-0 flex-1 truncate">
                {node.name}
                {node.kind === 'file' && node.tooLarge && (
                  <span data-testid="file-too-large" className="ml-1.5 text-xs text-zinc-500">
                    {TOO_LARGE_TO_EDIT_LABEL}
                  </span>
                )}
              </span>
            )}
            {flaggedSet.has(node.path) && (
              <span title="Not copied to the running app yet" className="h-1.5 w-1.5 shrink-0 rounded-full bg-amber-400" />
            )}
            {isConfirming ? (
              <span className="flex shrink-0 items-center gap-1" onClick={(event) => event.stopPropagation()}>
                <span className="text-xs text-zinc-400">Delete?</span>
                <Button size="sm" variant="danger" data-testid="confirm-delete" className="h-6" onClick={() => remove(node.path)}>
                  Delete
                </Button>
                <Button size="sm" variant="ghost" className="h-6" onClick={() => setConfirmingDelete(null)}>
                  Cancel
                </Button>
              </span>
            ) : (
              !isRenaming && (
                <span className="hidden shrink-0 items-center group-focus-within:flex group-hover:flex">
                  <button
                    type="button"
                    tabIndex={-1}
                    aria-label={`Rename ${node.name}`}
                    data-testid="rename-path"
                    onClick={(event) => {
                      event.stopPropagation();
                      setSelected(node.path);
                      setEditing({ mode: 'rename', path: node.path });
                    }}
                    className="rounded p-0.5 text-zinc-500 hover:bg-zinc-700 hover:text-zinc-100"
                  >
                    <PencilIcon width={13} height={13} />
                  </button>
                  <button
                    type="button"
                    tabIndex={-1}
                    aria-label={`Delete ${node.name}`}
                    data-testid="delete-path"
                    onClick={(event) => {
                      event.stopPropagation();
                      setSelected(node.path);
                      setConfirmingDelete(node.path);
                    }}
                    className="rounded p-0.5 text-zinc-500 hover:bg-zinc-700 hover:text-red-300"
                  >
                    <TrashIcon width={13} height={13} />
                  </button>
                </span>
              )
            )}
          </div>
          {node.kind === 'folder' && isOpen && (
            <div role="group">
              {createRow(node.path, depth + 1)}
              {renderNodes(node.children, depth + 1)}
            </div>
          )}
        </div>
      );
    });

  return (
    <section
      aria-label="Files"
      data-code-area
      className="relative flex h-full min-h-0 flex-col bg-zinc-900/40"
      onDragOver={(event) => {
        if (!dragHasFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div className="flex h-9 shrink-0 items-center justify-between border-b border-zinc-800 pr-1 pl-3">
        <h2 className="text-xs font-medium tracking-wide text-zinc-400 uppercase">Files</h2>
        <div className="flex items-center">
          <Button size="sm" variant="ghost" aria-label="New file" title="New file" data-testid="new-file" onClick={() => startCreate('create-file')}>
            <FilePlusIcon />
          </Button>
          <Button size="sm" variant="ghost" aria-label="New folder" title="New folder" data-testid="new-folder" onClick={() => startCreate('create-folder')}>
            <FolderPlusIcon />
          </Button>
        </div>
      </div>
      {error && (
        <p role="alert" className="border-b border-red-500/30 bg-red-950/60 px-3 py-1.5 text-xs text-red-200">
          {error}
        </p>
      )}
      <div
        role="tree"
        aria-label="Project files"
        data-testid="file-tree"
        className="min-h-0 flex-1 overflow-auto py-1"
        onClick={(event) => {
          if (event.target === event.currentTarget) setSelected(null);
        }}
      >
        {createRow('', 0)}
        {renderNodes(tree, 0)}
        {tree.length === 0 && !editing && (
          <p className="px-4 py-6 text-center text-sm text-zinc-500">
            No files yet. Create one with the buttons above, ask in the chat, or drop a folder or .zip here to import it as a new project.
          </p>
        )}
      </div>
      {dragging && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center border-2 border-dashed border-sky-400 bg-zinc-950/85 p-4 text-center text-sm text-sky-200">
          Drop a folder or .zip to import it as a new project
        </div>
      )}
    </section>
  );
}
