import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { clearDiscoveryCache } from './model-discovery';
import type { ProviderKeys } from './types';
import { clearModelCache, listModels, resolveModel } from './registry';

const unreachableOllama = { OLLAMA_BASE_URL: 'http://127.0.0.1:9' };
let ollama: Server;
let ollamaUrl: string;
let tagRequests = 0;

beforeAll(async () => {
  ollama = createServer((req, res) => {
    if (req.url === '/api/tags') {
      tagRequests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ models: [{ name: 'qwen2.5-coder:7b' }, { name: 'llava:13b' }] }));
    } else if (req.url === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [{ id: 'served-model' }] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => ollama.listen(0, '127.0.0.1', resolve));
  ollamaUrl = `http://127.0.0.1:${(ollama.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => ollama.close(() => resolve())));
beforeEach(() => clearDiscoveryCache());

describe('listModels', () => {
  it('offers only the offline demo, as the default, when nothing is configured or detected', async () => {
    const list = await listModels(undefined, unreachableOllama);
    expect(list).toEqual({
      models: [{ id: 'demo:offline', provider: 'demo', label: 'Offline demo (not AI)', isDemo: true, supportsImages: false }],
      defaultModel: 'demo:offline',
    });
  });

  it('lists hosted models for keys from the environment or from the request, and never returns a key', async () => {
    const list = await listModels({ anthropic: 'sk-ant-secret-from-browser' }, { ...unreachableOllama, OPENAI_API_KEY: 'sk-env-secret' });
    const providers = new Set(list.models.map((m) => m.provider));
    expect(providers).toEqual(new Set(['openai', 'anthropic', 'demo']));
    expect(list.defaultModel).toBe('openai:gpt-5.5');
    expect(list.models.every((m) => m.id.startsWith(`${m.provider}:`))).toBe(true);
    expect(list.models.find((m) => m.provider === 'anthropic')?.supportsImages).toBe(true);
    expect(JSON.stringify(list)).not.toMatch(/secret/);
  });

  it('lists OpenAI-compatible models from OPENAI_COMPATIBLE_MODELS and honours DEFAULT_MODEL', async () => {
    const list = await listModels(undefined, {
      ...unreachableOllama,
      OPENAI_API_KEY: 'k',
      OPENAI_COMPATIBLE_BASE_URL: 'http://127.0.0.1:9/v1',
      OPENAI_COMPATIBLE_MODELS: 'fake-model, other',
      DEFAULT_MODEL: 'openai-compatible:fake-model',
    });
    expect(list.models.filter((m) => m.provider === 'openai-compatible').map((m) => m.id)).toEqual([
      'openai-compatible:fake-model',
      'openai-compatible:other',
    ]);
    expect(list.defaultModel).toBe('openai-compatible:fake-model');
  });

  it('takes an OpenAI-compatible server typed into Settings for that request only', async () => {
    const keys = { openaiCompatibleBaseUrl: 'http://127.0.0.1:9/v1', openaiCompatibleModels: ['my-local-model'] };
    const list = await listModels(keys, unreachableOllama);
    expect(list.models.map((m) => m.id)).toContain('openai-compatible:my-local-model');
    const withoutKeys = await listModels(undefined, unreachableOllama);
    expect(withoutKeys.models.map((m) => m.id)).not.toContain('openai-compatible:my-local-model');
  });

  it('asks an OpenAI-compatible server for its models when none are listed', async () => {
    const list = await listModels(undefined, { ...unreachableOllama, OPENAI_COMPATIBLE_BASE_URL: `${ollamaUrl}/v1` });
    expect(list.models.map((m) => m.id)).toContain('openai-compatible:served-model');
  });

  it('ignores a DEFAULT_MODEL that is not usable', async () => {
    const list = await listModels(undefined, { ...unreachableOllama, DEFAULT_MODEL: 'openai:gpt-5.5' });
    expect(list.defaultModel).toBe('demo:offline');
  });

  it('detects Ollama models, guesses which see images, and caches the probe', async () => {
    const first = await listModels(undefined, { OLLAMA_BASE_URL: ollamaUrl });
    await listModels(undefined, { OLLAMA_BASE_URL: ollamaUrl });
    expect(first.models.filter((m) => m.provider === 'ollama')).toEqual([
      { id: 'ollama:qwen2.5-coder:7b', provider: 'ollama', label: 'qwen2.5-coder:7b (Ollama)', isDemo: false, supportsImages: false },
      { id: 'ollama:llava:13b', provider: 'ollama', label: 'llava:13b (Ollama)', isDemo: false, supportsImages: true },
    ]);
    expect(first.defaultModel).toBe('ollama:qwen2.5-coder:7b');
    expect(tagRequests).toBe(1);
  });

  it('gives up on a silent Ollama: the probe hangs up instead of waiting for an answer', async () => {
    let probeHungUp!: () => void;
    const hungUp = new Promise<void>((resolve) => (probeHungUp = resolve));
    const silent = createServer((request) => request.socket.on('close', probeHungUp));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const list = await listModels(undefined, { OLLAMA_BASE_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` });
    expect(list.defaultModel).toBe('demo:offline');
    await hungUp;
    silent.closeAllConnections();
    silent.close();
  });
});

