import type { ToolContext } from '../tool-context';
import type { ListFilesOutput } from '../tool-outputs';
import type { ToolInput } from '../tool-schemas';
import { resolveAgentPath } from './agent-path';

const MAX_LISTED = 1000;

export async function listFilesTool(input: ToolInput<'list_files'>, ctx: ToolContext): Promise<ListFilesOutput> {
  const raw = input.path?.trim() ?? '';
  const folder = raw === '' || raw === '.' || raw === './' ? '' : resolveAgentPath(raw);
  const all = ctx.files.list();
  const files = folder === '' ? all : all.filter((file) => file === folder || file.startsWith(`${folder}/`));
  if (files.length === 0 && folder !== '') return { files, note: `No files under ${folder}.` };
  if (files.length > MAX_LISTED) {
    return {
      files: files.slice(0, MAX_LISTED),
      note: `Showing the first ${MAX_LISTED} of ${files.length} files; pass a folder path to see the rest.`,
    };
  }
  return { files };
}
