import type { ToolContext } from './tool-context';
import { ToolError } from './tool-results';
import type { AgentTool } from './tools/agent-tool';
import { agentTools, isToolName, toolNames, type ToolName } from './tools';

export { isToolName } from './tools';

function describeIssues(name: ToolName, issues: { path: PropertyKey[]; message: string }[]): string {
  const details = issues
    .slice(0, 3)
    .map((issue) => {
      const field = issue.path.map(String).join('.');
      return field ? `"${field}": ${issue.message}` : issue.message;
    })
    .join('; ');
  const fields = Object.keys(agentTools[name].inputSchema.shape).join(', ');
  return `Invalid input for ${name}: ${details}. Expected an object with ${fields || 'no fields'}.`;
}

/**
 * Runs one tool call from the model. Every failure is a ToolError whose message the model can
 * act on; the chat reports it as the tool's `output-error`.
 */
export async function executeTool(name: string, input: unknown, ctx: ToolContext): Promise<unknown> {
  if (!isToolName(name)) {
    throw new ToolError(`Unknown tool "${name}". Available tools: ${toolNames.join(', ')}.`);
  }
  // Indexing by a union of names yields a union of tools, whose execute parameters intersect.
  const tool: AgentTool = agentTools[name] as unknown as AgentTool;
  const parsed = tool.inputSchema.safeParse(input ?? {});
  if (!parsed.success) throw new ToolError(describeIssues(name, parsed.error.issues));
  try {
    return await tool.execute(parsed.data, ctx);
  } catch (error) {
    if (error instanceof ToolError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ToolError(`${name} failed: ${message}`);
  }
}
