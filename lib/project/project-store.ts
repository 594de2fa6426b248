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
import { createIgnoreRules, ignoresFolder, ignoreRulesFor, type IgnoreRules } from './ignore-rules';
import { PersistenceError, projectStateOf, type ProjectChangeSet, type ProjectRepository } from './persistence';
import type { Deletions, FileContent, FileMap, ProjectRecord } from './types';

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
  /** Sorted file paths, without what the ignore rules (defaults plus `.gitignore`) leave out. */
  listFiles(): string[];
  /** Sorted folder paths (implied by files, and empty ones), without ignored ones. */
  listFolders(): string[];
  /** The project's one set of ignore rules: our defaults plus its `.gitignore`. */
  isIgnored(path: string): boolean;
  /** Every file the runtime should hold, ignored ones too (a `.gitignore`d `.env` still has to run), without `node_modules`/`.git`. */
  listRuntimeFiles(): string[];
  /** What the person or agent deleted, and when: a mount must not let a stale copy bring these back. */
  deletions(): Deletions;
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
  /** Remembers whether the app is running, so the next open can start it again. */
  setAppWasRunning(running: boolean): void;
  onFileChange(listener: (change: ProjectFileChange) => void): () => void;
  /** Hears every successful save (so other tabs following this one can reload). */
  onSaved(listener: () => void): () => void;
  /** Resolves once everything changed so far is persisted, or the attempt failed (then `saveError` is set). */
  flush(): Promise<void>;
  /** Like `flush`, but rejects with the plain-language reason when the change could not be made durable. */
  persist(): Promise<void>;
  /**
   * Shows another tab's saved copy of this project without saving anything: the store of a tab
   * that only follows. Emits the file changes so open editors update.
   */
  mirror(record: ProjectRecord): void;
  /** A following tab must not write: file changes are refused and nothing is saved while set. */
  setReadOnly(readOnly: boolean): void;
  isReadOnly(): boolean;
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
type SaveTiming = 'debounced' | 'at-once';

/** Deletions remembered per project; the oldest are forgotten first. */
const MAX_DELETIONS_KEPT = 2000;
export const READ_ONLY_MESSAGE =
  'This project is open in another tab, which is the one making changes. Use "Work here instead" to make changes in this tab.';
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

/** Deletes are remembered (so a stale copy cannot resurrect them); a write at a path forgets its deletion. */
function nextDeletions(deleted: Deletions, changes: ProjectFileChange[], at: number): Deletions {
  if (changes.length === 0) return deleted;
  const next: Deletions = { ...deleted };
  for (const change of changes) {
    if (change.kind === 'delete') next[change.path] = at;
    else delete next[change.path];
  }
  const paths = Object.keys(next);
  if (paths.length <= MAX_DELETIONS_KEPT) return next;
  paths.sort((a, b) => next[a] - next[b]);
  for (const path of paths.slice(0, paths.length - MAX_DELETIONS_KEPT)) delete next[path];
  return next;
}

const STATE_KEYS = ['folders', 'openTabs', 'activeTab', 'paneSizes', 'modelId', 'pendingPrompt', 'deleted', 'appWasRunning'] as const;

interface Dirty {
  meta: boolean;
  state: boolean;
  messages: boolean;
  files: Set<string>;
}

