import { createStore, type StoreApi } from 'zustand/vanilla';
import { impliedFolders, setFileEntry, tidyFolders } from './file-map';
import {
  ancestorsOf,
  assertProjectPath,
  dirname,
  isHiddenPath,
  isSameOrInside,
  normalizeProjectPath,
  PathError,
  sameContent,
} from './paths';
import { PersistenceError, type ProjectRepository } from './persistence';
import type { FileContent, FileMap, ProjectRecord } from './types';

export type ChangeOrigin = 'user' | 'agent' | 'runtime' | 'restore' | 'import';

export type ProjectFileChange =
  | { kind: 'write'; path: string; content: FileContent; origin: ChangeOrigin }
  | { kind: 'delete'; path: string; origin: ChangeOrigin };

export interface ProjectState {
  record: ProjectRecord;
  /** Last persistence failure in plain words; null again after a later successful save. */
  saveError: string | null;
  saving: boolean;
}

export interface ProjectStore {
  /** For React: `useStore(store.api, selector)`. */
  readonly api: StoreApi<ProjectState>;
  getState(): ProjectState;
  readFile(path: string): FileContent | undefined;
  /** Sorted file paths, without `node_modules`/`.git`. */
  listFiles(): string[];
  /** Sorted folder paths (implied by files, and empty ones), without `node_modules`/`.git`. */
  listFolders(): string[];
  isFile(path: string): boolean;
  isFolder(path: string): boolean;
  /** Throws `PathError` for a refused path or a file/folder clash. Always emits a change, even when the content is unchanged. */
  writeFile(path: string, content: FileContent, origin?: ChangeOrigin): void;
  /** Removes one file (no-op when missing); its folder stays, as on a disk. */
  deleteFile(path: string, origin?: ChangeOrigin): void;
  /** Renames/moves a file or a whole folder; open tabs follow. Throws `PathError` when the target exists. */
  renamePath(from: string, to: string, origin?: ChangeOrigin): void;
  createFolder(path: string): void;
  /** Deletes a file, or a folder recursively; closes the affected tabs. */
  deletePath(path: string, origin?: ChangeOrigin): void;
  /** Replaces the whole tree, emitting only the writes/deletes that differ (deletes first). `folders` replaces the empty-folder list when given. */
  replaceFiles(files: FileMap, origin: ChangeOrigin, folders?: string[]): void;
  openTab(path: string): void;
  closeTab(path: string): void;
  setActiveTab(path: string | null): void;
  setMessages(messages: unknown[]): void;
  setPendingPrompt(prompt: string | null): void;
  setPaneSizes(group: string, sizes: number[]): void;
  renameProject(name: string): void;
  setModel(modelId: string | null): void;
  onFileChange(listener: (change: ProjectFileChange) => void): () => void;
  /** Resolves once everything changed so far is persisted, or the attempt failed (then `saveError` is set). */
  flush(): Promise<void>;
  /** Stops timers and listeners; unsaved changes get one last save attempt. */
  dispose(): void;
}

export interface ProjectStoreOptions {
  saveDelayMs?: number;
  /** Stamp `openedAt` with now (default true): creating the store is what opening a project means. */
  markOpened?: boolean;
  now?: () => number;
}

const DEFAULT_SAVE_DELAY_MS = 250;
const MAX_PROJECT_NAME_LENGTH = 100;
const GENERIC_SAVE_ERROR =
  'Tabsmith could not save your latest changes. They are still open in this tab; keep working and it will try again, or export a zip to keep a copy.';

function hasFile(files: FileMap, path: string): boolean {
  return Object.hasOwn(files, path);
}

function folderExists(files: FileMap, folders: string[], path: string): boolean {
  if (folders.some((folder) => isSameOrInside(folder, path))) return true;
  const prefix = `${path}/`;
  for (const file in files) if (file.startsWith(prefix)) return true;
  return false;
}

