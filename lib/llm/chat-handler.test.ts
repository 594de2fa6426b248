import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import type { UIMessage } from 'ai';
import { startFakeLlmServer, type FakeLlmServer } from '../../e2e/fake-llm/fake-llm-server';
import { createChatHandler } from './chat-handler';
import { resolveModel } from './registry';
import type { ProviderKeys } from './types';

let server: FakeLlmServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startFakeLlmServer();
  env = {
    OPENAI_COMPATIBLE_BASE_URL: `${server.url}/v1`,
    OPENAI_COMPATIBLE_API_KEY: 'fake-key',
    OPENAI_COMPATIBLE_MODELS: 'fake-model',
  };
});
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`${server.url}/__reset`, { method: 'POST' });
});

const compacted: unknown[] = [];
const handle = createChatHandler({
  resolveModel: (id: string, keys?: ProviderKeys) => resolveModel(id, keys, env),
  buildSystemPrompt: ({ mode, fileList, runtime }) => `SYSTEM mode=${mode} files=${fileList.join(',')} runtime=${runtime}`,
  compactMessagesForModel: (messages) => {
    compacted.push(messages);
    return messages;
  },
  maxRetries: 0,
});

function userMessage(text: string): UIMessage {
  return { id: 'u1', role: 'user', parts: [{ type: 'text', text }] };
}

