import { z } from 'zod';
import { omissionNote, tailText } from '../../runtime/output';
import { resolveToolLimits, type ToolContext } from '../tool-context';
import type { ProcessOutputOutput } from '../tool-outputs';
import { defineTool } from './agent-tool';
import { registryOf, unknownProcessError } from './process-tools-support';

const DEFAULT_TAIL_LINES = 80;

const inputSchema = z.object({
  id: z.string().describe('The process id from run_command or list_processes'),
  tail_lines: z.number().int().positive().optional().describe(`How many of the last lines to return; default ${DEFAULT_TAIL_LINES}`),
});

async function processOutput(input: z.infer<typeof inputSchema>, ctx: ToolContext): Promise<ProcessOutputOutput> {
  const registry = registryOf(ctx);
  const info = registry.get(input.id);
  const text = registry.output(input.id);
  if (!info || text === undefined) throw unknownProcessError(input.id, registry);
  const wanted = input.tail_lines ?? DEFAULT_TAIL_LINES;
  const lines = text.split('\n');
  const endsWithNewline = lines.at(-1) === '';
  const body = endsWithNewline ? lines.slice(0, -1) : lines;
  const kept = body.slice(-wanted).join('\n') + (endsWithNewline ? '\n' : '');
  const tail = tailText(kept, resolveToolLimits(ctx.limits).outputMaxChars);
  const omittedLines = Math.max(0, body.length - wanted) + tail.omittedLines;
  const note = omissionNote(omittedLines, tail.omittedChars);
  return {
    id: info.id,
    command: info.command,
    output: note ? `${note}\n${tail.text}` : tail.text,
    running: info.running,
    ...(info.exit_code === undefined ? {} : { exit_code: info.exit_code }),
  };
}

export const processOutputTool = defineTool({
  name: 'process_output',
  description:
    "Read what a process printed, also long after run_command returned: a dev server's compile errors after your edits show up here. Returns the last tail_lines lines, whether it still runs and its exit code.",
  inputSchema,
  effect: 'looks',
  execute: processOutput,
});
