import { tool, zodSchema, type Tool } from 'ai';
import type { ZodType } from 'zod';
import { agentTools, toolsForMode, type AgentMode } from '@/lib/agent/tools';

function declareTools(mode: AgentMode): Record<string, Tool> {
  const tools: Record<string, Tool> = {};
  for (const name of toolsForMode(mode)) {
    const { description, inputSchema } = agentTools[name];
    // Indexing by a union of names yields a union of schemas, which tool()'s overloads cannot infer from.
    const schema: ZodType<Record<string, unknown>> = inputSchema;
    // zodSchema() memoises the JSON Schema; a bare zod schema would be converted again on every request.
    tools[name] = tool({ description, inputSchema: zodSchema(schema) });
  }
  return tools;
}

const toolsByMode = {
  build: declareTools('build'),
  discuss: declareTools('discuss'),
};

/** Tools declared without `execute`: the browser runs them against the runtime and sends the results back. */
export function buildChatTools(mode: AgentMode): Record<string, Tool> {
  return toolsByMode[mode];
}
