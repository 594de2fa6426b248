// Time to the first streamed text through /api/chat vs. straight from the fake model, 20 chats at once
// (budget: /api/chat adds under 20 ms at p50).
import { percentile, printRows } from './report';

const appUrl = process.env.BENCH_APP_URL ?? 'http://localhost:3300';
const fakeUrl = process.env.BENCH_FAKE_LLM_URL ?? 'http://127.0.0.1:3399';
const CONCURRENCY = 20;
const ROUNDS = 5;

/** Milliseconds until the response body contains `marker`, then the rest is drained. */
async function timeToMarker(url: string, body: unknown, marker: RegExp): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
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
const direct = () =>
  timeToMarker(
    `${fakeUrl}/v1/chat/completions`,
    { model: 'fake-model', stream: true, messages: [{ role: 'user', content: prompt }] },
    /"content":"[^"]/,
  );
const viaApp = (i: number) =>
  timeToMarker(
    `${appUrl}/api/chat`,
    {
      modelId: 'openai-compatible:fake-model',
      messages: [{ id: `m${i}`, role: 'user', parts: [{ type: 'text', text: prompt }] }],
    },
    /"type":"text-delta"/,
  );

async function round<T>(run: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => run(i)));
}

await round(viaApp); // warm up route compilation and connection pools
await round(direct);

const directTimes: number[] = [];
const appTimes: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  directTimes.push(...(await round(direct)));
  appTimes.push(...(await round(viaApp)));
}
const overhead = percentile(appTimes, 50) - percentile(directTimes, 50);
printRows([
  {
    measure: `/api/chat added time to first streamed text, p50 (${CONCURRENCY} concurrent chats)`,
    figure: `${overhead.toFixed(1)} ms (direct ${percentile(directTimes, 50).toFixed(1)} ms, via app ${percentile(appTimes, 50).toFixed(1)} ms)`,
    budget: '< 20 ms',
    ok: overhead < 20,
  },
]);
