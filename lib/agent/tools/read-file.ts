import { z } from 'zod';
import { splitLines } from '../../checkpoints/line-diff';
import { decodeFileContent } from '../../project/paths';
import { resolveToolLimits, type ToolContext } from '../tool-context';
import type { ReadFileOutput } from '../tool-outputs';
import { ToolError } from '../tool-results';
import { defineTool } from './agent-tool';
import { describeSize, missingFileError, resolveAgentPath } from './agent-path';

const inputSchema = z.object({
  path: z.string(),
  offset: z.number().int().positive().optional().describe('First line to read, 1-based; default 1'),
  limit: z.number().int().positive().optional().describe('How many lines to read; default the whole file up to a cap'),
});

/** node_modules is not part of the project store, but reading a package's files helps when debugging it. */
async function readFromRuntime(path: string, ctx: ToolContext): Promise<string | Uint8Array | undefined> {
  if (!ctx.runtime || !path.startsWith('node_modules/')) return undefined;
  try {
    return decodeFileContent(await ctx.runtime.readFile(path));
  } catch {
    return undefined;
  }
}

async function readFile(input: z.infer<typeof inputSchema>, ctx: ToolContext): Promise<ReadFileOutput> {
  const path = resolveAgentPath(input.path);
  const content = ctx.files.read(path) ?? (await readFromRuntime(path, ctx));
  if (content === undefined) throw missingFileError(path, ctx.files.list(), 'Use list_files or search_files to find it.');
  if (typeof content !== 'string') {
    throw new ToolError(`${path} is a binary file (${describeSize(content.length)}); it cannot be shown as text.`);
  }
  const { readMaxChars, readMaxLines } = resolveToolLimits(ctx.limits);
  const totalLines = splitLines(content).length;
  const ranged = input.offset !== undefined || input.limit !== undefined;
  if (!ranged && content.length <= readMaxChars && totalLines <= readMaxLines) {
    return { content, total_lines: totalLines, total_chars: content.length };
  }

  const from = input.offset ?? 1;
  if (from > Math.max(totalLines, 1)) {
    throw new ToolError(`${path} has ${totalLines} lines; offset ${from} is past the end. Use an offset from 1 to ${totalLines}.`);
  }
  // Lines keep their own endings so that text copied from here matches the file exactly in edit_file.
  const lines = content.split(/(?<=\n)/);
  const wanted = Math.min(input.limit ?? readMaxLines, readMaxLines);
  let shown = '';
  let to = from - 1;
  while (to < from - 1 + wanted && to < lines.length && shown.length + lines[to].length <= readMaxChars) {
    shown += lines[to];
    to++;
  }
  // A single line longer than the whole budget (minified code) is shown cut rather than not at all.
  const cutLine = to === from - 1;
  if (cutLine) {
    shown = lines[from - 1].slice(0, readMaxChars);
    to = from;
  }
  const result: ReadFileOutput = {
    content: shown,
    total_lines: totalLines,
    total_chars: content.length,
    lines: { from, to },
  };
  if (cutLine) {
    result.truncated = true;
    result.note = `Line ${from} is longer than ${readMaxChars} characters; only its start is shown. search_files shows the part around a match.`;
  } else if (to < totalLines) {
    result.truncated = true;
    result.note = `Showing lines ${from}-${to} of ${totalLines}. To read on, call read_file with offset ${to + 1}; search_files finds the lines you need.`;
  }
  return result;
}

export const readFileTool = defineTool({
  name: 'read_file',
  description:
    'Read a file, or part of it: offset is the first line (1-based), limit the number of lines. Long files come back in parts with a note saying how to read on; for a large file, search_files first and read only the lines you need.',
  inputSchema,
  effect: 'looks',
  execute: readFile,
});
