/** Result shapes of DESIGN.md §2; a failed tool throws a ToolError that the chat reports as `output-error`. */
export interface WriteFileResult { ok: true; bytes: number }
export interface EditFileResult { ok: true; applied: number }
export interface DeleteFileResult { ok: true }
export interface MoveFileResult { ok: true }
export interface ReadFileResult { content: string; total_lines: number; truncated?: boolean }
export interface ListFilesResult { files: string[] }
export interface SearchMatch { path: string; line: number; text: string }
export interface SearchFilesResult { matches: SearchMatch[]; truncated: boolean }
export interface ForegroundCommandResult {
  exit_code: number | null;
  output: string;
  duration_ms: number;
  timed_out: boolean;
}
export interface BackgroundCommandResult { id: string; started: boolean; output: string; ports: number[] }
export interface ListProcessesResult {
  processes: { id: string; command: string; running: boolean; ports: number[]; exit_code?: number }[];
}
export interface ProcessOutputResult { output: string; running: boolean; exit_code?: number }
export interface StopProcessResult { ok: true }
export interface CheckPreviewResult {
  status: 'ready' | 'not-running' | 'error' | 'not-loaded';
  url: string | null;
  errors: { message: string; source?: string }[];
}

export interface TestPreviewResult {
  passed: boolean;
  steps: { action: string; ok: boolean; detail: string }[];
  text: string;
  errors: { message: string; source?: string }[];
}

export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}
