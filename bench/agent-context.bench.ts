// An edit turn on a 40-file project, through /api/chat: what the fake model receives, as a share of the project's characters
// (budget: under 25%). The history is the one the browser would send: the build turn that wrote all 40 files, then the edit turn.
import type { UIMessage } from 'ai';
import { buildTurn, editTurn, projectFiles } from '../lib/agent/test-support/project-history';
import { percentile, printRows } from './report';

const appUrl = process.env.BENCH_APP_URL ?? 'http://localhost:3300';
const fakeLlmUrl = process.env.BENCH_FAKE_LLM_URL ?? 'http://127.0.0.1:3399';
const FILES = 40;

const files = projectFiles(FILES);
const projectChars = Object.values(files).reduce((sum, content) => sum + content.length, 0);
const buildTurnMessages = buildTurn(files);
/** The edit turn's requests: the question, then after read_file, then after edit_file. */
const { request: editRequest, steps: editTurnSteps } = editTurn(files);

interface RecordedRequest {
  messages: unknown[];
  tools?: unknown[];
}

async function sendEditStep(parts: UIMessage['parts']): Promise<RecordedRequest> {
  await fetch(`${fakeLlmUrl}/__requests`, { method: 'DELETE' });
  const messages: UIMessage[] = [...buildTurnMessages, editRequest];
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
