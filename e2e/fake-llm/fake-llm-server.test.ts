import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APICallError, jsonSchema, RetryError, streamText, tool, type ModelMessage, type ToolSet } from 'ai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { startFakeLlmServer, stepAsPaced, type FakeLlmServer } from './fake-llm-server';
import type { Scenario } from './scenario';

const testScenarios: Scenario[] = [
  {
    name: 'two-steps',
    keywords: ['widget'],
    steps: [
      {
        text: 'Writing it now.',
        chunk_size: 5,
        tool_calls: [{ name: 'write_file', arguments: { path: 'a.txt', content: 'hello world, in pieces' } }],
      },
      { text: 'Done.' },
    ],
  },
  { name: 'unauthorized', steps: [{ fail: { status: 401 }, fail_times: 1, text: 'Recovered.' }] },
  { name: 'limited', steps: [{ fail: { status: 429, retry_after: 7 } }] },
  { name: 'broken', steps: [{ fail: { status: 500 } }] },
  { name: 'cut', steps: [{ text: 'a fairly long answer that will be cut', chunk_size: 4, fail: { cut_after_chunks: 3 } }] },
  { name: 'bad-json', steps: [{ tool_calls: [{ name: 'write_file', raw_arguments: '{"path": "x' }] }] },
  { name: 'unknown', steps: [{ tool_calls: [{ name: 'launch_rockets', arguments: {} }] }] },
  {
    name: 'process-id',
    steps: [
      { text: 'Step 1.' },
      { text: 'Step 2.' },
      // Two run_command results came before this step.
      { tool_calls: [{ name: 'stop_process', id_of_command: 'npm run dev' }] },
    ],
  },
  // 1,600 characters at 1,000 tokens/s (4,000 characters/s) take at least 400 ms, whatever the piece size.
  { name: 'paced', steps: [{ text: 'x'.repeat(1600), chunk_size: 400, chunk_delay_ms: 0, tokens_per_second: 1000 }] },
];

const anyInput = jsonSchema<Record<string, unknown>>({ type: 'object', additionalProperties: true });
const tools = { write_file: tool({ inputSchema: anyInput }) };

let server: FakeLlmServer;

beforeAll(async () => {
  server = await startFakeLlmServer({ scenarios: testScenarios });
});
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`${server.url}/__reset`, { method: 'POST' });
});

function model() {
  return createOpenAICompatible({ name: 'fake', baseURL: `${server.url}/v1`, apiKey: 'k', includeUsage: true }).chatModel(
    'fake-model',
  );
}

async function run(messages: ModelMessage[], toolSet: ToolSet = tools) {
  const errors: unknown[] = [];
  const result = streamText({ model: model(), messages, tools: toolSet, maxRetries: 0, onError: ({ error }) => void errors.push(error) });
  const parts = [];
  for await (const part of result.fullStream) parts.push(part);
  return { parts, errors };
}

