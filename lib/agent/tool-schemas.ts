import { z } from 'zod';

/** Tool names and inputs are a public contract (DESIGN.md §2); outputs may carry more fields. */
export const toolInputSchemas = {
  write_file: z.object({
    path: z.string().describe('Project-relative POSIX path, e.g. src/App.tsx'),
    content: z.string().describe('The complete new content of the file'),
  }),
  edit_file: z.object({
    path: z.string(),
    edits: z
      .array(
        z.object({
          old_text: z.string().describe('Text that occurs exactly once in the current file'),
          new_text: z.string(),
        }),
      )
      .min(1),
  }),
  delete_file: z.object({ path: z.string() }),
  read_file: z.object({ path: z.string() }),
  list_files: z.object({ path: z.string().optional() }),
  run_command: z.object({
    command: z.string(),
    background: z.boolean().optional().describe('true for dev servers and other long-running processes'),
    timeout_seconds: z.number().positive().optional(),
  }),
  check_preview: z.object({}),
} as const;

export type ToolName = keyof typeof toolInputSchemas;
export type ToolInput<N extends ToolName> = z.infer<(typeof toolInputSchemas)[N]>;

export const toolNames = Object.keys(toolInputSchemas) as ToolName[];

export const toolDescriptions: Record<ToolName, string> = {
  write_file: 'Create a file or replace its whole content. Use for new files; prefer edit_file for changes to existing files.',
  edit_file:
    'Change an existing file by exact text replacement. Each old_text must occur exactly once in the current file; edits apply in order, all or nothing.',
  delete_file: 'Delete a file.',
  read_file: 'Read a file. Long files are truncated with a note.',
  list_files: 'List project files (node_modules and .git are never listed).',
  run_command:
    'Run a shell command in the project folder. Foreground returns exit code and output; background (dev servers) returns once a port opens or output goes quiet.',
  check_preview:
    'Check the live preview: whether it is running and the errors (uncaught exceptions, unhandled rejections, console errors) seen since the last check.',
};
