import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Scenario, ScenarioStep, ScenarioToolCall } from './scenario';
import { scenarios as builtInScenarios } from './scenarios';
import { messageText, selectScenario, stepIndexOf, type ChatCompletionMessage } from './select-scenario';

export interface FakeLlmOptions {
  port?: number;
  host?: string;
  scenarios?: Scenario[];
  models?: string[];
}

export interface FakeLlmServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface ChatCompletionRequest {
  model?: string;
  messages?: ChatCompletionMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

const DEFAULT_TEXT =
  'This is the fake model. No scenario matched: put [scenario:<name>] in your message, e.g. [scenario:counter].';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function split(text: string, size: number): string[] {
  if (text === '') return [''];
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

function argumentsOf(call: ScenarioToolCall): string {
  return call.raw_arguments ?? JSON.stringify(call.arguments ?? {});
}

interface RecordedMessage {
  role: string;
  content?: unknown;
  tool_call_id?: string;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
}

function parsed(text: unknown): Record<string, unknown> | null {
  if (typeof text !== 'string') return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The `id` the latest run_command result of `command` carried, if any. */
function processIdOf(messages: RecordedMessage[], command: string): string | undefined {
  const callIds = new Set<string>();
  for (const message of messages) {
    for (const call of message.tool_calls ?? []) {
      if (call.function.name === 'run_command' && parsed(call.function.arguments)?.command === command) callIds.add(call.id);
    }
  }
  let id: string | undefined;
  for (const message of messages) {
    if (message.role !== 'tool' || !message.tool_call_id || !callIds.has(message.tool_call_id)) continue;
    const result = parsed(message.content);
    if (typeof result?.id === 'string') id = result.id;
  }
  return id;
}

function withProcessIds(step: ScenarioStep, messages: RecordedMessage[]): ScenarioStep {
  if (!step.tool_calls?.some((call) => call.id_of_command)) return step;
  const tool_calls = step.tool_calls.map((call) =>
    call.id_of_command
      ? { ...call, arguments: { ...call.arguments, id: processIdOf(messages, call.id_of_command) ?? `no run_command of "${call.id_of_command}" yet` } }
      : call,
  );
  return { ...step, tool_calls };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** The step as it streams after it was paced `timesPaced` times: at full speed once `paced_times` is used up. */
export function stepAsPaced(step: ScenarioStep, timesPaced: number): ScenarioStep {
  if (step.paced_times === undefined || timesPaced < step.paced_times) return step;
  return { ...step, chunk_delay_ms: 0, tokens_per_second: undefined };
}

export async function startFakeLlmServer(options: FakeLlmOptions = {}): Promise<FakeLlmServer> {
  const scenarios = options.scenarios ?? builtInScenarios;
  const models = options.models ?? ['fake-model'];
  const requests: unknown[] = [];
  /** The Authorization header of each chat request (null when none), so tests can tell whose key was sent. */
  const authorizations: (string | null)[] = [];
  const failureCounts = new Map<string, number>();
  const pacedCounts = new Map<string, number>();
  let forcedScenario: string | null = null;
  let nextId = 0;

  function stepFor(body: ChatCompletionRequest): { scenario: Scenario | null; step: ScenarioStep; key: string } {
    const messages = body.messages ?? [];
    const scenario = selectScenario(messages, scenarios, forcedScenario);
    const index = stepIndexOf(messages);
    const firstUser = messages.find((m) => m.role === 'user');
    const key = `${scenario?.name ?? '-'}#${index}#${firstUser ? messageText(firstUser) : ''}`;
    if (!scenario) return { scenario, step: { text: DEFAULT_TEXT }, key };
    const step = scenario.steps[index] ?? { text: `(scenario ${scenario.name} has no step ${index + 1})` };
    return { scenario, step: withProcessIds(step, messages as RecordedMessage[]), key };
  }

  /** Whether this request should fail; counts it when it does. */
  function shouldFail(step: ScenarioStep, key: string): boolean {
    if (!step.fail) return false;
    const failed = failureCounts.get(key) ?? 0;
    if (step.fail_times !== undefined && failed >= step.fail_times) return false;
    failureCounts.set(key, failed + 1);
    return true;
  }

  function pacing(step: ScenarioStep, key: string): ScenarioStep {
    const paced = pacedCounts.get(key) ?? 0;
    const streamed = stepAsPaced(step, paced);
    if (streamed === step && step.paced_times !== undefined) pacedCounts.set(key, paced + 1);
    return streamed;
  }

  async function streamStep(
    res: ServerResponse,
    body: ChatCompletionRequest,
    step: ScenarioStep,
    cutAfter: number | null,
  ): Promise<void> {
    const id = `chatcmpl-fake-${++nextId}`;
    const model = body.model ?? models[0];
    const created = Math.floor(Date.now() / 1000);
    const size = step.chunk_size ?? 24;
    const delay = step.chunk_delay_ms ?? 2;
    const charsPerMs = step.tokens_per_second ? (step.tokens_per_second * 4) / 1000 : null;
    const pacedFrom = performance.now();
    let pacedChars = 0;
    let sent = 0;
    let closed = false;
    res.on('close', () => {
      closed = true;
    });

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });

    /** Returns false once the stream should stop (client gone or cut). */
    const send = async (chunk: unknown, chars = 0): Promise<boolean> => {
      if (closed) return false;
      if (cutAfter !== null && sent >= cutAfter) {
        res.socket?.destroy();
        return false;
      }
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      sent++;
      if (charsPerMs !== null) {
        pacedChars += chars;
        const wait = pacedFrom + pacedChars / charsPerMs - performance.now();
        if (wait > 0) await sleep(wait);
      } else if (delay > 0) await sleep(delay);
      return true;
    };
    const delta = (d: Record<string, unknown>, finishReason: string | null = null) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta: d, finish_reason: finishReason }],
    });

    if (!(await send(delta({ role: 'assistant', content: '' })))) return;
    for (const piece of step.text ? split(step.text, size) : []) {
      if (!(await send(delta({ content: piece }), piece.length))) return;
    }
    const calls = step.tool_calls ?? [];
    for (const [index, call] of calls.entries()) {
      const callId = `call_fake_${nextId}_${index}`;
      const opening = { index, id: callId, type: 'function', function: { name: call.name, arguments: '' } };
      if (!(await send(delta({ tool_calls: [opening] })))) return;
      for (const piece of split(argumentsOf(call), size)) {
        if (!(await send(delta({ tool_calls: [{ index, function: { arguments: piece } }] }), piece.length))) return;
      }
    }
    if (!(await send(delta({}, calls.length > 0 ? 'tool_calls' : 'stop')))) return;
    if (body.stream_options?.include_usage) {
      const prompt = estimateTokens(JSON.stringify(body.messages ?? []));
      const completion = estimateTokens((step.text ?? '') + calls.map(argumentsOf).join(''));
      const usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
      if (!(await send({ id, object: 'chat.completion.chunk', created, model, choices: [], usage }))) return;
    }
    if (cutAfter !== null) {
      res.socket?.destroy();
      return;
    }
    res.end('data: [DONE]\n\n');
  }

  function completeStep(res: ServerResponse, body: ChatCompletionRequest, step: ScenarioStep): void {
    const calls = step.tool_calls ?? [];
    const prompt = estimateTokens(JSON.stringify(body.messages ?? []));
    const completion = estimateTokens((step.text ?? '') + calls.map(argumentsOf).join(''));
    sendJson(res, 200, {
      id: `chatcmpl-fake-${++nextId}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model ?? models[0],
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: step.text ?? null,
            tool_calls:
              calls.length > 0
                ? calls.map((call, index) => ({
                    id: `call_fake_${nextId}_${index}`,
                    type: 'function',
                    function: { name: call.name, arguments: argumentsOf(call) },
                  }))
                : undefined,
          },
          finish_reason: calls.length > 0 ? 'tool_calls' : 'stop',
        },
      ],
      usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
    });
  }

  async function chatCompletions(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: ChatCompletionRequest;
    try {
      body = JSON.parse(await readBody(req)) as ChatCompletionRequest;
    } catch {
      sendJson(res, 400, { error: { message: 'Request body is not JSON', type: 'invalid_request_error' } });
      return;
    }
    requests.push(body);
    authorizations.push(req.headers.authorization ?? null);
    const { step, key } = stepFor(body);

    let cutAfter: number | null = null;
    if (shouldFail(step, key) && step.fail) {
      if ('status' in step.fail) {
        const headers: Record<string, string> =
          step.fail.retry_after !== undefined ? { 'retry-after': String(step.fail.retry_after) } : {};
        const message = step.fail.message ?? `Fake failure ${step.fail.status}`;
        sendJson(res, step.fail.status, { error: { message, type: 'fake_error', code: String(step.fail.status) } }, headers);
        return;
      }
      cutAfter = step.fail.cut_after_chunks;
    }
    if (body.stream) await streamStep(res, body, pacing(step, key), cutAfter);
    else completeStep(res, body, step);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname.replace(/\/+$/, '');
    if (req.method === 'POST' && path === '/v1/chat/completions') return chatCompletions(req, res);
    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', owned_by: 'fake-llm' })) });
    }
    if (path === '/__requests' && req.method === 'GET') return sendJson(res, 200, requests);
    if (path === '/__authorizations' && req.method === 'GET') return sendJson(res, 200, authorizations);
    if (path === '/__requests' && req.method === 'DELETE') {
      // Failure counters stay: clearing the log mid-test must not make an already-failed step fail again.
      requests.length = 0;
      authorizations.length = 0;
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/__reset' && req.method === 'POST') {
      requests.length = 0;
      authorizations.length = 0;
      failureCounts.clear();
      pacedCounts.clear();
      forcedScenario = null;
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/__scenario' && req.method === 'POST') {
      const { name } = JSON.parse((await readBody(req)) || '{}') as { name?: string | null };
      if (name && !scenarios.some((s) => s.name === name)) return sendJson(res, 404, { error: `No scenario "${name}"` });
      forcedScenario = name ?? null;
      return sendJson(res, 200, { ok: true, scenario: forcedScenario });
    }
    if (path === '/__scenarios' && req.method === 'GET') return sendJson(res, 200, scenarios.map((s) => s.name));
    sendJson(res, 404, { error: { message: `No route ${req.method} ${path}` } });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error) } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
