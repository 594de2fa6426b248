// The chat history of a 40-file project: the build turn that wrote every file, then an edit turn.
// Shared by the compaction test and the agent-context benchmark so both measure the same conversation.
import type { UIMessage } from 'ai';

type Part = UIMessage['parts'][number];

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

/** `count` React components of about 4 K characters each; the first is src/App.tsx. */
export function projectFiles(count = 40): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[i === 0 ? 'src/App.tsx' : `src/components/Component${i}.tsx`] = componentSource(i);
  return files;
}

export function toolPart(name: string, id: string, input: unknown, output: unknown): Part {
  return { type: `tool-${name}`, toolCallId: id, state: 'output-available', input, output } as Part;
}

/** The first turn: the user asks for the app and the agent writes every file, installs and starts it. */
export function buildTurn(files: Record<string, string>): UIMessage[] {
  const writes = Object.entries(files).map(([path, content], i) =>
    toolPart('write_file', `w${i}`, { path, content }, { ok: true, bytes: content.length, created: true, added_lines: 56, removed_lines: 0 }),
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
        toolPart('run_command', 'r1', { command: 'npm install' }, { exit_code: 0, output: installLog, duration_ms: 12000, timed_out: false }),
        { type: 'step-start' },
        toolPart('run_command', 'r2', { command: 'npm run dev', background: true }, { started: true, output: 'VITE ready', ports: [5173] }),
        { type: 'step-start' },
        toolPart('check_preview', 'c1', {}, { status: 'ready', url: 'http://p5173.localhost:3000/', errors: [] }),
        { type: 'step-start' },
        { type: 'text', text: 'Your shopping list app is running.' },
      ],
    },
  ];
}

/** The second turn: the user's request, and the agent's parts after each of its steps (none, read_file, edit_file). */
export function editTurn(files: Record<string, string>): { request: UIMessage; steps: UIMessage['parts'][] } {
  const app = files['src/App.tsx'];
  const read = toolPart('read_file', 'rf', { path: 'src/App.tsx' }, { content: app, total_chars: app.length });
  const edit = toolPart(
    'edit_file',
    'e1',
    { path: 'src/App.tsx', edits: [{ old_text: 'space-y-2', new_text: 'space-y-2 text-blue-600' }] },
    { ok: true, applied: 1 },
  );
  return {
    request: { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'Make the title blue.' }] },
    steps: [[], [{ type: 'step-start' }, read], [{ type: 'step-start' }, read, { type: 'step-start' }, edit]],
  };
}

/** Both turns, with the edit turn finished. */
export function projectHistory(files: Record<string, string>): UIMessage[] {
  const { request, steps } = editTurn(files);
  return [...buildTurn(files), request, { id: 'a2', role: 'assistant', parts: steps[steps.length - 1] }];
}
