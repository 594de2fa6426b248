import type { FileContent } from '../project/types';
import type { Runtime, RuntimeProcess } from '../runtime/types';

/** The project files as the agent sees them; writes resolve once the runtime has the file. */
export interface AgentFiles {
  read(path: string): FileContent | undefined;
  /** Project files, sorted, without node_modules and .git. */
  list(): string[];
  write(path: string, content: string): Promise<void>;
  delete(path: string): Promise<void>;
}

export interface PreviewMonitor {
  /** Status and url now, and the errors seen since the last call (which it then clears). */
  check(): {
    status: 'ready' | 'not-running' | 'error';
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
}

export interface ToolLimits {
  readMaxChars: number;
  outputMaxChars: number;
  defaultTimeoutSeconds: number;
  backgroundQuietMs: number;
  backgroundMaxWaitMs: number;
  maxFileBytes: number;
}

export interface ToolContext {
  files: AgentFiles;
  runtime: Runtime | null;
  preview: PreviewMonitor;
  signal: AbortSignal;
  hooks?: AgentCommandHooks;
  limits?: Partial<ToolLimits>;
}

export const defaultToolLimits: ToolLimits = {
  readMaxChars: 60_000,
  outputMaxChars: 6000,
  defaultTimeoutSeconds: 120,
  backgroundQuietMs: 4000,
  backgroundMaxWaitMs: 45_000,
  maxFileBytes: 2 * 1024 * 1024,
};

export function resolveToolLimits(limits: Partial<ToolLimits> | undefined): ToolLimits {
  return { ...defaultToolLimits, ...limits };
}
