import type { ProjectStore } from '../project/project-store';
import { isHiddenPath } from '../project/paths';
import type { FileContent, FileMap } from '../project/types';
import type { Checkpoint, CheckpointRepository } from './checkpoint-types';
import { diffLines, splitLines } from './line-diff';

export interface FileChangeSummary {
  path: string;
  kind: 'added' | 'edited' | 'deleted';
  added: number;
  removed: number;
  binary: boolean;
}

export interface RestoreResult {
  restored: Checkpoint;
  /** The safety checkpoint of the files as they were just before the restore. */
  undoCheckpointId: string;
  /** Paths whose content differed and were written or deleted; `package.json` among them means dependencies may need reinstalling. */
  changedPaths: string[];
}

/** Either side of a comparison: a checkpoint (or its id), or the project's current files. */
export type CheckpointSide = Checkpoint | string | 'current';

export interface FilePair {
  before: FileContent | undefined;
  after: FileContent | undefined;
}

export interface CheckpointManager {
  /** Hashes the current files ahead of the first checkpoint; call once when the project opens (failures are reported, nothing is lost). */
  prepare(): Promise<void>;
  /** Saves the files as they are now, before the agent acts on `messageId`. */
  checkpointBeforeTurn(messageId: string, label: string): Promise<Checkpoint>;
  /** Oldest first, safety copies included (tell them apart by `kind`). */
  list(): Promise<Checkpoint[]>;
  /** The checkpoint taken before `messageId`, if any. */
  forMessage(messageId: string): Promise<Checkpoint | null>;
  /** Makes the project's files exactly those of the checkpoint, after saving a safety checkpoint. */
  restore(checkpointId: string): Promise<RestoreResult>;
  /** Whether the latest restore can still be undone. */
  canUndoRestore(): boolean;
  /** Returns the files to how they were before the latest restore; null when there is nothing to undo. */
  undoRestore(): Promise<RestoreResult | null>;
  /** Files added, edited and deleted from `before` to `after` (default: the current files), sorted by path. */
  changesForTurn(before: CheckpointSide, after?: CheckpointSide): Promise<FileChangeSummary[]>;
  /** Both versions of one file, for a side-by-side diff. */
  filePair(path: string, before: CheckpointSide, after?: CheckpointSide): Promise<FilePair>;
}

export interface CheckpointManagerOptions {
  store: Pick<ProjectStore, 'getState' | 'replaceFiles'>;
  repository: CheckpointRepository;
  projectId: string;
  /** The runtime sync; restore waits for it so the runtime has the restored files when it resolves. */
  sync?: { flush(): Promise<void> };
}

/** node_modules and .git belong to the runtime, not to the person's work, so checkpoints leave them out. */
function projectFiles(files: FileMap): FileMap {
  const kept: FileMap = {};
  for (const [path, content] of Object.entries(files)) if (!isHiddenPath(path)) kept[path] = content;
  return kept;
}

function hiddenFiles(files: FileMap): FileMap {
  const kept: FileMap = {};
  for (const [path, content] of Object.entries(files)) if (isHiddenPath(path)) kept[path] = content;
  return kept;
}

function lineCount(content: FileContent | undefined): number {
  return typeof content === 'string' ? splitLines(content).length : 0;
}

