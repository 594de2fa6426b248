import type { StoreApi } from 'zustand/vanilla';
import type { ToolContext } from '../agent/tool-context';
import type { CheckpointManager, RestoreResult } from '../checkpoints/checkpoint-manager';
import type { SelectedElement } from '../runtime/preview-bridge/messages';
import type { PreviewFrameAccess } from '../runtime/preview-bridge/preview-tester';
import type { ChecksController } from '../checks/checks-controller';
import type { TurnEvidenceFeed } from './turn-evidence';
import type { ProjectStore } from '../project/project-store';
import type { PortEvent, PreviewError, Runtime, RuntimeProcess, RuntimeStatus } from '../runtime/types';

/** "Run" progress in plain words, with when the phase started so views can show elapsed seconds. */
export interface RunPhase {
  phase: 'idle' | 'installing' | 'starting' | 'running' | 'failed' | 'stopped';
  label: string;
  startedAt: number | null;
  detail?: string;
}

/** A command the agent ran, shown in the terminal's agent tab. */
export interface AgentCommandEvent {
  id: string;
  command: string;
  process: RuntimeProcess;
  startedAt: number;
  background: boolean;
}

export interface RuntimeSessionState {
  status: RuntimeStatus | null;
  runtime: Runtime | null;
  /** True until the runtime is picked and started, or none could be: whether waiting for `runtime` can still help. */
  runtimeStarting: boolean;
  ports: PortEvent[];
  /** Port the preview shows; null until a dev server is up. */
  previewPort: number | null;
  /** Preview errors not yet cleared by the user or read by check_preview. */
  previewErrors: PreviewError[];
  run: RunPhase;
  /** Paths that failed to reach the runtime; flagged in the file tree, retried on next change. */
  unsyncedPaths: string[];
  /** Bumped when the files were restored, so the preview loads the app afresh. */
  previewGeneration: number;
  /** The preview frame has asked for a page and it has not finished loading. */
  previewLoading: boolean;
  /** A chat turn is under way: the agent starts the app itself, so Run would race it. */
  agentWorking: boolean;
}

export interface PreviewFrameHandle extends PreviewFrameAccess {
  /** The path the preview shows now, e.g. "/" or "/settings". */
  currentPath(): string;
}

/** Everything the workbench panes share for one open project; created once per workbench mount. */
export interface WorkbenchSession {
  readonly projectId: string;
  readonly store: ProjectStore;
  readonly runtimeState: StoreApi<RuntimeSessionState>;
  /** Install when needed, then start the dev (or start) script. */
  run(): Promise<void>;
  stopApp(): Promise<void>;
  setPreviewPort(port: number): void;
  setAgentWorking(working: boolean): void;
  clearPreviewErrors(): void;
  /** Loads the preview afresh (after a turn changed files the running app may not have picked up). */
  reloadPreview(): void;
  /**
   * A turn changed files the preview has not shown yet: reloads it, except that a page with hot
   * updates first gets a grace period to show them itself (a reload would lose the app's state).
   */
  refreshPreviewAfterTurn(): void;
  /** The preview pane reports whether its frame is loading a page. */
  setPreviewLoading(loading: boolean): void;
  /**
   * The preview page finished loading; `hot` says whether it has a hot-update client. A page without
   * one is reloaded after each saved change, so every app's preview stays live.
   */
  previewPageLoaded(page: { hot: boolean }): void;
  /** The preview pane hands over its frame so test_preview can drive it; returns the detach. */
  attachPreviewFrame(frame: PreviewFrameHandle): () => void;
  /** Opens an interactive shell for a user terminal tab; null when no runtime is ready. */
  openShell(size: { cols: number; rows: number }): Promise<RuntimeProcess | null>;
  /** What the agent's tools run against; `signal` aborts foreground commands (Stop). */
  toolContext(signal: AbortSignal): ToolContext;
  onAgentCommand(listener: (event: AgentCommandEvent) => void): () => void;
  /** Restore points taken before each user turn; persisted with the project. */
  readonly checkpoints: CheckpointManager;
  /** Passing test_preview runs kept with the project, run again after later changes. */
  readonly checks: ChecksController;
  /** What the IDE saw since the latest change: the source of the honest turn status. */
  readonly evidence: TurnEvidenceFeed;
  /** Elements picked with "Select in preview", waiting to go with the next message. */
  readonly selection: StoreApi<{ elements: SelectedElement[] }>;
  selectElement(element: SelectedElement): void;
  unselectElement(selector: string): void;
  clearSelection(): void;
  /** Brings back a restore point's files, then restarts the app when it was running. */
  restoreCheckpoint(checkpointId: string): Promise<RestoreResult>;
  /** Undoes the latest restore (the same way); null when there is nothing to undo. */
  undoRestore(): Promise<RestoreResult | null>;
  dispose(): Promise<void>;
}
