import type { FileContent } from './types';

/**
 * Above this size a file is kept on disk and in the project (and exported), but never opened for
 * editing: the runtime sends such files by size only, and an editor would stall on them.
 */
export const TOO_LARGE_TO_EDIT_BYTES = 5 * 1024 * 1024;

export const TOO_LARGE_TO_EDIT_LABEL = 'on disk, too large to edit';

export function isTooLargeToEdit(content: FileContent): boolean {
  if (typeof content !== 'string') return content.length > TOO_LARGE_TO_EDIT_BYTES;
  // A UTF-8 byte is at most one UTF-16 unit, and a unit at most three bytes: count only when in doubt.
  if (content.length > TOO_LARGE_TO_EDIT_BYTES) return true;
  if (content.length * 3 <= TOO_LARGE_TO_EDIT_BYTES) return false;
  return new TextEncoder().encode(content).length > TOO_LARGE_TO_EDIT_BYTES;
}
