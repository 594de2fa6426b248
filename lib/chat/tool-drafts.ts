export interface ToolDraft {
  path: string;
  content: string;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
}

/**
 * Applies the edits whose `old_text` is complete (their `new_text` has started, so `old_text` is
 * final) to the current file; an edit that does not match exactly once is left for the tool to
 * report, and later edits still show.
 */
function applyPartialEdits(base: string, edits: unknown): string {
  if (!Array.isArray(edits)) return base;
  let text = base;
  for (const raw of edits) {
    const edit = asRecord(raw);
    if (!edit || typeof edit.old_text !== 'string' || typeof edit.new_text !== 'string') continue;
    if (edit.old_text.length === 0) continue;
    const at = text.indexOf(edit.old_text);
    if (at === -1 || text.indexOf(edit.old_text, at + 1) !== -1) continue;
    text = text.slice(0, at) + edit.new_text + text.slice(at + edit.old_text.length);
  }
  return text;
}

/**
 * What the editor should show while a `write_file`/`edit_file` input is still streaming, from the
 * partial input parsed so far. Null when there is nothing to show yet (no path, other tools).
 */
export function draftForStreamingInput(
  toolName: string,
  partialInput: unknown,
  readFile: (path: string) => string | undefined,
): ToolDraft | null {
  const input = asRecord(partialInput);
  if (!input || typeof input.path !== 'string' || input.path.length === 0) return null;
  const path = input.path;
  // Until the next key starts, `path` itself may still be streaming ("src/Ap…").
  if (toolName === 'write_file') {
    if (!('content' in input)) return null;
    return { path, content: typeof input.content === 'string' ? input.content : '' };
  }
  if (toolName === 'edit_file') {
    if (!('edits' in input)) return null;
    const base = readFile(path);
    if (base === undefined) return null;
    return { path, content: applyPartialEdits(base, input.edits) };
  }
  return null;
}
