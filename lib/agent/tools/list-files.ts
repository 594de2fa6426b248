import { z } from 'zod';
import type { ToolContext } from '../tool-context';
import type { ListFilesOutput } from '../tool-outputs';
import { defineTool } from './agent-tool';
import { filesInside, resolveAgentPath } from './agent-path';

const MAX_LISTED = 1000;

const inputSchema = z.object({ path: z.string().optional().describe('A folder to list; default the whole project') });

/** The project files under `path` (all of them when it is empty or "."). */
export function filesUnder(path: string | undefined, ctx: ToolContext): { folder: string; files: string[] } {
  const raw = path?.trim() ?? '';
  const folder = raw === '' || raw === '.' || raw === './' ? '' : resolveAgentPath(raw);
  const all = ctx.files.list();
  return { folder, files: folder === '' ? all : filesInside(folder, all) };
}

async function listFiles(input: z.infer<typeof inputSchema>, ctx: ToolContext): Promise<ListFilesOutput> {
  const { folder, files } = filesUnder(input.path, ctx);
  if (files.length === 0 && folder !== '') return { files, note: `No files under ${folder}.` };
  if (files.length > MAX_LISTED) {
    return {
      files: files.slice(0, MAX_LISTED),
      note: `Showing the first ${MAX_LISTED} of ${files.length} files; pass a folder path to see the rest.`,
    };
  }
  return { files };
}

export const listFilesTool = defineTool({
  name: 'list_files',
  description: "List project files (never node_modules, .git, or what the project's .gitignore ignores).",
  inputSchema,
  effect: 'looks',
  execute: listFiles,
});
