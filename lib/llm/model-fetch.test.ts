import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { resolveModel } from './registry';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

/** Next's wrapper around the global fetch, keeping the original where Next keeps it. */
function patchFetchLikeNext(original: typeof fetch): { wrapperCalls: number } {
  const seen = { wrapperCalls: 0 };
  const patched = Object.assign(
    (input: RequestInfo | URL, init?: RequestInit) => {
      seen.wrapperCalls++;
      return original(input, init);
    },
    { _nextOriginalFetch: original },
  );
  globalThis.fetch = patched as typeof fetch;
  return seen;
}

const env = { OPENAI_COMPATIBLE_BASE_URL: 'http://model.test/v1', OPENAI_COMPATIBLE_MODELS: 'm', OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k', GOOGLE_GENERATIVE_AI_API_KEY: 'k', OLLAMA_BASE_URL: 'http://127.0.0.1:9' };

describe('model calls skip the fetch wrapper Next installs', () => {
  it.each(['openai-compatible:m', 'openai:gpt-4o', 'anthropic:claude-sonnet-4-5', 'google:gemini-2.5-flash', 'ollama:qwen'])(
    '%s goes straight to the original fetch',
    async (id) => {
      const original = vi.fn(async () => new Response('{"error":"stub"}', { status: 500 }));
      const seen = patchFetchLikeNext(original as unknown as typeof fetch);
      const resolution = resolveModel(id, undefined, env);
      if (!resolution.ok) throw resolution.error;
      await Promise.resolve(resolution.value.model.doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] })).catch(
        () => undefined,
      );
      expect(original).toHaveBeenCalled();
      expect(seen.wrapperCalls).toBe(0);
    },
  );
});