/** As on a disk, removing the last file of a folder leaves the folder in place. */
function keepParentFolders(removed: string[], files: FileMap, folders: string[]): string[] {
  const kept = [...folders];
  for (const path of removed) {
    const parent = dirname(path);
    if (parent && !folderExists(files, kept, parent)) kept.push(parent);
  }
  return tidyFolders(kept, files);
}

function withoutTabs(record: ProjectRecord, closes: (tab: string) => boolean): Pick<ProjectRecord, 'openTabs' | 'activeTab'> {
  const openTabs = record.openTabs.filter((tab) => !closes(tab));
  let activeTab = record.activeTab;
  if (activeTab !== null && closes(activeTab)) {
    const index = record.openTabs.indexOf(activeTab);
    const after = record.openTabs.slice(index + 1).find((tab) => !closes(tab));
    const before = record.openTabs.slice(0, Math.max(index, 0)).reverse().find((tab) => !closes(tab));
    activeTab = after ?? before ?? null;
  }
  return { openTabs, activeTab };
}

function assertNoFileAncestor(files: FileMap, path: string): void {
  for (const ancestor of ancestorsOf(path)) {
    if (hasFile(files, ancestor)) {
      throw new PathError(`"${ancestor}" is a file, so nothing can be placed inside it at "${path}".`, path);
    }
  }
}

function saveErrorMessage(error: unknown): string {
  return error instanceof PersistenceError ? error.message : GENERIC_SAVE_ERROR;
}

