import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));
const { testConnection } = await import('./test-connection');

function answering(status: number) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, headers: init.headers as Record<string, string> });
    return new Response('{}', { status });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const unreachable = (async () => {
  throw new TypeError('fetch failed');
}) as unknown as typeof fetch;

describe('testConnection', () => {
  it('asks the provider for its models with the key, and says it works', async () => {
    const { fetch, calls } = answering(200);
    expect(await testConnection({ provider: 'anthropic', key: 'sk-ant-1' }, { fetch })).toEqual({
      ok: true,
      message: 'It works: Anthropic accepted the key.',
    });
    expect(calls[0]).toMatchObject({ url: 'https://api.anthropic.com/v1/models', headers: { 'x-api-key': 'sk-ant-1' } });
  });

  it('says plainly when a cloud key is refused or missing', async () => {
    expect((await testConnection({ provider: 'openai', key: 'bad' }, { fetch: answering(401).fetch })).message).toBe(
      "OpenAI did not accept this key. Copy it again from OpenAI's site and paste all of it.",
    );
    expect((await testConnection({ provider: 'google', key: ' ' }, { fetch: answering(200).fetch })).message).toMatch(/Paste your Google key first/);
  });

  it('blames the connection for an unreachable cloud service, and the server for an unreachable self-hosted one', async () => {
    expect((await testConnection({ provider: 'openai', key: 'k' }, { fetch: unreachable })).message).toBe(
      'Could not reach OpenAI. Check your internet connection, then try again.',
    );
    expect((await testConnection({ provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:1234/v1' }, { fetch: unreachable })).message).toBe(
      'Nothing answered at http://127.0.0.1:1234/v1. Check that the server is running and that the address is right.',
    );
  });

  it('tests a self-hosted server without a key at its /models, and wants an address first', async () => {
    const { fetch, calls } = answering(200);
    expect((await testConnection({ provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:1234/v1/' }, { fetch })).ok).toBe(true);
    expect(calls[0]).toEqual({ url: 'http://127.0.0.1:1234/v1/models', headers: {} });
    expect((await testConnection({ provider: 'openai-compatible', baseUrl: 'localhost' }, { fetch })).message).toMatch(/server address first/);
  });
});
