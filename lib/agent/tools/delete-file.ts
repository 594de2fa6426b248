import { z } from 'zod';
import type { ToolContext } from '../tool-context';
import type { DeleteFileOutput } from '../tool-outputs';
import { defineTool } from './agent-tool';
import { filesInside, missingFileError, resolveWritablePath } from './agent-path';

const inputSchema = z.object({ path: z.string().describe('A file or a folder; a folder is deleted with everything in it') });

async function deleteFile(input: z.infer<typeof inputSchema>, ctx: ToolContext): Promise<DeleteFileOutput> {
  const path = resolveWritablePath(input.path);
  const isFile = ctx.files.read(path) !== undefined;
  const inside = isFile ? [] : filesInside(path, ctx.files.list());
  if (!isFile && inside.length === 0) throw missingFileError(path, ctx.files.list(), 'Nothing was deleted.');
  await ctx.files.delete(path);
  return { ok: true, path, deleted: isFile ? 1 : inside.length };
}

export const deleteFileTool = defineTool({
  name: 'delete_file',
  description: 'Delete a file, or a folder with everything in it.',
  inputSchema,
  effect: 'edits',
  execute: deleteFile,
});
