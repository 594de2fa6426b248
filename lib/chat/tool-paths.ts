import { normalizeProjectPath } from '../project/paths';

/**
 * The project paths a file tool changes, or null for every other tool (and for inputs it would refuse). Only calls
 * with paths may run beside each other; the rest wait for everything before them.
 */
export function pathsChangedBy(toolName: string, input: unknown): string[] | null {
  if (typeof input !== 'object' || input === null) return null;
  const fields = input as Record<string, unknown>;
  const names =
    toolName === 'write_file' || toolName === 'edit_file' || toolName === 'delete_file'
      ? [fields.path]
      : toolName === 'move_file'
        ? [fields.from, fields.to]
        : null;
  if (!names) return null;
  const paths: string[] = [];
  for (const name of names) {
    if (typeof name !== 'string') return null;
    const normalized = normalizeProjectPath(name);
    if (!normalized.ok) return null;
    paths.push(normalized.path);
  }
  return paths;
}

/** Whether two project paths are the same file or one is inside the other (a folder delete or move); any case. */
export function pathsOverlap(a: string, b: string): boolean {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  return left === right || left.startsWith(`${right}/`) || right.startsWith(`${left}/`);
}
