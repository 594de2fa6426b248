import type { ProcessRegistry } from '../process-registry';
import type { ToolContext } from '../tool-context';
import { ToolError } from '../tool-results';

export function registryOf(ctx: ToolContext): ProcessRegistry {
  if (!ctx.processes) {
    throw new ToolError(`No runtime is running, so there are no processes. ${ctx.runtimeMissing ?? 'Tell the user to start the runtime.'}`);
  }
  return ctx.processes;
}

export function unknownProcessError(id: string, registry: ProcessRegistry): ToolError {
  const known = registry.list().map((p) => `${p.id} (${p.command})`);
  return new ToolError(
    `There is no process with id "${id}". ${known.length > 0 ? `Known processes: ${known.join(', ')}.` : 'No processes were started yet.'} Use list_processes to see them.`,
  );
}
