import type { z } from 'zod';
import type { ToolContext } from '../tool-context';

/**
 * What a tool does to the project. Discuss mode offers only `looks` tools; `edits` are the file
 * changes that count as fix attempts; `runs` start or stop processes.
 */
export type ToolEffect = 'looks' | 'edits' | 'runs';

/** One agent tool: what the model is told (description, input schema) and what the browser runs. */
export interface AgentTool<Name extends string = string, Schema extends z.ZodObject = z.ZodObject, Output = unknown> {
  readonly name: Name;
  readonly description: string;
  readonly inputSchema: Schema;
  readonly effect: ToolEffect;
  execute(input: z.infer<Schema>, ctx: ToolContext): Promise<Output>;
}

export function defineTool<Name extends string, Schema extends z.ZodObject, Output>(
  tool: AgentTool<Name, Schema, Output>,
): AgentTool<Name, Schema, Output> {
  return tool;
}
