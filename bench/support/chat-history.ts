// A long build conversation as the chat holds it (the browser uploads its older turns shortened): finished turns of
// file writes, installs and checks, with real-sized file contents and command output, then the new question.
import type { UIMessage } from 'ai';
import { viteTailwindFiles } from '../../e2e/fake-llm/scenarios/vite-tailwind';

function toolPart(id: string, name: string, input: Record<string, unknown>, output: unknown): UIMessage['parts'][number] {
  return { type: `tool-${name}`, toolCallId: id, state: 'output-available', input, output } as UIMessage['parts'][number];
}

const installOutput = Array.from({ length: 40 }, (_, i) => `npm http fetch GET 200 https://registry.npmjs.org/pkg-${i} 12ms (cache revalidated)`).join('\n');

/** `turns` user/assistant pairs, each assistant turn writing the flagship's seven files and running two commands. */
export function longHistory(turns: number, lastPrompt: string): UIMessage[] {
  const messages: UIMessage[] = [];
  for (let turn = 0; turn < turns; turn++) {
    messages.push({ id: `u${turn}`, role: 'user', parts: [{ type: 'text', text: `Change number ${turn}: make the cards greener and add a search box.` }] });
    const parts: UIMessage['parts'] = [{ type: 'step-start' }, { type: 'text', text: 'I will update the planner now.', state: 'done' }];
    viteTailwindFiles.forEach((file, i) =>
      parts.push(toolPart(`t${turn}-w${i}`, 'write_file', { path: file.path, content: `${file.content}\n// turn ${turn}\n` }, { ok: true, bytes: file.content.length })),
    );
    parts.push(
      toolPart(`t${turn}-i`, 'run_command', { command: 'npm install' }, { exit_code: 0, output: installOutput, duration_ms: 2400, timed_out: false }),
    );
    parts.push({ type: 'step-start' });
    parts.push(
      toolPart(`t${turn}-c`, 'check_preview', {}, { status: 'ready', url: 'http://127.0.0.1:4173/', errors: [] }),
    );
    parts.push({ type: 'step-start' }, { type: 'text', text: 'Done: the cards are greener and there is a search box.', state: 'done' });
    messages.push({ id: `a${turn}`, role: 'assistant', parts });
  }
  messages.push({ id: 'last', role: 'user', parts: [{ type: 'text', text: lastPrompt }] });
  return messages;
}
