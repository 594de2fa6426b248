import type { ToolContext } from '../tool-context';
import type { DeleteFileOutput } from '../tool-outputs';
import { ToolError } from '../tool-results';
import type { ToolInput } from '../tool-schemas';
import { missingFileError, resolveWritablePath } from './agent-path';

export async function deleteFileTool(input: ToolInput<'delete_file'>, ctx: ToolContext): Promise<DeleteFileOutput> {
  const path = resolveWritablePath(input.path);
  if (ctx.files.read(path) === undefined) {
    const files = ctx.files.list();
    const inside = files.filter((file) => file.startsWith(`${path}/`)).length;
    if (inside > 0) {
      throw new ToolError(`${path} is a folder with ${inside} file${inside === 1 ? '' : 's'}; delete its files one by one.`);
    }
    throw missingFileError(path, files, 'Nothing was deleted.');
  }
  await ctx.files.delete(path);
  return { ok: true, path };
}
