import type { FileContent } from '../project/types';
import type { PreviewTester } from '../runtime/preview-bridge/preview-tester';
import type { PreviewStep } from '../runtime/preview-bridge/steps';
import type { Runtime, RuntimeProcess } from '../runtime/types';
import type { ProcessRegistry } from './process-registry';

/** The project files as the agent sees them; changes resolve once the runtime has them, and fail when it did not take them. */
export interface AgentFiles {
  read(path: string): FileContent | undefined;
  /** Project files, sorted, without node_modules, .git and what the project's .gitignore ignores. */
  list(): string[];
  write(path: string, content: string): Promise<void>;
  /** Deletes a file, or a folder with everything in it. */
  delete(path: string): Promise<void>;
  /** Moves or renames a file or a folder. */
  move(from: string, to: string): Promise<void>;
}

export type PreviewStatus = 'ready' | 'not-running' | 'error' | 'not-loaded';

export interface PreviewMonitor {
  /** Status and url now, and the errors seen since the last change (errors already reported are not repeated). */
  check(): {
    status: PreviewStatus;
    url: string | null;
    errors: { message: string; source?: string }[];
  };
}

export interface CommandStartEvent {
  id: string;
  command: string;
  process: RuntimeProcess;
  background: boolean;
}

export interface AgentCommandHooks {
  onCommandStart?(event: CommandStartEvent): void;
  /** A test_preview passed: the session keeps it as a check. */
  onPreviewTestPassed?(run: { path: string; steps: PreviewStep[] }): void;
}

export interface ToolLimits {
  readMaxChars: number;
  /** Lines read_file returns when no `limit` is given. */
  readMaxLines: number;
  outputMaxChars: number;
  defaultTimeoutSeconds: number;
  backgroundQuietMs: number;
  backgroundMaxWaitMs: number;
  /** How long output must stand still at a prompt-like last line before a command counts as waiting for input. */
  promptQuietMs: number;
  /** After a foreground command opened a port, how long to let its start-up output finish. */
  portSettleMs: number;
  maxFileBytes: number;
  searchMaxMatches: number;
  /** How long check_preview waits for the preview to show the latest change before answering 'not-loaded'. */
  previewLoadWaitMs: number;
}

export interface ToolContext {
  files: AgentFiles;
  runtime: Runtime | null;
  /** Why `runtime` is null, when that is known: it is still starting, or it could not start. */
  runtimeMissing?: string;
  preview: PreviewMonitor;
  /** Processes the agent and the Run button started; absent when no runtime ever attached. */
  processes?: ProcessRegistry;
  /** Runs test_preview steps in the preview frame; absent where there is no preview pane. */
  previewTester?: PreviewTester;
  /** The path the preview shows now. */
  previewPath?: () => string;
  signal: AbortSignal;
  hooks?: AgentCommandHooks;
  limits?: Partial<ToolLimits>;
}

export const defaultToolLimits: ToolLimits = {
  readMaxChars: 60_000,
  readMaxLines: 2000,
  outputMaxChars: 6000,
  defaultTimeoutSeconds: 120,
  backgroundQuietMs: 4000,
  backgroundMaxWaitMs: 45_000,
  promptQuietMs: 1500,
  portSettleMs: 300,
  maxFileBytes: 2 * 1024 * 1024,
  searchMaxMatches: 200,
  previewLoadWaitMs: 5000,
};

export function resolveToolLimits(limits: Partial<ToolLimits> | undefined): ToolLimits {
  return { ...defaultToolLimits, ...limits };
}
