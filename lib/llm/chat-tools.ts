import { tool, zodSchema, type Tool } from 'ai';
import type { ZodType } from 'zod';
import { toolDescriptions, toolInputSchemas, toolNames, type ToolName } from '@/lib/agent/tool-schemas';

export const discussModeTools: readonly ToolName[] = ['read_file', 'list_files', 'check_preview'];

function declareTools(names: readonly ToolName[]): Record<string, Tool> {
  const tools: Record<string, Tool> = {};
  for (const name of names) {
    // Indexing by a union of names yields a union of schemas, which tool()'s overloads cannot infer from.
    const schema: ZodType<Record<string, unknown>> = toolInputSchemas[name];
    // zodSchema() memoises the JSON Schema; a bare zod schema would be converted again on every request.
    tools[name] = tool({ description: toolDescriptions[name], inputSchema: zodSchema(schema) });
  }
  return tools;
}

const toolsByMode = {
  build: declareTools(toolNames),
  discuss: declareTools(discussModeTools),
};

/** Tools declared without `execute`: the browser runs them against the runtime and sends the results back. */
export function buildChatTools(mode: 'build' | 'discuss'): Record<string, Tool> {
  return toolsByMode[mode];
}