function post(body: unknown): Promise<Response> {
  return handle(
    new Request('http://test/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

type Chunk = Record<string, unknown> & { type: string };

async function chunksOf(response: Response): Promise<Chunk[]> {
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice(6)) as Chunk);
}

async function recorded(): Promise<{ messages: { role: string; content: unknown }[]; tools?: { function: { name: string } }[] }[]> {
  return (await fetch(`${server.url}/__requests`)).json();
}

describe('POST /api/chat', () => {
  it.each([
    ['not json', 'The request body must be JSON.'],
    [{ modelId: 'demo:offline', messages: [] }, 'messages: messages must not be empty'],
    [{ modelId: 'demo:offline' }, 'messages: messages must be an array'],
    [{ messages: [userMessage('hi')] }, 'modelId: modelId is required'],
    [{ modelId: 'demo:offline', messages: [{ role: 'user', parts: [] }] }, 'messages[0].id: each message needs a string id'],
    [{ modelId: 'demo:offline', messages: [userMessage('hi')], mode: 'party' }, 'mode: mode must be "build" or "discuss"'],
    [{ modelId: 'nonsense', messages: [userMessage('hi')] }, '"nonsense" is not a model id. Pick a model from the list.'],
  ])('answers 400 with a reason for %j', async (body, reason) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: reason });
  });

  it('says which provider is missing its key', async () => {
    const response = await post({ modelId: 'anthropic:claude-sonnet-4-6', messages: [userMessage('hi')] });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/Anthropic is not set up: no API key\. Add it in Settings/);
  });

  it('streams tool calls without executing them, with the system prompt, tools and usage metadata', async () => {
    const response = await post({
      modelId: 'openai-compatible:fake-model',
      messages: [userMessage('Build a counter app')],
      fileList: ['README.md'],
      runtime: 'local',
    });
    expect(response.status).toBe(200);
    const chunks = await chunksOf(response);
    const call = chunks.find((c) => c.type === 'tool-input-available');
    expect(call).toMatchObject({ toolName: 'write_file', input: { path: 'package.json' } });
    expect(chunks.some((c) => c.type === 'tool-output-available')).toBe(false);
    const finish = chunks.find((c) => c.type === 'finish');
    expect(finish?.messageMetadata).toMatchObject({ modelId: 'openai-compatible:fake-model', usage: { inputTokens: expect.any(Number) } });

    const [request] = await recorded();
    expect(request.messages[0]).toEqual({ role: 'system', content: 'SYSTEM mode=build files=README.md runtime=local' });
    expect(request.tools?.map((t) => t.function.name)).toEqual([
      'write_file',
      'edit_file',
      'delete_file',
      'move_file',
      'read_file',
      'list_files',
      'search_files',
      'run_command',
      'list_processes',
      'process_output',
      'stop_process',
      'check_preview',
      'test_preview',
    ]);
    expect(compacted.length).toBeGreaterThan(0);
  });

  it('marks the stream no-transform, so the server streams it as is instead of gzipping each event', async () => {
    const response = await post({ modelId: 'openai-compatible:fake-model', messages: [userMessage('hello')] });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toMatch(/(^|,)\s*no-transform\s*(,|$)/);
    await response.text();
  });

  it('offers only read-only tools in discuss mode', async () => {
    await chunksOf(await post({ modelId: 'openai-compatible:fake-model', messages: [userMessage('hello')], mode: 'discuss' }));
    const [request] = await recorded();
    expect(request.tools?.map((t) => t.function.name)).toEqual([
      'read_file',
      'list_files',
      'search_files',
      'list_processes',
      'process_output',
      'check_preview',
      'test_preview',
    ]);
  });

  it('sends tool results back to the model and drops tool calls that never got a result', async () => {
    const messages: UIMessage[] = [
      userMessage('Build a counter app'),
      {
        id: 'a1',
        role: 'assistant',
        parts: [
          { type: 'step-start' },
          {
            type: 'tool-run_command',
            toolCallId: 'call-1',
            state: 'output-available',
            input: { command: 'npm install' },
            output: { exit_code: 0, output: 'added 0 packages', duration_ms: 812, timed_out: false },
          },
          { type: 'step-start' },
          { type: 'tool-write_file', toolCallId: 'call-2', state: 'input-streaming', input: { path: 'half' } },
        ],
      },
    ];
    await chunksOf(await post({ modelId: 'openai-compatible:fake-model', messages }));
    const [request] = await recorded();
    const tool = request.messages.find((m) => m.role === 'tool');
    expect(JSON.stringify(tool)).toContain('"exit_code\\":0');
    expect(JSON.stringify(request.messages)).not.toContain('call-2');
  });

  it('sends the whole conversation to the model, in order, not only the newest message', async () => {
    const messages: UIMessage[] = [
      userMessage('Build a counter app'),
      {
        id: 'a1',
        role: 'assistant',
        parts: [
          { type: 'text', text: 'Writing it now.' },
          {
            type: 'tool-write_file',
            toolCallId: 'w1',
            state: 'output-available',
            input: { path: 'index.html', content: '<button>0</button>' },
            output: { ok: true, bytes: 18 },
          },
          { type: 'step-start' },
          { type: 'text', text: 'The counter is ready.' },
        ],
      },
      { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'Make it blue' }] },
    ];
    await chunksOf(await post({ modelId: 'openai-compatible:fake-model', messages }));
    const [request] = await recorded();
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'user']);
    expect(JSON.stringify(request.messages[1].content)).toContain('Build a counter app');
    expect(JSON.stringify(request.messages[3].content)).toContain('\\"bytes\\":18');
    expect(JSON.stringify(request.messages.at(-1)?.content)).toContain('Make it blue');
  });

  it('answers 400 for a history part the model could not be sent, before calling the model', async () => {
    const messages = [
      userMessage('hi'),
      { id: 'a1', role: 'assistant', parts: [{ type: 'tool-read_file', toolCallId: 7, state: 'output-available', input: {}, output: {} }] },
      userMessage('again'),
    ];
    const response = await post({ modelId: 'openai-compatible:fake-model', messages });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'messages[1].parts[0].toolCallId: a tool part needs a string toolCallId' });
    expect(await recorded()).toEqual([]);
  });

  it.each([
    ['fail-401', /OpenAI-compatible server rejected the API key \(HTTP 401\)\. Check the key in Settings/],
    ['fail-429', /rate limiting requests right now\. Try again in 1 second\./],
    ['fail-500', /had a problem answering \(HTTP 500\)/],
    ['cut-stream', /The model's response was cut off/],
  ])('turns %s into a plain message', async (scenario, message) => {
    // Step 1 of each failure scenario fails; step 0 (a write) is already in the history.
    const messages: UIMessage[] = [
      userMessage(`go [scenario:${scenario}]`),
      {
        id: 'a1',
        role: 'assistant',
        parts: [
          {
            type: 'tool-write_file',
            toolCallId: 'w1',
            state: 'output-available',
            input: { path: 'hello.txt', content: 'x' },
            output: { ok: true, bytes: 1 },
          },
        ],
      },
    ];
    const chunks = await chunksOf(await post({ modelId: 'openai-compatible:fake-model', messages }));
    const error = chunks.find((c) => c.type === 'error');
    expect(error?.errorText).toMatch(message);
    expect(String(error?.errorText)).not.toMatch(/\n\s+at /);
  });

  it('says which address could not be reached', async () => {
    const unreachable = createChatHandler({
      resolveModel: (id, keys) => resolveModel(id, keys, { OPENAI_COMPATIBLE_BASE_URL: 'http://127.0.0.1:9/v1' }),
      maxRetries: 0,
    });
    const response = await unreachable(
      new Request('http://test/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ modelId: 'openai-compatible:m', messages: [userMessage('hi')] }),
      }),
    );
    const error = (await chunksOf(response)).find((c) => c.type === 'error');
    expect(error?.errorText).toBe(
      'Could not reach OpenAI-compatible server at http://127.0.0.1:9/v1. Check that it is running and the address is right, then try again.',
    );
  });

  it.each([
    ['bad-tool-json', /input for write_file that could not be read .*Call write_file again with valid JSON/],
    ['unknown-tool', /tool that does not exist \("deploy_to_cloud"\)\. Use only these tools: write_file/],
  ])('reports %s as a tool error the model reads on the next request', async (scenario, message) => {
    const chunks = await chunksOf(
      await post({ modelId: 'openai-compatible:fake-model', messages: [userMessage(`[scenario:${scenario}]`)] }),
    );
    expect(chunks.some((c) => c.type === 'error')).toBe(false);
    const toolError = chunks.find((c) => c.type === 'tool-output-error');
    expect(toolError?.errorText).toMatch(message);
    expect(chunks.find((c) => c.type === 'finish')).toBeDefined();
  });

  it('runs the offline demo through the same path', async () => {
    const chunks = await chunksOf(await post({ modelId: 'demo:offline', messages: [userMessage('a counter please')] }));
    const text = chunks.filter((c) => c.type === 'text-delta').map((c) => c.delta).join('');
    expect(text).toMatch(/counter/);
    expect(chunks.find((c) => c.type === 'tool-input-available')).toMatchObject({
      toolName: 'write_file',
      input: { path: 'package.json' },
    });
  });
});

