import { tool, type Tool } from 'ai';
import type { ZodType } from 'zod';
import { toolDescriptions, toolInputSchemas, toolNames, type ToolName } from '@/lib/agent/tool-schemas';

export const discussModeTools: readonly ToolName[] = ['read_file', 'list_files', 'check_preview'];

/** Tools declared without `execute`: the browser runs them against the runtime and sends the results back. */
export function buildChatTools(mode: 'build' | 'discuss'): Record<string, Tool> {
  const names = mode === 'discuss' ? discussModeTools : toolNames;
  const tools: Record<string, Tool> = {};
  for (const name of names) {
    // Indexing by a union of names yields a union of schemas, which tool()'s overloads cannot infer from.
    const inputSchema: ZodType<Record<string, unknown>> = toolInputSchemas[name];
    tools[name] = tool({ description: toolDescriptions[name], inputSchema });
  }
  return tools;
}
