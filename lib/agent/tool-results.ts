/** Result shapes of DESIGN.md §2; a failed tool throws a ToolError that the chat reports as `output-error`. */
export interface WriteFileResult { ok: true; bytes: number }
export interface EditFileResult { ok: true; applied: number }
export interface DeleteFileResult { ok: true }
export interface ReadFileResult { content: string; truncated?: boolean }
export interface ListFilesResult { files: string[] }
export interface ForegroundCommandResult {
  exit_code: number | null;
  output: string;
  duration_ms: number;
  timed_out: boolean;
}
export interface BackgroundCommandResult { started: boolean; output: string; ports: number[] }
export interface CheckPreviewResult {
  status: 'ready' | 'not-running' | 'error';
  url: string | null;
  errors: { message: string; source?: string }[];
}

export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}
