import type { UIMessage } from 'ai';

/** A source file of about `lines` lines that differs per index. */
function sourceFile(index: number, lines = 80): string {
  return Array.from({ length: lines }, (_, line) => `export const value${index}_${line} = ${index * 1000 + line}; // component ${index}`).join('\n') + '\n';
}

/**
 * One user turn in which the agent took `steps` steps on a `files`-file project: each step reads a
 * file, rewrites it, and runs a command with a screenful of output, as a real model working through
 * a refactor would. The messages are what the browser sends with the last step's request.
 */
export function longTurnOnLargeProject(options: { files: number; steps: number }): { fileList: string[]; messages: UIMessage[] } {
  const fileList = Array.from({ length: options.files }, (_, i) => `src/components/Component${i}.tsx`).sort();
  const parts: UIMessage['parts'] = [];
  for (let step = 0; step < options.steps; step++) {
    const path = fileList[step % fileList.length];
    const content = sourceFile(step);
    parts.push({ type: 'step-start' });
    parts.push({
      type: 'tool-read_file',
      toolCallId: `read-${step}`,
      state: 'output-available',
      input: { path },
      output: { content, total_lines: 80, total_chars: content.length },
    } as UIMessage['parts'][number]);
    parts.push({
      type: 'tool-write_file',
      toolCallId: `write-${step}`,
      state: 'output-available',
      input: { path, content: content.replace('component', 'widget') },
      output: { ok: true, bytes: content.length, created: false, added_lines: 80, removed_lines: 80 },
    } as UIMessage['parts'][number]);
    parts.push({
      type: 'tool-run_command',
      toolCallId: `run-${step}`,
      state: 'output-available',
      input: { command: 'npx tsc --noEmit' },
      output: {
        background: false,
        exit_code: 0,
        output: Array.from({ length: 60 }, (_, i) => `src/components/Component${i}.tsx: checked ${i} declarations in ${step} ms`).join('\n'),
        duration_ms: 1200,
        timed_out: false,
      },
    } as UIMessage['parts'][number]);
  }
  return {
    fileList,
    messages: [
      { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Rename "component" to "widget" in every component.' }] },
      { id: 'a1', role: 'assistant', parts },
    ],
  };
}
