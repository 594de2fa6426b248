// Time to the first streamed text through /api/chat vs. the same model request sent straight to the fake model: 20
// chats at once and one at a time, for a new chat and for a long one (20 finished build turns), as the browser uploads
// it and in full. Budgets: added time ≤ 60 ms p50 at 20 concurrent, ≤ 8 ms for a single request.
import type { UIMessage } from 'ai';
import { percentile, printRows, type BenchRow } from './report';
import { chatRequestBody } from '../lib/chat/chat-request-body';
import { longHistory } from './support/chat-history';

const appUrl = process.env.BENCH_APP_URL ?? 'http://localhost:3300';
const fakeUrl = process.env.BENCH_FAKE_LLM_URL ?? 'http://127.0.0.1:3399';
const CONCURRENCY = 20;
const ROUNDS = 5;
const SINGLES = 40;
/**
 * A server that has answered chats for a while is what people talk to; V8 takes a few hundred requests to optimise the
 * AI SDK's stream code (server CPU per request falls from about 9 ms to 5–6 ms over the first 200 here).
 */
const WARM_UP_ROUNDS = 10;
const CONCURRENT_BUDGET_MS = 60;
const SINGLE_BUDGET_MS = 8;

/** Milliseconds until the response body contains `marker`, then the rest is drained. */
async function timeToMarker(url: string, body: string, marker: RegExp): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let seen = '';
  let elapsed: number | null = null;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (elapsed === null) {
      seen += decoder.decode(value, { stream: true });
      if (marker.test(seen)) elapsed = performance.now() - start;
    }
  }
  if (elapsed === null) throw new Error(`${url} never streamed ${marker}`);
  return elapsed;
}

const prompt = 'Say hello (benchmark)';

interface Conversation {
  name: string;
  viaApp: string;
}

const fileList = ['package.json', 'index.html', 'vite.config.js', 'src/main.jsx', 'src/App.jsx', 'src/index.css', 'src/PlantCard.jsx'];

/** `messages` as the browser uploads them, or with `wholeHistory` as a client that sends every turn in full would. */
function conversation(name: string, messages: UIMessage[], wholeHistory = false): Conversation {
  const body = chatRequestBody({ messages, body: undefined, modelId: 'openai-compatible:fake-model', mode: 'build', keys: undefined, fileList, runtime: 'local' });
  return { name, viaApp: JSON.stringify(wholeHistory ? { ...body, messages } : body) };
}

const conversations: Conversation[] = [
  conversation('new chat', [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: prompt }] }]),
  conversation('long chat (20 build turns)', longHistory(20, prompt)),
  conversation('long chat (20 build turns), every turn uploaded in full', longHistory(20, prompt), true),
];

const viaApp = (c: Conversation) => timeToMarker(`${appUrl}/api/chat`, c.viaApp, /"type":"text-delta"/);
const direct = (modelRequest: string) => timeToMarker(`${fakeUrl}/v1/chat/completions`, modelRequest, /"content":"[^"]/);
/** The last prompt alone: against it, the added time also holds the model's reading of the history the app sends. */
const promptOnly = JSON.stringify({ model: 'fake-model', stream: true, messages: [{ role: 'user', content: prompt }] });

/**
 * The model request the app makes for `c`, as the fake model received it. Sent directly, it is the baseline: the
 * model's share of the work (reading a long history) is then the same on both sides, and what is left is the app's.
 * The fake answers by the last user message, so both get the same answer.
 */
async function modelRequestOf(c: Conversation): Promise<string> {
  await forgetRecordedRequests();
  await viaApp(c);
  const recorded = (await (await fetch(`${fakeUrl}/__requests`)).json()) as unknown[];
  if (recorded.length !== 1) throw new Error(`expected the fake model to record one request, it recorded ${recorded.length}`);
  await forgetRecordedRequests();
  return JSON.stringify(recorded[0]);
}

/**
 * The fake keeps every request it was sent for the e2e tests to read; a few hundred long chats would grow its heap,
 * and its garbage collection would then take CPU from the server on the same cores. No real provider runs here.
 */
async function forgetRecordedRequests(): Promise<void> {
  const response = await fetch(`${fakeUrl}/__requests`, { method: 'DELETE' });
  if (!response.ok) throw new Error(`the fake model answered ${response.status} to forgetting its requests`);
}

async function together<T>(run: () => Promise<T>): Promise<T[]> {
  const results = await Promise.all(Array.from({ length: CONCURRENCY }, run));
  await forgetRecordedRequests();
  return results;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

const modelRequests = new Map<Conversation, string>();
for (const c of conversations) modelRequests.set(c, await modelRequestOf(c));
// The baseline comes from the app itself, so a change that made its model request bigger would slow both sides alike;
// the two uploads of the long chat must at least reach the model as one and the same request.
if (modelRequests.get(conversations[1]) !== modelRequests.get(conversations[2])) {
  throw new Error('the long chat reached the model differently when uploaded shortened and in full');
}

const rows: BenchRow[] = [];
for (const c of conversations) {
  const modelRequest = modelRequests.get(c)!;
  // Warm up route compilation, schema caches, connection pools and the JIT.
  for (let r = 0; r < WARM_UP_ROUNDS; r++) await together(() => viaApp(c));
  await together(() => direct(modelRequest));

  const directTimes: number[] = [];
  const promptOnlyTimes: number[] = [];
  const appTimes: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    directTimes.push(...(await together(() => direct(modelRequest))));
    promptOnlyTimes.push(...(await together(() => direct(promptOnly))));
    appTimes.push(...(await together(() => viaApp(c))));
  }
  const app = percentile(appTimes, 50);
  const overhead = app - percentile(directTimes, 50);
  rows.push({
    measure: `/api/chat added time to first text, p50, ${CONCURRENCY} concurrent, ${c.name} (${(c.viaApp.length / 1000).toFixed(0)} KB request, ${(modelRequest.length / 1000).toFixed(0)} KB to the model)`,
    figure: `${ms(overhead)} (via app ${ms(app)}, the same model request direct ${ms(percentile(directTimes, 50))}; against the last prompt alone ${ms(app - percentile(promptOnlyTimes, 50))})`,
    budget: `≤ ${CONCURRENT_BUDGET_MS} ms`,
    ok: overhead <= CONCURRENT_BUDGET_MS,
  });

  const singleDirect: number[] = [];
  const singleApp: number[] = [];
  for (let i = 0; i < SINGLES; i++) {
    singleDirect.push(await direct(modelRequest));
    singleApp.push(await viaApp(c));
  }
  await forgetRecordedRequests();
  const single = percentile(singleApp, 50) - percentile(singleDirect, 50);
  rows.push({
    measure: `/api/chat added time to first text, p50 of ${SINGLES} single requests, ${c.name}`,
    figure: `${ms(single)} (via app ${ms(percentile(singleApp, 50))}, the same model request direct ${ms(percentile(singleDirect, 50))})`,
    budget: `≤ ${SINGLE_BUDGET_MS} ms`,
    ok: single <= SINGLE_BUDGET_MS,
  });
}
printRows(rows);
