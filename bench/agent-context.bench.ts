// An edit turn on a 40-file project, through /api/chat: what the fake model receives, as a share of the project's characters
// (budget: under 25%). The history is the one the browser would send: the build turn that wrote all 40 files, then the edit turn.
import type { UIMessage } from 'ai';
import { percentile, printRows } from './report';

const appUrl = process.env.BENCH_APP_URL ?? 'http://localhost:3300';
const fakeLlmUrl = process.env.BENCH_FAKE_LLM_URL ?? 'http://127.0.0.1:3399';
const FILES = 40;

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

const files: Record<string, string> = {};
for (let i = 0; i < FILES; i++) files[i === 0 ? 'src/App.tsx' : `src/components/Component${i}.tsx`] = componentSource(i);
const projectChars = Object.values(files).reduce((sum, content) => sum + content.length, 0);

type Part = UIMessage['parts'][number];
const tool = (name: string, id: string, input: unknown, output: unknown): Part =>
  ({ type: `tool-${name}`, toolCallId: id, state: 'output-available', input, output }) as Part;

const installLog = Array.from({ length: 200 }, (_, i) => `npm http fetch GET 200 https://registry.npmjs.org/pkg-${i} 12ms`).join('\n');
const buildTurn: UIMessage[] = [
  { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Build me a shopping list app with 40 sections.' }] },
  {
    id: 'a1',
    role: 'assistant',
    parts: [
      { type: 'step-start' },
      { type: 'text', text: 'I will build the app now.' },
      ...Object.entries(files).map(([path, content], i) =>
        tool('write_file', `w${i}`, { path, content }, { ok: true, bytes: content.length }),
      ),
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
];
const editRequest: UIMessage = { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'Make the title blue.' }] };
const app = files['src/App.tsx'];
/** The edit turn's requests: the question, then after read_file, then after edit_file. */
const editTurnSteps: UIMessage['parts'][] = [
  [],
  [{ type: 'step-start' }, tool('read_file', 'rf', { path: 'src/App.tsx' }, { content: app, total_chars: app.length })],
  [
    { type: 'step-start' },
    tool('read_file', 'rf', { path: 'src/App.tsx' }, { content: app, total_chars: app.length }),
    { type: 'step-start' },
    tool('edit_file', 'e1', { path: 'src/App.tsx', edits: [{ old_text: 'space-y-2', new_text: 'space-y-2 text-blue-600' }] }, { ok: true, applied: 1 }),
  ],
];

interface RecordedRequest {
  messages: unknown[];
  tools?: unknown[];
}

async function sendEditStep(parts: UIMessage['parts']): Promise<RecordedRequest> {
  await fetch(`${fakeLlmUrl}/__requests`, { method: 'DELETE' });
  const messages: UIMessage[] = [...buildTurn, editRequest];
  if (parts.length > 0) messages.push({ id: 'a2', role: 'assistant', parts });
  const response = await fetch(`${appUrl}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ modelId: 'openai-compatible:fake-model', mode: 'build', runtime: 'local', fileList: Object.keys(files).sort(), messages }),
  });
  if (!response.ok) throw new Error(`/api/chat answered ${response.status}: ${await response.text()}`);
  await response.text();
  const recorded = (await (await fetch(`${fakeLlmUrl}/__requests`)).json()) as RecordedRequest[];
  if (recorded.length === 0) throw new Error('The fake model received no request.');
  return recorded[0];
}

const sent: { messages: number; withTools: number }[] = [];
for (const parts of editTurnSteps) {
  const request = await sendEditStep(parts);
  sent.push({ messages: JSON.stringify(request.messages).length, withTools: JSON.stringify(request.messages).length + JSON.stringify(request.tools ?? []).length });
}
const largest = percentile(
  sent.map((s) => s.messages),
  100,
);
const largestWithTools = percentile(
  sent.map((s) => s.withTools),
  100,
);
const share = largest / projectChars;
printRows([
  {
    measure: `Edit turn on a ${FILES}-file project (${(projectChars / 1000).toFixed(0)} K chars): largest of its ${sent.length} model requests, system prompt + messages (${((100 * largestWithTools) / projectChars).toFixed(1)}% with tool definitions)`,
    figure: `${(100 * share).toFixed(1)}% (${(largest / 1000).toFixed(1)} K chars)`,
    budget: '< 25%',
    ok: share < 0.25,
  },
]);