describe('POST /api/chat from anywhere but the IDE', () => {
  const guarded = createChatHandler({
    resolveModel: (id: string, keys?: ProviderKeys) => resolveModel(id, keys, env),
    maxRetries: 0,
    maxBodyBytes: 64 * 1024,
  });
  const body = JSON.stringify({ modelId: 'openai-compatible:fake-model', messages: [userMessage('hi')] });

  function chatRequest(headers: Record<string, string>, payload: BodyInit = body, init: RequestInit = {}): Request {
    return new Request('http://localhost:3000/api/chat', { method: 'POST', headers: { host: 'localhost:3000', ...headers }, body: payload, ...init });
  }

  it('refuses a foreign Origin, a rebound name and the preview, before calling the model', async () => {
    for (const [origin, host] of [
      ['https://evil.example', 'localhost:3000'],
      ['http://evil.example:3000', 'evil.example:3000'],
      ['http://localhost:5173', 'localhost:3000'],
      ['null', 'localhost:3000'],
    ]) {
      const response = await guarded(chatRequest({ origin, host, 'content-type': 'application/json' }));
      expect(response.status, origin).toBe(403);
      expect((await response.json()).error).toMatch(/only from the IDE itself/);
    }
    expect(await recorded()).toEqual([]);
  });

  it('refuses a text/plain "simple" POST (no preflight) even when its body is JSON', async () => {
    const response = await guarded(chatRequest({ origin: 'http://localhost:3000', 'content-type': 'text/plain' }));
    expect(response.status).toBe(415);
    expect((await response.json()).error).toMatch(/must be JSON \(Content-Type: application\/json\)/);
    expect((await guarded(chatRequest({}))).status).toBe(415);
    expect(await recorded()).toEqual([]);
  });

  it('serves its own origin', async () => {
    const response = await guarded(chatRequest({ origin: 'http://localhost:3000', 'content-type': 'application/json' }));
    expect(response.status).toBe(200);
    await response.text();
    expect(await recorded()).toHaveLength(1);
  });

  it('refuses a body over the limit with 413 naming the limit, also when it arrives without a length', async () => {
    const big = JSON.stringify({ modelId: 'openai-compatible:fake-model', messages: [userMessage('x'.repeat(100 * 1024))] });
    const declared = await guarded(chatRequest({ 'content-type': 'application/json' }, big));
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toMatch(/larger than the limit of 64 KB/);

    // A stream that would never end: it must be cut off at the limit, not read to the end.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const streamed = await guarded(chatRequest({ 'content-type': 'application/json' }, endless, { duplex: 'half' } as RequestInit));
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThan(256 * 1024);
    expect(await recorded()).toEqual([]);
  });

  it('names the default limit of 8 MB', async () => {
    const byDefault = createChatHandler({ resolveModel: (id: string, keys?: ProviderKeys) => resolveModel(id, keys, env) });
    const response = await byDefault(chatRequest({ 'content-type': 'application/json' }, new Uint8Array(8 * 1024 * 1024 + 1).fill(0x20)));
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatch(/larger than the limit of 8 MB\. Start a new chat/);
  });
});
