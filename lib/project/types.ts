/** Text files are held as strings, everything else as bytes. */
export type FileContent = string | Uint8Array;

/** Project-relative POSIX path → content. Folders are implied by paths, except empty ones (see `folders`). */
export type FileMap = Record<string, FileContent>;

export interface ProjectMeta {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  openedAt: number;
}

/** Pane group id → sizes in percent, as the resizable layout reports them. */
export type PaneSizes = Record<string, number[]>;

/** Project-relative path → when the person or the agent deleted it (ms since epoch). */
export type Deletions = Record<string, number>;

/**
 * Everything that makes up one project in the browser. Persisted as separate records (details,
 * workspace state, chat, one per file) so that saving one change writes only what changed.
 */
export interface ProjectRecord {
  meta: ProjectMeta;
  files: FileMap;
  /** Empty folders the user created; folders that contain files are implied. */
  folders: string[];
  openTabs: string[];
  activeTab: string | null;
  /** AI SDK UI messages; kept opaque here so `lib/project` does not depend on the chat format. */
  messages: unknown[];
  paneSizes: PaneSizes;
  /** `provider:model` chosen for this project. */
  modelId: string | null;
  /** The prompt typed on the home page, sent to the agent once when the workbench first opens. */
  pendingPrompt: string | null;
  /**
   * Deletions the person or the agent made, kept so that a workspace (or a stale copy) still
   * holding such a file cannot bring it back on the next mount.
   */
  deleted: Deletions;
  /** The app was running when the project was last open, so opening it again starts it by itself. */
  appWasRunning: boolean;
}

/** A project listed on the home page; a record that failed to load is listed as damaged. */
export type ProjectListing =
  | { status: 'ok'; meta: ProjectMeta }
  | { status: 'damaged'; id: string; reason: string };
