import { convertToModelMessages, type UIMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { compactMessagesForModel } from './compact-messages';
import { buildSystemPrompt } from './system-prompt';

function componentSource(index: number): string {
  const rows = Array.from(
    { length: 45 },
    (_, row) =>
      `      <li key="${row}" className="flex items-center justify-between rounded-lg bg-white px-4 py-2 shadow-sm">Item ${index}.${row}</li>`,
  );
  return [
    `import { useState } from 'react';`,
    ``,
    `export function Component${index}() {`,
    `  const [open, setOpen] = useState(false);`,
    `  return (`,
    `    <ul className="space-y-2" onClick={() => setOpen(!open)}>`,
    ...rows,
    `    </ul>`,
    `  );`,
    `}`,
    ``,
  ].join('\n');
}

function projectFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) files[i === 0 ? 'src/App.tsx' : `src/components/Component${i}.tsx`] = componentSource(i);
  return files;
}

function tool(name: string, id: string, input: unknown, output: unknown): UIMessage['parts'][number] {
  return { type: `tool-${name}`, toolCallId: id, state: 'output-available', input, output } as UIMessage['parts'][number];
}

function buildHistory(files: Record<string, string>): UIMessage[] {
  const writes = Object.entries(files).map(([path, content], i) =>
    tool('write_file', `w${i}`, { path, content }, { ok: true, bytes: content.length, created: true, added_lines: 56, removed_lines: 0 }),
  );
  const installLog = Array.from({ length: 200 }, (_, i) => `npm http fetch GET 200 https://registry.npmjs.org/pkg-${i} 12ms`).join('\n');
  return [
    { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Build me a shopping list app with 40 sections.' }] },
    {
      id: 'a1',
      role: 'assistant',
      parts: [
        { type: 'step-start' },
        { type: 'text', text: 'I will build the app now.' },
        ...writes,
        { type: 'step-start' },
        tool('run_command', 'r1', { command: 'npm install' }, { exit_code: 0, output: installLog, duration_ms: 12000, timed_out: false }),
        { type: 'step-start' },
        tool('run_command', 'r2', { command: 'npm run dev', background: true }, { started: true, output: 'VITE ready', ports: [5173] }),
        { type: 'step-start' },
        tool('check_preview', 'c1', {}, { status: 'ready', url: 'http://p5173.localhost:3000/', errors: [] }),
        { type: 'step-start' },
        { type: 'text', text: 'Your shopping list app is running.' },
      ],
    },
    { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'Make the title blue.' }] },
    {
      id: 'a2',
      role: 'assistant',
      parts: [
        { type: 'step-start' },
        tool('read_file', 'rf', { path: 'src/App.tsx' }, { content: files['src/App.tsx'], total_chars: files['src/App.tsx'].length }),
        { type: 'step-start' },
        tool('edit_file', 'e1', { path: 'src/App.tsx', edits: [{ old_text: 'space-y-2', new_text: 'space-y-2 text-blue-600' }] }, { ok: true, applied: 1 }),
      ],
    },
  ];
}

describe('compactMessagesForModel', () => {
  it('sends an edit turn on a 40-file project under 25% of the project characters', async () => {
    const files = projectFiles();
    const projectChars = Object.values(files).reduce((sum, content) => sum + content.length, 0);
    const history = buildHistory(files);

    const system = buildSystemPrompt({ mode: 'build', fileList: Object.keys(files).sort(), runtime: 'local' });
    const compacted = await convertToModelMessages(compactMessagesForModel(history));
    const sentChars = system.length + JSON.stringify(compacted).length;
    expect(sentChars / projectChars).toBeLessThan(0.25);
    console.info(`edit turn sends ${sentChars} of ${projectChars} project characters (${((100 * sentChars) / projectChars).toFixed(1)}%)`);

    // Without compaction the same request carries the whole project, so the measure can fail.
    const uncompacted = system.length + JSON.stringify(await convertToModelMessages(history)).length;
    expect(uncompacted).toBeGreaterThan(projectChars);
  });

  it('keeps the last user turn intact and leaves the input array alone', () => {
    const files = projectFiles();
    const history = buildHistory(files);
    const before = JSON.stringify(history);
    const compacted = compactMessagesForModel(history);
    expect(JSON.stringify(history)).toBe(before);
    expect(compacted.slice(2)).toEqual(history.slice(2));
    expect(compacted[0]).toBe(history[0]);
  });

  it('replaces older write_file bodies with a placeholder and shortens long outputs', () => {
    const history = buildHistory(projectFiles());
    const [, oldAssistant] = compactMessagesForModel(history);
    const write = oldAssistant.parts.find((part) => part.type === 'tool-write_file') as { input: { path: string; content: string } };
    expect(write.input).toEqual({ path: 'src/App.tsx', content: '[content omitted: 54 lines written]' });
    const install = oldAssistant.parts.find(
      (part) => part.type === 'tool-run_command' && (part as { toolCallId: string }).toolCallId === 'r1',
    ) as { output: { output: string; exit_code: number } };
    expect(install.output.exit_code).toBe(0);
    expect(install.output.output.length).toBeLessThan(700);
    expect(install.output.output).toMatch(/…\[\d+ characters omitted from an earlier turn\]/);
    expect(install.output.output.endsWith('pkg-199 12ms')).toBe(true);
  });

  it('shortens old errors and turns never-run calls into errors so every call has a result', async () => {
    const history: UIMessage[] = [
      { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'go' }] },
      {
        id: 'a1',
        role: 'assistant',
        parts: [
          { type: 'step-start' },
          { type: 'tool-run_command', toolCallId: 'x1', state: 'output-error', input: { command: 'npm run build' }, errorText: 'e'.repeat(5000) },
          { type: 'tool-write_file', toolCallId: 'x2', state: 'input-available', input: { path: 'a.ts', content: 'a\nb' } },
          { type: 'dynamic-tool', toolName: 'write_file', toolCallId: 'x3', state: 'input-streaming', input: { path: 'b.ts', content: 'half' } },
        ],
      },
      { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'again' }] },
    ];
    const compacted = compactMessagesForModel(history);
    const parts = compacted[1].parts as { state?: string; errorText?: string; input?: unknown }[];
    expect(parts[1].errorText?.length).toBeLessThan(700);
    expect(parts[2]).toMatchObject({ state: 'output-error', errorText: expect.stringContaining('stopped') });
    expect(parts[2].input).toEqual({ path: 'a.ts', content: '[content omitted: 2 lines written]' });

    const model = await convertToModelMessages(compacted);
    const contents = model.flatMap((m) => (Array.isArray(m.content) ? (m.content as { type: string; toolCallId?: string }[]) : []));
    const ids = (type: string) => contents.filter((c) => c.type === type).map((c) => c.toolCallId).sort();
    expect(ids('tool-call')).toEqual(['x1', 'x2']);
    expect(ids('tool-result')).toEqual(ids('tool-call'));
  });

  it('returns a copy when there is no earlier turn', () => {
    const history: UIMessage[] = [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'hi' }] }];
    const result = compactMessagesForModel(history);
    expect(result).toEqual(history);
    expect(result).not.toBe(history);
  });
});
