import type { ToolContext } from './tool-context';
import { ToolError } from './tool-results';
import { toolInputSchemas, toolNames, type ToolInput, type ToolName } from './tool-schemas';
import { checkPreviewTool } from './tools/check-preview';
import { deleteFileTool } from './tools/delete-file';
import { editFileTool } from './tools/edit-file';
import { listFilesTool } from './tools/list-files';
import { readFileTool } from './tools/read-file';
import { runCommandTool } from './tools/run-command';
import { writeFileTool } from './tools/write-file';

type Executors = { [N in ToolName]: (input: ToolInput<N>, ctx: ToolContext) => Promise<unknown> };

const executors: Executors = {
  write_file: writeFileTool,
  edit_file: editFileTool,
  delete_file: deleteFileTool,
  read_file: readFileTool,
  list_files: listFilesTool,
  run_command: runCommandTool,
  check_preview: checkPreviewTool,
};

export function isToolName(name: string): name is ToolName {
  return Object.prototype.hasOwnProperty.call(toolInputSchemas, name);
}

function describeIssues(name: ToolName, issues: { path: PropertyKey[]; message: string }[]): string {
  const details = issues
    .slice(0, 3)
    .map((issue) => {
      const field = issue.path.map(String).join('.');
      return field ? `"${field}": ${issue.message}` : issue.message;
    })
    .join('; ');
  const fields = Object.keys(toolInputSchemas[name].shape).join(', ');
  return `Invalid input for ${name}: ${details}. Expected an object with ${fields || 'no fields'}.`;
}

function parseInput<N extends ToolName>(name: N, input: unknown): ToolInput<N> {
  const schema = toolInputSchemas[name];
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new ToolError(describeIssues(name, result.error.issues));
  return result.data as ToolInput<N>;
}

/**
 * Runs one tool call from the model. Every failure is a ToolError whose message the model can
 * act on; the chat reports it as the tool's `output-error`.
 */
export async function executeTool(name: string, input: unknown, ctx: ToolContext): Promise<unknown> {
  if (!isToolName(name)) {
    throw new ToolError(`Unknown tool "${name}". Available tools: ${toolNames.join(', ')}.`);
  }
  const parsed = parseInput(name, input);
  const execute = executors[name] as (input: unknown, ctx: ToolContext) => Promise<unknown>;
  try {
    return await execute(parsed, ctx);
  } catch (error) {
    if (error instanceof ToolError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ToolError(`${name} failed: ${message}`);
  }
}
