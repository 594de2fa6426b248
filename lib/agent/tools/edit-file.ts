import { z } from 'zod';
import { countChangedLines } from '../../checkpoints/line-diff';
import { resolveToolLimits, type ToolContext } from '../tool-context';
import type { EditFileOutput } from '../tool-outputs';
import { ToolError } from '../tool-results';
import { defineTool } from './agent-tool';
import { describeSize, missingFileError, resolveWritablePath } from './agent-path';

const inputSchema = z.object({
  path: z.string(),
  edits: z
    .array(
      z.object({
        old_text: z.string().describe('Text that occurs exactly once in the current file'),
        new_text: z.string(),
      }),
    )
    .min(1),
});

type Edit = z.infer<typeof inputSchema>['edits'][number];

function occurrences(text: string, search: string): number[] {
  const found: number[] = [];
  for (let index = text.indexOf(search); index !== -1; index = text.indexOf(search, index + 1)) {
    found.push(index);
  }
  return found;
}

/**
 * Models often send LF text for a CRLF file (or the reverse); the exact form is tried first,
 * then the edit rewritten to the other line ending.
 */
function candidateForms(edit: Edit): Edit[] {
  const forms: Edit[] = [edit];
  const toCrlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
  const toLf = (s: string) => s.replace(/\r\n/g, '\n');
  if (edit.old_text.includes('\n')) {
    forms.push({ old_text: toCrlf(edit.old_text), new_text: toCrlf(edit.new_text) });
    forms.push({ old_text: toLf(edit.old_text), new_text: toLf(edit.new_text) });
  }
  return forms.filter((form, i) => forms.findIndex((f) => f.old_text === form.old_text) === i);
}

function applyEdit(text: string, edit: Edit, index: number, total: number, path: string): string {
  const prefix = `Edit ${index + 1} of ${total} failed:`;
  if (edit.old_text.length === 0) {
    throw new ToolError(`${prefix} old_text is empty. Give the exact text to replace, or use write_file for a new file.`);
  }
  for (const form of candidateForms(edit)) {
    const found = occurrences(text, form.old_text);
    if (found.length === 1) {
      const at = found[0];
      return text.slice(0, at) + form.new_text + text.slice(at + form.old_text.length);
    }
    if (found.length > 1) {
      throw new ToolError(
        `${prefix} old_text was found ${found.length} times in ${path}; include more surrounding lines so it matches once. No edits were applied.`,
      );
    }
  }
  const earlier = index > 0 ? ' (after the earlier edits of this call were applied)' : '';
  throw new ToolError(
    `${prefix} old_text was not found in ${path}${earlier}. No edits were applied. Read the file and copy the exact text, including spaces and indentation.`,
  );
}

async function editFile(input: z.infer<typeof inputSchema>, ctx: ToolContext): Promise<EditFileOutput> {
  const path = resolveWritablePath(input.path);
  const current = ctx.files.read(path);
  if (current === undefined) throw missingFileError(path, ctx.files.list(), 'Use write_file to create it.');
  if (typeof current !== 'string') throw new ToolError(`${path} is a binary file and cannot be edited as text.`);

  let text = current;
  input.edits.forEach((edit, index) => {
    text = applyEdit(text, edit, index, input.edits.length, path);
  });

  const { maxFileBytes } = resolveToolLimits(ctx.limits);
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > maxFileBytes) {
    throw new ToolError(
      `Refused: after these edits ${path} would be ${describeSize(bytes)}; files over ${describeSize(maxFileBytes)} cannot be written.`,
    );
  }
  const changes = countChangedLines(current, text);
  await ctx.files.write(path, text);
  return { ok: true, applied: input.edits.length, added_lines: changes.added, removed_lines: changes.removed };
}

export const editFileTool = defineTool({
  name: 'edit_file',
  description:
    'Change an existing file by exact text replacement. Each old_text must occur exactly once in the current file; edits apply in order, all or nothing. Fails when the running app did not get the change.',
  inputSchema,
  effect: 'edits',
  execute: editFile,
});
