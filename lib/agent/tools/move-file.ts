import { z } from 'zod';
import type { ToolContext } from '../tool-context';
import type { MoveFileOutput } from '../tool-outputs';
import { ToolError } from '../tool-results';
import { defineTool } from './agent-tool';
import { filesInside, missingFileError, resolveWritablePath } from './agent-path';

const inputSchema = z.object({
  from: z.string().describe('The file or folder to move'),
  to: z.string().describe('Its new path; must not exist yet'),
});

async function moveFile(input: z.infer<typeof inputSchema>, ctx: ToolContext): Promise<MoveFileOutput> {
  const from = resolveWritablePath(input.from);
  const to = resolveWritablePath(input.to);
  if (from === to) throw new ToolError(`from and to are both ${from}; nothing to move.`);
  const files = ctx.files.list();
  const isFile = ctx.files.read(from) !== undefined;
  const moving = isFile ? [from] : filesInside(from, files);
  if (moving.length === 0) throw missingFileError(from, files, 'Nothing was moved.');
  if (!isFile && to.startsWith(`${from}/`)) throw new ToolError(`The folder ${from} cannot be moved inside itself.`);
  if (ctx.files.read(to) !== undefined || filesInside(to, files).length > 0) {
    throw new ToolError(`${to} already exists. Delete it first or choose another path.`);
  }
  await ctx.files.move(from, to);
  return { ok: true, moved: moving.length };
}

export const moveFileTool = defineTool({
  name: 'move_file',
  description:
    'Move or rename a file or a folder (with everything in it). Imports that point at the old path are not updated; fix them with edit_file (search_files finds them).',
  inputSchema,
  effect: 'edits',
  execute: moveFile,
});