describe('fake LLM server', () => {
  it('streams text and a tool call that the AI SDK openai-compatible provider parses', async () => {
    const { parts, errors } = await run([{ role: 'user', content: 'Make a widget' }]);
    expect(errors).toEqual([]);
    const text = parts.filter((p) => p.type === 'text-delta').map((p) => p.text);
    expect(text.length).toBeGreaterThan(1);
    expect(text.join('')).toBe('Writing it now.');
    expect(parts.filter((p) => p.type === 'tool-input-delta').length).toBeGreaterThan(2);
    const call = parts.find((p) => p.type === 'tool-call');
    expect(call).toMatchObject({ toolName: 'write_file', input: { path: 'a.txt', content: 'hello world, in pieces' } });
    const finish = parts.find((p) => p.type === 'finish');
    expect(finish).toMatchObject({ finishReason: 'tool-calls' });
    expect(finish?.type === 'finish' && finish.totalUsage.inputTokens).toBeGreaterThan(0);
  });

  it('replays the step after the assistant turns that follow the last user message', async () => {
    const { parts } = await run([
      { role: 'user', content: 'Make a widget' },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'write_file', input: { path: 'a.txt' } }] },
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'write_file', output: { type: 'json', value: { ok: true } } }],
      },
    ]);
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => p.text).join('')).toBe('Done.');
  });

  it('picks a scenario by tag in the last user message, and answers a default text otherwise', async () => {
    const tagged = await run([{ role: 'user', content: 'Make a widget [scenario:unknown]' }]);
    expect(tagged.parts.find((p) => p.type === 'tool-call')).toMatchObject({ toolName: 'launch_rockets' });
    const plain = await run([{ role: 'user', content: 'hello there' }]);
    expect(plain.parts.filter((p) => p.type === 'text-delta').map((p) => p.text).join('')).toMatch(/No scenario matched/);
  });

  it('serves non-streaming completions and the model list', async () => {
    const res = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'fake-model', messages: [{ role: 'user', content: 'a widget please' }] }),
    });
    const body = await res.json();
    expect(body.choices[0].message.tool_calls[0].function).toEqual({
      name: 'write_file',
      arguments: JSON.stringify({ path: 'a.txt', content: 'hello world, in pieces' }),
    });
    const models = await (await fetch(`${server.url}/v1/models`)).json();
    expect(models.data.map((m: { id: string }) => m.id)).toEqual(['fake-model']);
  });

  it('records requests and clears them', async () => {
    await run([{ role: 'user', content: 'Make a widget' }]);
    const recorded = await (await fetch(`${server.url}/__requests`)).json();
    expect(recorded).toHaveLength(1);
    expect(recorded[0].messages[0]).toMatchObject({ role: 'user', content: 'Make a widget' });
    expect(recorded[0].tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(['write_file']);
    await fetch(`${server.url}/__requests`, { method: 'DELETE' });
    expect(await (await fetch(`${server.url}/__requests`)).json()).toEqual([]);
  });

  it('forces a scenario with POST /__scenario', async () => {
    await fetch(`${server.url}/__scenario`, { method: 'POST', body: JSON.stringify({ name: 'unknown' }) });
    const { parts } = await run([{ role: 'user', content: 'anything' }]);
    expect(parts.find((p) => p.type === 'tool-call')).toMatchObject({ toolName: 'launch_rockets' });
  });

  it('fails with 401 the given number of times, then answers', async () => {
    const first = await run([{ role: 'user', content: '[scenario:unauthorized]' }]);
    expect(APICallError.isInstance(first.errors[0]) && first.errors[0].statusCode).toBe(401);
    const second = await run([{ role: 'user', content: '[scenario:unauthorized]' }]);
    expect(second.errors).toEqual([]);
    expect(second.parts.filter((p) => p.type === 'text-delta').map((p) => p.text).join('')).toBe('Recovered.');
  });

  it('fails with 429 and a retry-after header', async () => {
    const { errors } = await run([{ role: 'user', content: '[scenario:limited]' }]);
    const error = errors[0];
    expect(APICallError.isInstance(error)).toBe(true);
    if (!APICallError.isInstance(error)) return;
    expect(error.statusCode).toBe(429);
    expect(error.responseHeaders?.['retry-after']).toBe('7');
  });

  it('fails with 500', async () => {
    const result = streamText({ model: model(), prompt: '[scenario:broken]', maxRetries: 1 });
    const errors: unknown[] = [];
    for await (const part of result.fullStream) if (part.type === 'error') errors.push(part.error);
    expect(RetryError.isInstance(errors[0])).toBe(true);
    const recorded = await (await fetch(`${server.url}/__requests`)).json();
    expect(recorded).toHaveLength(2);
  });

  it('cuts the stream after N chunks', async () => {
    const result = streamText({ model: model(), prompt: '[scenario:cut]', maxRetries: 0, onError: () => {} });
    let text = '';
    let thrown: unknown;
    try {
      for await (const part of result.fullStream) if (part.type === 'text-delta') text += part.text;
    } catch (error) {
      thrown = error;
    }
    expect(String((thrown as Error)?.cause)).toMatch(/terminated/);
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toBe('a fairly long answer that will be cut');
  });

  it('paces a step to tokens_per_second against the clock', async () => {
    const start = performance.now();
    const { parts } = await run([{ role: 'user', content: '[scenario:paced]' }]);
    const elapsed = performance.now() - start;
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => p.text).join('')).toBe('x'.repeat(1600));
    // Without pacing four pieces with no delay arrive in a few milliseconds.
    expect(elapsed).toBeGreaterThanOrEqual(390);
  });

  it('paces a step with paced_times only that many times, then streams it at full speed', () => {
    const step = { text: 'slow the first time', chunk_delay_ms: 12, tokens_per_second: 50, paced_times: 1 };
    expect(stepAsPaced(step, 0)).toBe(step);
    expect(stepAsPaced(step, 1)).toMatchObject({ text: 'slow the first time', chunk_delay_ms: 0, tokens_per_second: undefined });
    const always = { text: 'always slow', chunk_delay_ms: 12 };
    expect(stepAsPaced(always, 5)).toBe(always);
  });

  it('sends malformed tool-call JSON, which the SDK reports as an invalid tool call', async () => {
    const { parts } = await run([{ role: 'user', content: '[scenario:bad-json]' }]);
    expect(parts.find((p) => p.type === 'tool-call')).toMatchObject({ toolName: 'write_file', invalid: true });
    expect(parts.find((p) => p.type === 'tool-error')).toBeDefined();
  });

  it('fills in the process id that the run_command result of the named command carried', async () => {
    const result = (id: string) => ({ type: 'json' as const, value: { background: true, id, started: true } });
    const { parts } = await run([
      { role: 'user', content: '[scenario:process-id]' },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'run_command', input: { command: 'npm test' } }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'run_command', output: result('other') }] },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c2', toolName: 'run_command', input: { command: 'npm run dev' } }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c2', toolName: 'run_command', output: result('proc-7') }] },
    ], { stop_process: tool({ inputSchema: anyInput }) });
    expect(parts.find((p) => p.type === 'tool-call')).toMatchObject({ toolName: 'stop_process', input: { id: 'proc-7' } });
  });

  it('calls a tool that does not exist', async () => {
    const { parts } = await run([{ role: 'user', content: '[scenario:unknown]' }]);
    const error = parts.find((p) => p.type === 'tool-error');
    expect(error?.type === 'tool-error' && String(error.error)).toMatch(/unavailable tool 'launch_rockets'/);
  });
});
