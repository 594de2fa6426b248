import type {
  BackgroundCommandResult,
  CheckPreviewResult,
  DeleteFileResult,
  EditFileResult,
  ForegroundCommandResult,
  ListFilesResult,
  ListProcessesResult,
  MoveFileResult,
  ProcessOutputResult,
  ReadFileResult,
  SearchFilesResult,
  StopProcessResult,
  TestPreviewResult,
  WriteFileResult,
} from './tool-results';

/** What the executors actually return: the contract shapes of tool-results.ts plus the extra fields the chat rows show. */
export interface WriteFileOutput extends WriteFileResult {
  created: boolean;
  added_lines: number;
  removed_lines: number;
}

export interface EditFileOutput extends EditFileResult {
  added_lines: number;
  removed_lines: number;
}

export interface DeleteFileOutput extends DeleteFileResult {
  path: string;
  /** Files removed (more than one for a folder). */
  deleted: number;
}

export interface MoveFileOutput extends MoveFileResult {
  moved: number;
}

export interface ReadFileOutput extends ReadFileResult {
  /** Length of the whole file in characters, also when `content` is a part of it. */
  total_chars: number;
  /** Lines shown, 1-based and inclusive, when not the whole file. */
  lines?: { from: number; to: number };
  note?: string;
}

export interface ListFilesOutput extends ListFilesResult {
  note?: string;
}

export interface SearchFilesOutput extends SearchFilesResult {
  files_searched: number;
  note?: string;
}

/** Set when a command stopped at a question nobody can answer (stdin is closed). */
export interface PromptWait {
  waiting_for_input: true;
  /** The last lines printed: the question it asked. */
  prompt: string;
}

export interface ForegroundCommandOutput extends ForegroundCommandResult, Partial<PromptWait> {
  background: false;
  id?: string;
  note?: string;
}

export interface BackgroundCommandOutput extends BackgroundCommandResult, Partial<PromptWait> {
  background: true;
  /** Set when the process ended while it was starting. */
  exit_code?: number;
  /** Preview URLs of the ports in `ports`. */
  urls?: string[];
  /** The same command was already running; this is that process, not a new one. */
  already_running?: boolean;
  note?: string;
}

export type RunCommandOutput = ForegroundCommandOutput | BackgroundCommandOutput;

export type ListProcessesOutput = ListProcessesResult;

export interface ProcessOutputOutput extends ProcessOutputResult {
  id: string;
  command: string;
  note?: string;
}

export type StopProcessOutput = StopProcessResult & { id: string };

export type CheckPreviewOutput = CheckPreviewResult;

export interface TestPreviewOutput extends TestPreviewResult {
  /** The page the steps ran on. */
  path: string;
}
