import { decodeFileContent } from '../../project/paths';
import { resolveToolLimits, type ToolContext } from '../tool-context';
import type { ReadFileOutput } from '../tool-outputs';
import { ToolError } from '../tool-results';
import type { ToolInput } from '../tool-schemas';
import { describeSize, missingFileError, resolveAgentPath } from './agent-path';

/** node_modules is not part of the project store, but reading a package's files helps when debugging it. */
async function readFromRuntime(path: string, ctx: ToolContext): Promise<string | Uint8Array | undefined> {
  if (!ctx.runtime || !path.startsWith('node_modules/')) return undefined;
  try {
    return decodeFileContent(await ctx.runtime.readFile(path));
  } catch {
    return undefined;
  }
}

export async function readFileTool(input: ToolInput<'read_file'>, ctx: ToolContext): Promise<ReadFileOutput> {
  const path = resolveAgentPath(input.path);
  const content = ctx.files.read(path) ?? (await readFromRuntime(path, ctx));
  if (content === undefined) throw missingFileError(path, ctx.files.list(), 'Use list_files to see the project files.');
  if (typeof content !== 'string') {
    throw new ToolError(`${path} is a binary file (${describeSize(content.length)}); it cannot be shown as text.`);
  }
  const { readMaxChars } = resolveToolLimits(ctx.limits);
  if (content.length <= readMaxChars) return { content, total_chars: content.length };
  return {
    content: `${content.slice(0, readMaxChars)}\n…[truncated: showing the first ${readMaxChars} of ${content.length} characters; use edit_file with exact text]`,
    truncated: true,
    total_chars: content.length,
  };
}
