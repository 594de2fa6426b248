import type { z } from 'zod';
import type { AgentTool, ToolEffect } from './agent-tool';
import { checkPreviewTool } from './check-preview';
import { deleteFileTool } from './delete-file';
import { editFileTool } from './edit-file';
import { listFilesTool } from './list-files';
import { listProcessesTool } from './list-processes';
import { moveFileTool } from './move-file';
import { processOutputTool } from './process-output';
import { readFileTool } from './read-file';
import { runCommandTool } from './run-command';
import { searchFilesTool } from './search-files';
import { stopProcessTool } from './stop-process';
import { testPreviewTool } from './test-preview';
import { writeFileTool } from './write-file';

/**
 * Every tool the agent has, in the order the model is told about them. Names and inputs are a
 * public contract (DESIGN.md §2). A new tool is one file in this folder plus one line here.
 */
export const agentTools = {
  write_file: writeFileTool,
  edit_file: editFileTool,
  delete_file: deleteFileTool,
  move_file: moveFileTool,
  read_file: readFileTool,
  list_files: listFilesTool,
  search_files: searchFilesTool,
  run_command: runCommandTool,
  list_processes: listProcessesTool,
  process_output: processOutputTool,
  stop_process: stopProcessTool,
  check_preview: checkPreviewTool,
  test_preview: testPreviewTool,
} as const satisfies Record<string, AgentTool>;

export type ToolName = keyof typeof agentTools;
export type ToolInput<N extends ToolName> = z.infer<(typeof agentTools)[N]['inputSchema']>;

export const toolNames = Object.keys(agentTools) as ToolName[];

export function isToolName(name: string): name is ToolName {
  return Object.prototype.hasOwnProperty.call(agentTools, name);
}

export function effectOf(name: string): ToolEffect | undefined {
  return isToolName(name) ? agentTools[name].effect : undefined;
}

/** Tools that change the project (files or processes): refused in discuss mode. */
export function changesProject(name: string): boolean {
  const effect = effectOf(name);
  return effect === 'edits' || effect === 'runs';
}

/** File changes: what a fix attempt is made of. */
export function editsFiles(name: string): boolean {
  return effectOf(name) === 'edits';
}

export type AgentMode = 'build' | 'discuss';

/** Tools the model may call in each mode; discuss mode only looks. */
export function toolsForMode(mode: AgentMode): ToolName[] {
  return mode === 'build' ? [...toolNames] : toolNames.filter((name) => !changesProject(name));
}