describe('resolveModel', () => {
  it('builds each provider when configured', () => {
    const env = {
      OPENAI_API_KEY: 'a',
      GOOGLE_GENERATIVE_AI_API_KEY: 'c',
      OPENAI_COMPATIBLE_BASE_URL: 'http://x/v1',
    };
    const cases: [string, string][] = [
      ['openai:gpt-5.5', 'gpt-5.5'],
      ['anthropic:claude-sonnet-4-6', 'claude-sonnet-4-6'],
      ['google:gemini-2.5-pro', 'gemini-2.5-pro'],
      ['openai-compatible:fake-model', 'fake-model'],
      ['ollama:qwen2.5:7b', 'qwen2.5:7b'],
      ['demo:offline', 'offline'],
    ];
    for (const [id, modelId] of cases) {
      const resolution = resolveModel(id, { anthropic: 'b' }, env);
      expect(resolution.ok, id).toBe(true);
      if (resolution.ok) expect(resolution.value.model.modelId).toBe(modelId);
    }
    const ollama = resolveModel('ollama:m', undefined, {});
    expect(ollama.ok && ollama.value.baseUrl).toBe('http://127.0.0.1:11434');
  });

  it('reuses a model built from the environment, and builds a new one when the environment changes', () => {
    clearModelCache();
    const env = { OPENAI_COMPATIBLE_BASE_URL: 'http://x/v1', OPENAI_COMPATIBLE_API_KEY: 'k' };
    const modelOf = (e: Record<string, string>, keys?: ProviderKeys) => {
      const resolution = resolveModel('openai-compatible:fake-model', keys, e);
      if (!resolution.ok) throw resolution.error;
      return resolution.value.model;
    };
    const first = modelOf(env);
    expect(modelOf({ ...env })).toBe(first);
    expect(modelOf({ ...env, OPENAI_COMPATIBLE_API_KEY: 'other' })).not.toBe(first);
    expect(modelOf({ ...env, OPENAI_COMPATIBLE_BASE_URL: 'http://y/v1' })).not.toBe(first);
    const other = resolveModel('openai-compatible:other-model', undefined, env);
    expect(other.ok && other.value.model).not.toBe(first);
  });

  it('builds a model from keys typed into Settings for that request only', () => {
    clearModelCache();
    const keys: ProviderKeys = { openai: 'sk-from-browser' };
    const first = resolveModel('openai:gpt-5.5', keys, {});
    const second = resolveModel('openai:gpt-5.5', keys, {});
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) expect(second.value.model).not.toBe(first.value.model);
    const compat = { openaiCompatibleBaseUrl: 'http://z/v1' };
    const a = resolveModel('openai-compatible:m', compat, {});
    const b = resolveModel('openai-compatible:m', compat, {});
    if (a.ok && b.ok) expect(b.value.model).not.toBe(a.value.model);
    else throw new Error('expected both to resolve');
  });

  it('returns a typed error for an unconfigured provider or a malformed id', () => {
    const missing = resolveModel('openai:gpt-5.5', undefined, {});
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.reason).toBe('not-configured');
      expect(missing.error.message).toBe('OpenAI is not set up: no API key. Add it in Settings, or pick another model.');
    }
    for (const id of ['gpt-5', 'mystery:model', 'openai:']) {
      const bad = resolveModel(id, undefined, {});
      expect(!bad.ok && bad.error.reason).toBe('malformed-id');
    }
  });
});

/** The recording server answers 500; only what reached it matters. */
async function askOnce(model: LanguageModelV3): Promise<void> {
  try {
    await model.doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] });
  } catch {
    // Expected: see above.
  }
}

describe('an address typed into Settings', () => {
  let attacker: Server;
  let attackerUrl: string;
  const seen: { path: string; authorization: string | undefined }[] = [];
  const serverEnv = {
    OPENAI_COMPATIBLE_BASE_URL: 'http://127.0.0.1:9/v1',
    OPENAI_COMPATIBLE_API_KEY: 'server-secret-key',
    ...unreachableOllama,
  };

  beforeAll(async () => {
    attacker = createServer((req, res) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
      req.resume();
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"recorded"}}');
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
    clearModelCache();
    clearDiscoveryCache();
  });

  async function callModel(keys: ProviderKeys): Promise<void> {
    const resolution = resolveModel('openai-compatible:m', keys, serverEnv);
    if (!resolution.ok) throw resolution.error;
    await askOnce(resolution.value.model);
  }

  it("never receives the server's key: chat goes there with no key, or with the key typed alongside it", async () => {
    await callModel({ openaiCompatibleBaseUrl: attackerUrl });
    await callModel({ openaiCompatibleBaseUrl: attackerUrl, openaiCompatible: 'key-from-browser' });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.some((r) => r.authorization?.includes('server-secret-key'))).toBe(false);
    expect(seen[0].authorization).toBeUndefined();
    expect(seen.at(-1)?.authorization).toBe('Bearer key-from-browser');
  });

  it("is asked for its models without the server's key", async () => {
    await listModels({ openaiCompatibleBaseUrl: attackerUrl }, serverEnv);
    expect(seen.map((r) => r.path)).toContain('/v1/models');
    expect(seen.some((r) => r.authorization?.includes('server-secret-key'))).toBe(false);
  });

  it("still pairs the server's own address with the server's key", async () => {
    const resolution = resolveModel('openai-compatible:m', undefined, { ...serverEnv, OPENAI_COMPATIBLE_BASE_URL: attackerUrl });
    if (!resolution.ok) throw resolution.error;
    await askOnce(resolution.value.model);
    expect(seen[0].authorization).toBe('Bearer server-secret-key');
  });
});
