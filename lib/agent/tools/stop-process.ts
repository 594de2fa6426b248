import { z } from 'zod';
import type { ToolContext } from '../tool-context';
import type { StopProcessOutput } from '../tool-outputs';
import { ToolError } from '../tool-results';
import { defineTool } from './agent-tool';
import { registryOf, unknownProcessError } from './process-tools-support';

const inputSchema = z.object({ id: z.string().describe('The process id from run_command or list_processes') });

async function stopProcess(input: z.infer<typeof inputSchema>, ctx: ToolContext): Promise<StopProcessOutput> {
  const registry = registryOf(ctx);
  if (!registry.has(input.id)) throw unknownProcessError(input.id, registry);
  const ended = await registry.stop(input.id);
  if (!ended) {
    throw new ToolError(`Process ${input.id} was told to stop but has not ended yet. Check list_processes in a moment.`);
  }
  return { ok: true, id: input.id };
}

export const stopProcessTool = defineTool({
  name: 'stop_process',
  description:
    'Stop a process (and all its children) by id, e.g. a dev server before starting it with other options. Its ports close.',
  inputSchema,
  effect: 'runs',
  execute: stopProcess,
});
