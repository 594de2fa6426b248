import { z } from 'zod';
import type { ToolContext } from '../tool-context';
import type { ListProcessesOutput } from '../tool-outputs';
import { defineTool } from './agent-tool';

const inputSchema = z.object({});

async function listProcesses(_input: z.infer<typeof inputSchema>, ctx: ToolContext): Promise<ListProcessesOutput> {
  const processes = (ctx.processes?.list() ?? []).map(({ id, command, running, ports, exit_code }) => ({
    id,
    command,
    running,
    ports,
    ...(exit_code === undefined ? {} : { exit_code }),
  }));
  return { processes };
}

export const listProcessesTool = defineTool({
  name: 'list_processes',
  description:
    'List the processes you and the Run button started in this session: id, command, whether it still runs, the ports it serves, and the exit code once it ended.',
  inputSchema,
  effect: 'looks',
  execute: listProcesses,
});
