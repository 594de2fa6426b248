import { z } from 'zod';
import { countChangedLines } from '../../checkpoints/line-diff';
import { resolveToolLimits, type ToolContext } from '../tool-context';
import type { WriteFileOutput } from '../tool-outputs';
import { ToolError } from '../tool-results';
import { defineTool } from './agent-tool';
import { describeSize, resolveWritablePath } from './agent-path';

const encoder = new TextEncoder();

const inputSchema = z.object({
  path: z.string().describe('Project-relative POSIX path, e.g. src/App.tsx'),
  content: z.string().describe('The complete new content of the file'),
});

async function writeFile(input: z.infer<typeof inputSchema>, ctx: ToolContext): Promise<WriteFileOutput> {
  const path = resolveWritablePath(input.path);
  const { maxFileBytes } = resolveToolLimits(ctx.limits);
  const bytes = encoder.encode(input.content).length;
  if (bytes > maxFileBytes) {
    throw new ToolError(
      `Refused: the content for ${path} is ${describeSize(bytes)}; files over ${describeSize(maxFileBytes)} cannot be written. Split it into smaller files.`,
    );
  }
  const previous = ctx.files.read(path);
  const before = typeof previous === 'string' ? previous : '';
  const changes = countChangedLines(before, input.content);
  await ctx.files.write(path, input.content);
  return {
    ok: true,
    bytes,
    created: previous === undefined,
    added_lines: changes.added,
    removed_lines: changes.removed,
  };
}

export const writeFileTool = defineTool({
  name: 'write_file',
  description:
    'Create a file or replace its whole content. Use for new files; prefer edit_file for changes to existing files. Fails when the running app did not get the file.',
  inputSchema,
  effect: 'edits',
  execute: writeFile,
});