export function createProjectStore(
  record: ProjectRecord,
  repository: ProjectRepository,
  options: ProjectStoreOptions = {},
): ProjectStore {
  const saveDelayMs = options.saveDelayMs ?? DEFAULT_SAVE_DELAY_MS;
  const now = options.now ?? Date.now;
  const markOpened = options.markOpened ?? true;
  const initial: ProjectRecord = markOpened ? { ...record, meta: { ...record.meta, openedAt: now() } } : record;
  const api = createStore<ProjectState>()(() => ({ record: initial, saveError: null, saving: false }));
  const listeners = new Set<(change: ProjectFileChange) => void>();

  // Versions let flush() know whether the latest mutation is on disk without comparing records.
  let version = 0;
  let savedVersion = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;
  let disposed = false;

  const current = () => api.getState().record;

  function scheduleSave(): void {
    if (disposed) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void saveNow();
    }, saveDelayMs);
  }

  /** Saves the latest record unless it is already saved; resolves true when that version is on disk. */
  async function saveNow(): Promise<boolean> {
    while (inFlight) await inFlight;
    if (savedVersion >= version) return true;
    const snapshotVersion = version;
    const snapshot = current();
    let ok = false;
    api.setState({ saving: true });
    inFlight = (async () => {
      try {
        await repository.save(snapshot);
        savedVersion = Math.max(savedVersion, snapshotVersion);
        ok = true;
        api.setState({ saveError: null });
      } catch (error) {
        api.setState({ saveError: saveErrorMessage(error) });
      } finally {
        inFlight = null;
        api.setState({ saving: false });
      }
    })();
    await inFlight;
    return ok;
  }

  function emit(changes: ProjectFileChange[]): void {
    for (const change of changes) {
      for (const listener of [...listeners]) {
        try {
          listener(change);
        } catch (error) {
          // One broken subscriber must not stop the others from hearing about the change.
          console.error('A project file-change listener failed', error);
        }
      }
    }
  }

  /** `touch` marks a change to the project itself; tab and layout changes are saved without counting as edits. */
  function commit(next: ProjectRecord, touch: boolean, changes: ProjectFileChange[] = []): void {
    const record: ProjectRecord = touch ? { ...next, meta: { ...next.meta, updatedAt: now() } } : next;
    version++;
    api.setState({ record });
    scheduleSave();
    emit(changes);
  }

  function update(patch: Partial<ProjectRecord>, touch: boolean, changes: ProjectFileChange[] = []): void {
    commit({ ...current(), ...patch }, touch, changes);
  }

  const store: ProjectStore = {
    api,
    getState: () => api.getState(),

    readFile(path) {
      const normalized = normalizeProjectPath(path);
      if (!normalized.ok) return undefined;
      const { files } = current();
      return hasFile(files, normalized.path) ? files[normalized.path] : undefined;
    },

    listFiles() {
      return Object.keys(current().files)
        .filter((path) => !isHiddenPath(path))
        .sort();
    },

    listFolders() {
      const { files, folders } = current();
      const all = impliedFolders(files);
      for (const folder of folders) {
        all.add(folder);
        for (const ancestor of ancestorsOf(folder)) all.add(ancestor);
      }
      return [...all].filter((folder) => !isHiddenPath(folder)).sort();
    },

    isFile(path) {
      const normalized = normalizeProjectPath(path);
      return normalized.ok && hasFile(current().files, normalized.path);
    },

    isFolder(path) {
      const normalized = normalizeProjectPath(path);
      if (!normalized.ok) return false;
      const { files, folders } = current();
      return folderExists(files, folders, normalized.path);
    },

    writeFile(path, content, origin = 'user') {
      const target = assertProjectPath(path);
      const { files, folders } = current();
      assertNoFileAncestor(files, target);
      const change: ProjectFileChange = { kind: 'write', path: target, content, origin };
      if (hasFile(files, target)) {
        if (sameContent(files[target], content)) {
          emit([change]);
          return;
        }
      } else if (folderExists(files, folders, target)) {
        throw new PathError(`"${target}" is a folder, so a file cannot be written there. Choose another name.`, target);
      }
      update(
        {
          files: { ...files, [target]: content },
          folders: folders.filter((folder) => !target.startsWith(`${folder}/`)),
        },
        true,
        [change],
      );
    },

    deleteFile(path, origin = 'user') {
      const target = assertProjectPath(path);
      const record = current();
      if (!hasFile(record.files, target)) return;
      const files = { ...record.files };
      delete files[target];
      update(
        { files, folders: keepParentFolders([target], files, record.folders), ...withoutTabs(record, (tab) => tab === target) },
        true,
        [{ kind: 'delete', path: target, origin }],
      );
    },

    renamePath(from, to, origin = 'user') {
      const source = assertProjectPath(from);
      const target = assertProjectPath(to);
      if (source === target) return;
      const record = current();
      const sourceIsFile = hasFile(record.files, source);
      if (!sourceIsFile && !folderExists(record.files, record.folders, source)) {
        throw new PathError(`There is nothing named "${source}" to rename.`, source);
      }
      if (!sourceIsFile && target.startsWith(`${source}/`)) {
        throw new PathError(`The folder "${source}" cannot be moved inside itself.`, target);
      }
      if (hasFile(record.files, target) || folderExists(record.files, record.folders, target)) {
        throw new PathError(`"${target}" already exists. Choose another name.`, target);
      }
      assertNoFileAncestor(record.files, target);

      const moved = (path: string) => (isSameOrInside(path, source) ? target + path.slice(source.length) : path);
      const movedPaths = Object.keys(record.files)
        .filter((path) => isSameOrInside(path, source))
        .sort();
      const files: FileMap = {};
      for (const [path, content] of Object.entries(record.files)) setFileEntry(files, moved(path), content);
      const folders = keepParentFolders([source], files, record.folders.map(moved));
      const openTabs = [...new Set(record.openTabs.map(moved))];
      const activeTab = record.activeTab === null ? null : moved(record.activeTab);
      update({ files, folders, openTabs, activeTab }, true, [
        ...movedPaths.map((path): ProjectFileChange => ({ kind: 'delete', path, origin })),
        ...movedPaths.map((path): ProjectFileChange => ({ kind: 'write', path: moved(path), content: record.files[path], origin })),
      ]);
    },

    createFolder(path) {
      const target = assertProjectPath(path);
      const { files, folders } = current();
      if (hasFile(files, target)) throw new PathError(`"${target}" is already a file. Choose another name.`, target);
      assertNoFileAncestor(files, target);
      if (folderExists(files, folders, target)) return;
      update({ folders: tidyFolders([...folders, target], files) }, true);
    },

    deletePath(path, origin = 'user') {
      const target = assertProjectPath(path);
      const record = current();
      if (hasFile(record.files, target)) {
        store.deleteFile(target, origin);
        return;
      }
      if (!folderExists(record.files, record.folders, target)) return;
      const removed = Object.keys(record.files)
        .filter((file) => isSameOrInside(file, target))
        .sort();
      const files = { ...record.files };
      for (const file of removed) delete files[file];
      const remainingFolders = record.folders.filter((folder) => !isSameOrInside(folder, target));
      update(
        {
          files,
          folders: keepParentFolders([target], files, remainingFolders),
          ...withoutTabs(record, (tab) => isSameOrInside(tab, target)),
        },
        true,
        removed.map((file): ProjectFileChange => ({ kind: 'delete', path: file, origin })),
      );
    },

    replaceFiles(nextFiles, origin, nextFolders) {
      const files: FileMap = {};
      for (const [path, content] of Object.entries(nextFiles)) setFileEntry(files, assertProjectPath(path), content);
      const implied = impliedFolders(files);
      for (const path of Object.keys(files)) {
        if (implied.has(path)) throw new PathError(`"${path}" cannot be both a file and a folder.`, path);
      }
      const folders = tidyFolders((nextFolders ?? current().folders).map(assertProjectPath), files);
      const record = current();
      const deletes = Object.keys(record.files)
        .filter((path) => !hasFile(files, path))
        .sort()
        .map((path): ProjectFileChange => ({ kind: 'delete', path, origin }));
      const writes = Object.keys(files)
        .filter((path) => !hasFile(record.files, path) || !sameContent(record.files[path], files[path]))
        .sort()
        .map((path): ProjectFileChange => ({ kind: 'write', path, content: files[path], origin }));
      const foldersChanged = folders.join('\n') !== record.folders.join('\n');
      if (deletes.length === 0 && writes.length === 0 && !foldersChanged) return;
      update(
        { files, folders, ...withoutTabs(record, (tab) => !hasFile(files, tab)) },
        true,
        [...deletes, ...writes],
      );
    },

    openTab(path) {
      const target = assertProjectPath(path);
      const { openTabs } = current();
      update({ openTabs: openTabs.includes(target) ? openTabs : [...openTabs, target], activeTab: target }, false);
    },

    closeTab(path) {
      const normalized = normalizeProjectPath(path);
      if (!normalized.ok) return;
      const record = current();
      if (!record.openTabs.includes(normalized.path)) return;
      update(withoutTabs(record, (tab) => tab === normalized.path), false);
    },

    setActiveTab(path) {
      if (path === null) {
        update({ activeTab: null }, false);
        return;
      }
      store.openTab(path);
    },

    setMessages(messages) {
      update({ messages }, true);
    },

    setPendingPrompt(prompt) {
      update({ pendingPrompt: prompt }, true);
    },

    setPaneSizes(group, sizes) {
      update({ paneSizes: { ...current().paneSizes, [group]: [...sizes] } }, false);
    },

    renameProject(name) {
      const trimmed = name.trim().slice(0, MAX_PROJECT_NAME_LENGTH);
      if (!trimmed) return;
      const record = current();
      commit({ ...record, meta: { ...record.meta, name: trimmed } }, true);
    },

    setModel(modelId) {
      update({ modelId }, true);
    },

    onFileChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    async flush() {
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      const target = version;
      while (savedVersion < target) {
        const ok = await saveNow();
        if (!ok) return;
      }
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      listeners.clear();
      if (savedVersion < version) void saveNow();
    },
  };

  if (markOpened) {
    version++;
    scheduleSave();
  }

  return store;
}