/** Tabsmith's own files (saved checks) come after the app's: the Changes view opens on the first. */
function appFilesFirst(a: string, b: string): number {
  const ownA = a.startsWith('.tabsmith/');
  const ownB = b.startsWith('.tabsmith/');
  if (ownA !== ownB) return ownA ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function createCheckpointManager(options: CheckpointManagerOptions): CheckpointManager {
  const { store, repository, projectId, sync } = options;
  let undoCheckpointId: string | null = null;
  // Checkpoints and restores run one at a time so a restore never interleaves with a snapshot.
  let queue: Promise<unknown> = Promise.resolve();

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function snapshot(label: string, messageId: string | null, kind: Checkpoint['kind']): Promise<Checkpoint> {
    const { files, folders } = store.getState().record;
    return repository.saveCheckpoint(projectId, projectFiles(files), folders.filter((f) => !isHiddenPath(f)), { label, messageId, kind });
  }

  async function resolve(side: CheckpointSide): Promise<Checkpoint | 'current'> {
    if (side === 'current' || typeof side !== 'string') return side;
    const checkpoint = await repository.getCheckpoint(projectId, side);
    if (!checkpoint) throw new Error('That restore point no longer exists. Pick another one from the chat.');
    return checkpoint;
  }

  async function hashesOf(side: Checkpoint | 'current'): Promise<Record<string, string>> {
    if (side !== 'current') return side.files;
    return repository.hashFiles(projectId, projectFiles(store.getState().record.files));
  }

  async function contentsOf(side: Checkpoint | 'current', paths: string[]): Promise<FileMap> {
    if (side !== 'current') return repository.loadFiles(side, paths);
    const { files } = store.getState().record;
    const picked: FileMap = {};
    for (const path of paths) if (Object.hasOwn(files, path)) picked[path] = files[path];
    return picked;
  }

  async function restoreTo(target: Checkpoint, safetyLabel: string): Promise<RestoreResult> {
    const files = await repository.loadFiles(target);
    const safety = await snapshot(safetyLabel, null, 'before-restore');
    const { files: currentFiles } = store.getState().record;
    const changedPaths = Object.keys({ ...projectFiles(currentFiles), ...files })
      .filter((path) => safety.files[path] !== target.files[path])
      .sort();
    store.replaceFiles({ ...files, ...hiddenFiles(currentFiles) }, 'restore', target.folders);
    await sync?.flush();
    return { restored: target, undoCheckpointId: safety.id, changedPaths };
  }

  return {
    prepare() {
      return serial(() => repository.prepare(projectId, projectFiles(store.getState().record.files)));
    },

    checkpointBeforeTurn(messageId, label) {
      return serial(() => snapshot(label, messageId, 'before-turn'));
    },

    list() {
      return repository.listCheckpoints(projectId);
    },

    async forMessage(messageId) {
      const all = await repository.listCheckpoints(projectId);
      return all.find((checkpoint) => checkpoint.messageId === messageId && checkpoint.kind === 'before-turn') ?? null;
    },

    restore(checkpointId) {
      return serial(async () => {
        const target = await resolve(checkpointId);
        if (target === 'current') throw new Error('Pick a restore point to go back to.');
        const result = await restoreTo(target, `Before restoring to "${target.label}"`);
        undoCheckpointId = result.undoCheckpointId;
        return result;
      });
    },

    canUndoRestore() {
      return undoCheckpointId !== null;
    },

    undoRestore() {
      return serial(async () => {
        if (undoCheckpointId === null) return null;
        const target = await resolve(undoCheckpointId);
        if (target === 'current') return null;
        // The files replaced by the undo are saved too, so undoing never loses an edit made after the restore.
        const result = await restoreTo(target, 'Before undoing a restore');
        undoCheckpointId = null;
        return result;
      });
    },

    async changesForTurn(beforeSide, afterSide = 'current') {
      const [before, after] = await Promise.all([resolve(beforeSide), resolve(afterSide)]);
      const [beforeHashes, afterHashes] = await Promise.all([hashesOf(before), hashesOf(after)]);
      const paths = [...new Set([...Object.keys(beforeHashes), ...Object.keys(afterHashes)])]
        .filter((path) => beforeHashes[path] !== afterHashes[path])
        .sort(appFilesFirst);
      const [beforeFiles, afterFiles] = await Promise.all([
        contentsOf(before, paths.filter((path) => Object.hasOwn(beforeHashes, path))),
        contentsOf(after, paths.filter((path) => Object.hasOwn(afterHashes, path))),
      ]);
      return paths.map((path): FileChangeSummary => {
        const old = beforeFiles[path];
        const next = afterFiles[path];
        const binary = (old !== undefined && typeof old !== 'string') || (next !== undefined && typeof next !== 'string');
        if (old === undefined) return { path, kind: 'added', added: lineCount(next), removed: 0, binary };
        if (next === undefined) return { path, kind: 'deleted', added: 0, removed: lineCount(old), binary };
        if (typeof old === 'string' && typeof next === 'string') {
          const { added, removed } = diffLines(old, next, { context: 0 });
          return { path, kind: 'edited', added, removed, binary };
        }
        return { path, kind: 'edited', added: 0, removed: 0, binary };
      });
    },

    async filePair(path, beforeSide, afterSide = 'current') {
      const [before, after] = await Promise.all([resolve(beforeSide), resolve(afterSide)]);
      const [beforeFiles, afterFiles] = await Promise.all([contentsOf(before, [path]), contentsOf(after, [path])]);
      return { before: beforeFiles[path], after: afterFiles[path] };
    },
  };
}
