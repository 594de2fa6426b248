import { storageFailureKind, type StorageFailureKind } from '../project/indexeddb';
import { PersistenceError } from '../project/persistence';

export type CheckpointAction = 'save' | 'read' | 'delete';

const MESSAGES: Record<StorageFailureKind, Record<CheckpointAction, string>> = {
  quota: {
    save: 'Your browser has run out of storage, so Tabsmith could not save a restore point. Your files are unchanged; free some space or delete old projects, then try again.',
    read: 'Your browser has run out of storage, so Tabsmith could not read the restore points. Your files are unchanged; free some space, then try again.',
    delete: 'Your browser has run out of storage, so Tabsmith could not remove old restore points. Free some space, then try again.',
  },
  unavailable: {
    save: 'This browser is not letting Tabsmith store restore points (private browsing or blocked site storage can cause this). Your files are unchanged, but you cannot go back to earlier versions.',
    read: 'This browser is not letting Tabsmith read restore points (private browsing or blocked site storage can cause this). Your files are unchanged.',
    delete: 'This browser is not letting Tabsmith remove restore points (private browsing or blocked site storage can cause this).',
  },
  unknown: {
    save: 'Tabsmith could not save a restore point in browser storage. Your files are unchanged; try again.',
    read: 'Tabsmith could not read a restore point from browser storage. Your files are unchanged; try again.',
    delete: 'Tabsmith could not remove restore points from browser storage. Try again.',
  },
};

/** Checkpoint failures reuse PersistenceError so callers show them the way they show save errors. */
export function toCheckpointError(error: unknown, action: CheckpointAction, fallback: StorageFailureKind = 'unknown'): PersistenceError {
  if (error instanceof PersistenceError) return error;
  const kind = storageFailureKind(error, fallback);
  return new PersistenceError(kind, MESSAGES[kind][action], { cause: error });
}

export function missingContentError(missing: number): PersistenceError {
  const files = missing === 1 ? '1 file is' : `${missing} files are`;
  return new PersistenceError(
    'damaged',
    `This restore point is incomplete (${files} missing from browser storage), so it cannot be used. Your current files are unchanged.`,
  );
}