const clean = (): Dirty => ({ meta: false, state: false, messages: false, files: new Set() });

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
  const savedListeners = new Set<() => void>();

  // Versions let flush() know whether the latest mutation is on disk without comparing records.
  let version = 0;
  let savedVersion = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let urgentPending = false;
  let inFlight: Promise<void> | null = null;
  let disposed = false;
  let readOnly = false;
  let lastSaveError: unknown = null;
  /** What changed since the last save began: a save writes only these parts. */
  let dirty: Dirty = clean();
  let ignoreRules: IgnoreRules = createIgnoreRules(gitignoreOf(initial.files));

  const current = () => api.getState().record;

  function gitignoreOf(files: FileMap): string {
    const text = hasFile(files, '.gitignore') ? files['.gitignore'] : '';
    return typeof text === 'string' ? text : '';
  }

  function rules(): IgnoreRules {
    ignoreRules = ignoreRulesFor(ignoreRules, gitignoreOf(current().files));
    return ignoreRules;
  }

  /** Trailing debounce for edits; an urgent save (delay 0) is never pushed back by later edits. */
  function scheduleSave(delayMs = saveDelayMs): void {
    if (disposed) return;
    if (timer !== null) {
      if (urgentPending) return;
      clearTimeout(timer);
    }
    urgentPending = delayMs === 0;
    timer = setTimeout(() => {
      timer = null;
      urgentPending = false;
      void saveNow();
    }, delayMs);
  }

  function changeSetOf(record: ProjectRecord, parts: Dirty): ProjectChangeSet {
    const changes: ProjectChangeSet = { meta: record.meta };
    if (parts.state) changes.state = projectStateOf(record);
    if (parts.messages) changes.messages = record.messages;
    if (parts.files.size > 0) {
      const writes: FileMap = {};
      const deletes: string[] = [];
      for (const path of parts.files) {
        if (hasFile(record.files, path)) setFileEntry(writes, path, record.files[path]);
        else deletes.push(path);
      }
      changes.writes = writes;
      changes.deletes = deletes;
    }
    return changes;
  }

  /** A failed save's parts are still unsaved; they go with the next attempt. */
  function restoreDirty(parts: Dirty): void {
    dirty.meta ||= parts.meta;
    dirty.state ||= parts.state;
    dirty.messages ||= parts.messages;
    for (const path of parts.files) dirty.files.add(path);
  }

  /** Saves what changed unless it is already saved; resolves true when that version is on disk. */
  async function saveNow(): Promise<boolean> {
    while (inFlight) await inFlight;
    if (savedVersion >= version) return true;
    const snapshotVersion = version;
    const parts = dirty;
    dirty = clean();
    const changes = changeSetOf(current(), parts);
    let ok = false;
    api.setState({ saving: true });
    inFlight = (async () => {
      try {
        await repository.saveChanges(changes);
        savedVersion = Math.max(savedVersion, snapshotVersion);
        ok = true;
        lastSaveError = null;
        api.setState({ saveError: null });
        for (const listener of [...savedListeners]) listener();
      } catch (error) {
        restoreDirty(parts);
        lastSaveError = error;
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

  function assertWritable(): void {
    if (readOnly) throw new PathError(READ_ONLY_MESSAGE, '');
  }

  /** `touch` marks a change to the project itself; tab and layout changes are saved without counting as edits. */
  function commit(next: ProjectRecord, touch: boolean, changes: ProjectFileChange[] = [], save: SaveTiming = 'debounced'): void {
    const previous = current();
    const at = now();
    let record: ProjectRecord = touch ? { ...next, meta: { ...next.meta, updatedAt: at } } : next;
    const deleted = nextDeletions(record.deleted, changes, at);
    if (deleted !== record.deleted) record = { ...record, deleted };
    api.setState({ record });
    if (!readOnly) {
      version++;
      if (record.meta !== previous.meta) dirty.meta = true;
      if (STATE_KEYS.some((key) => record[key] !== previous[key])) dirty.state = true;
      if (record.messages !== previous.messages) dirty.messages = true;
      for (const change of changes) dirty.files.add(change.path);
      // The chat is saved as each part settles, not a debounce later.
      scheduleSave(save === 'at-once' || dirty.messages ? 0 : saveDelayMs);
    }
    emit(changes);
  }

  function update(patch: Partial<ProjectRecord>, touch: boolean, changes: ProjectFileChange[] = [], save: SaveTiming = 'debounced'): void {
    commit({ ...current(), ...patch }, touch, changes, save);
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
      const ignored = rules();
      return Object.keys(current().files)
        .filter((path) => !ignored.ignores(path))
        .sort();
    },

    isIgnored(path) {
      return rules().ignores(path);
    },

    listRuntimeFiles() {
      return Object.keys(current().files)
        .filter((path) => !isHiddenPath(path))
        .sort();
    },

    deletions() {
      return current().deleted;
    },

    listFolders() {
      const { files, folders } = current();
      const all = impliedFolders(files);
      for (const folder of folders) {
        all.add(folder);
        for (const ancestor of ancestorsOf(folder)) all.add(ancestor);
      }
      const ignored = rules();
      return [...all].filter((folder) => !ignoresFolder(ignored, folder)).sort();
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
      assertWritable();
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
      assertWritable();
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
      assertWritable();
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
      assertWritable();
      const target = assertProjectPath(path);
      const { files, folders } = current();
      if (hasFile(files, target)) throw new PathError(`"${target}" is already a file. Choose another name.`, target);
      assertNoFileAncestor(files, target);
      if (folderExists(files, folders, target)) return;
      update({ folders: tidyFolders([...folders, target], files) }, true);
    },

    deletePath(path, origin = 'user') {
      assertWritable();
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
      assertWritable();
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

    setAppWasRunning(running) {
      // At once: a reload moments after the app came up would otherwise reopen it stopped.
      if (current().appWasRunning !== running) update({ appWasRunning: running }, false, [], 'at-once');
    },

    onFileChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    onSaved(listener) {
      savedListeners.add(listener);
      return () => void savedListeners.delete(listener);
    },

    async flush() {
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
        urgentPending = false;
      }
      const target = version;
      while (savedVersion < target) {
        const ok = await saveNow();
        if (!ok) return;
      }
    },

    async persist() {
      const target = version;
      await store.flush();
      if (savedVersion < target) throw lastSaveError instanceof PersistenceError ? lastSaveError : new PersistenceError('unknown', GENERIC_SAVE_ERROR);
    },

    mirror(next) {
      const previous = current();
      const deletes = Object.keys(previous.files)
        .filter((path) => !hasFile(next.files, path))
        .map((path): ProjectFileChange => ({ kind: 'delete', path, origin: 'runtime' }));
      const writes = Object.keys(next.files)
        .filter((path) => !hasFile(previous.files, path) || !sameContent(previous.files[path], next.files[path]))
        .map((path): ProjectFileChange => ({ kind: 'write', path, content: next.files[path], origin: 'runtime' }));
      // The follower keeps its own tabs and layout; everything the owner saved comes across.
      api.setState({ record: { ...next, openTabs: previous.openTabs.filter((tab) => hasFile(next.files, tab)), activeTab: previous.activeTab !== null && hasFile(next.files, previous.activeTab) ? previous.activeTab : null, paneSizes: previous.paneSizes } });
      emit([...deletes, ...writes]);
    },

    setReadOnly(value) {
      readOnly = value;
    },

    isReadOnly: () => readOnly,

    dispose() {
      if (disposed) return;
      disposed = true;
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      listeners.clear();
      if (savedVersion < version && !readOnly) void saveNow().finally(() => savedListeners.clear());
      else savedListeners.clear();
    },
  };

  if (markOpened) {
    version++;
    dirty.meta = true;
    scheduleSave();
  }

  return store;
}
