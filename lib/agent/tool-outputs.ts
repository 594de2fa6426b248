import type {
  BackgroundCommandResult,
  CheckPreviewResult,
  DeleteFileResult,
  EditFileResult,
  ForegroundCommandResult,
  ListFilesResult,
  ReadFileResult,
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
}

export interface ReadFileOutput extends ReadFileResult {
  /** Length of the whole file in characters, also when `content` is truncated. */
  total_chars: number;
}

export interface ListFilesOutput extends ListFilesResult {
  note?: string;
}

export interface ForegroundCommandOutput extends ForegroundCommandResult {
  background: false;
  note?: string;
}

export interface BackgroundCommandOutput extends BackgroundCommandResult {
  background: true;
  /** Set when the process ended while it was starting. */
  exit_code?: number;
  /** Preview URLs of the ports in `ports`. */
  urls?: string[];
  note?: string;
}

export type RunCommandOutput = ForegroundCommandOutput | BackgroundCommandOutput;

export type CheckPreviewOutput = CheckPreviewResult;
