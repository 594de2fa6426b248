import { countChangedLines } from '../../checkpoints/line-diff';
import { resolveToolLimits, type ToolContext } from '../tool-context';
import type { WriteFileOutput } from '../tool-outputs';
import { ToolError } from '../tool-results';
import type { ToolInput } from '../tool-schemas';
import { describeSize, resolveWritablePath } from './agent-path';

const encoder = new TextEncoder();

export async function writeFileTool(input: ToolInput<'write_file'>, ctx: ToolContext): Promise<WriteFileOutput> {
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
