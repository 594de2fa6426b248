import type { FileContent, FileMap } from '../project/types';

/** Why a checkpoint was taken: before a user turn, or as the safety copy a restore makes first. */
export type CheckpointKind = 'before-turn' | 'before-restore';

export interface Checkpoint {
  id: string;
  projectId: string;
  createdAt: number;
  label: string;
  /** The user message this checkpoint precedes; null for safety copies. */
  messageId: string | null;
  kind: CheckpointKind;
  /** Path → SHA-256 of its content (see blob-hash.ts). */
  files: Record<string, string>;
  /** Empty folders, as in ProjectRecord.folders. */
  folders: string[];
}

export interface CheckpointMeta {
  label: string;
  messageId?: string | null;
  kind?: CheckpointKind;
  createdAt?: number;
}

export interface CheckpointStats {
  checkpoints: number;
  /** Distinct file contents stored for the project. */
  blobs: number;
  /** Their total size in bytes (text counted as UTF-8). */
  bytes: number;
}

export interface CheckpointRepository {
  /** Stores each content not stored yet for the project, then the checkpoint, in one atomic write. */
  saveCheckpoint(projectId: string, files: FileMap, folders: string[], meta: CheckpointMeta): Promise<Checkpoint>;
  /** Oldest first. */
  listCheckpoints(projectId: string): Promise<Checkpoint[]>;
  getCheckpoint(projectId: string, id: string): Promise<Checkpoint | null>;
  /** The checkpoint's files (only `paths` when given); rejects when a content is missing. */
  loadFiles(checkpoint: Checkpoint, paths?: string[]): Promise<FileMap>;
  /**
   * Does the expensive part of a project's first checkpoint ahead of time (hashing every file,
   * learning which contents are stored), so the checkpoint taken when the person sends a
   * message only hashes what changed. Call it when a project opens.
   */
  prepare(projectId: string, files: FileMap): Promise<void>;
  /** Hashes as a checkpoint would record them, sharing the cache `saveCheckpoint` uses. */
  hashFiles(projectId: string, files: FileMap): Promise<Record<string, string>>;
  deleteProject(projectId: string): Promise<void>;
  stats(projectId: string): Promise<CheckpointStats>;
}

/** The storage a repository is built on; `write` must be atomic. */
export interface CheckpointBackend {
  /** Stores the checkpoint and those of `blobs` not stored yet. */
  write(checkpoint: Checkpoint, blobs: Map<string, FileContent>): Promise<void>;
  list(projectId: string): Promise<Checkpoint[]>;
  get(projectId: string, id: string): Promise<Checkpoint | null>;
  /** Hashes of every content stored for the project. */
  storedHashes(projectId: string): Promise<string[]>;
  /** Missing hashes are simply absent from the result. */
  readBlobs(projectId: string, hashes: string[]): Promise<Map<string, FileContent>>;
  deleteProject(projectId: string): Promise<void>;
  stats(projectId: string): Promise<CheckpointStats>;
}
