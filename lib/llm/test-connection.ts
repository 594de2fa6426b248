import 'server-only';
import { z } from 'zod';

/** The providers a person sets up in Settings, as the "Test" button checks them. */
export const connectionTestSchema = z.object({
  provider: z.enum(['openai', 'anthropic', 'google', 'openai-compatible']),
  key: z.string().max(4000).optional(),
  baseUrl: z.string().max(2000).optional(),
});

export type ConnectionTest = z.infer<typeof connectionTestSchema>;

export interface ConnectionResult {
  ok: boolean;
  /** One plain sentence for the Settings dialog. */
  message: string;
}

const cloudLabels = { openai: 'OpenAI', anthropic: 'Anthropic', google: 'Google' } as const;

interface Probe {
  url: string;
  headers: Record<string, string>;
}

function probeFor(test: ConnectionTest, env: { openaiBaseUrl?: string }): Probe | null {
  const key = test.key?.trim() ?? '';
  switch (test.provider) {
    case 'openai':
      return { url: `${(env.openaiBaseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '')}/models`, headers: { authorization: `Bearer ${key}` } };
    case 'anthropic':
      return { url: 'https://api.anthropic.com/v1/models', headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01' } };
    case 'google':
      return { url: 'https://generativelanguage.googleapis.com/v1beta/models', headers: { 'x-goog-api-key': key } };
    case 'openai-compatible': {
      const base = test.baseUrl?.trim().replace(/\/+$/, '') ?? '';
      if (!/^https?:\/\//i.test(base)) return null;
      return { url: `${base}/models`, headers: key ? { authorization: `Bearer ${key}` } : {} };
    }
  }
}

/**
 * Asks the provider for its model list with the key typed into Settings: the cheapest request that
 * proves the key and the address work. It costs nothing, and the key is neither stored nor logged.
 */
export async function testConnection(
  test: ConnectionTest,
  options: { fetch?: typeof fetch; timeoutMs?: number; openaiBaseUrl?: string } = {},
): Promise<ConnectionResult> {
  const doFetch = options.fetch ?? fetch;
  const selfHosted = test.provider === 'openai-compatible';
  const label = test.provider === 'openai-compatible' ? 'The server' : cloudLabels[test.provider];
  if (!selfHosted && !test.key?.trim()) return { ok: false, message: `Paste your ${label} key first, then press Test.` };
  const probe = probeFor(test, { openaiBaseUrl: options.openaiBaseUrl });
  if (!probe) return { ok: false, message: 'Type the server address first, starting with http:// or https:// (for example http://127.0.0.1:1234/v1).' };

  let status: number;
  try {
    const response = await doFetch(probe.url, { headers: probe.headers, signal: AbortSignal.timeout(options.timeoutMs ?? 8000) });
    status = response.status;
    await response.body?.cancel().catch(() => {});
  } catch {
    return selfHosted
      ? { ok: false, message: `Nothing answered at ${test.baseUrl?.trim()}. Check that the server is running and that the address is right.` }
      : { ok: false, message: `Could not reach ${label}. Check your internet connection, then try again.` };
  }
  if (status >= 200 && status < 300) {
    return { ok: true, message: selfHosted ? 'It works: the server answered.' : `It works: ${label} accepted the key.` };
  }
  if (status === 401 || status === 403 || (test.provider === 'google' && status === 400)) {
    return selfHosted
      ? { ok: false, message: 'The server refused the key. Check it, or leave it empty if the server needs none.' }
      : { ok: false, message: `${label} did not accept this key. Copy it again from ${label}'s site and paste all of it.` };
  }
  if (status === 404 && selfHosted) {
    return { ok: false, message: 'The server answered, but not as an OpenAI-compatible server. Check the address (it often ends in /v1).' };
  }
  if (status === 429) return { ok: true, message: `The key works, but ${label} is limiting requests right now. Wait a minute before building.` };
  return { ok: false, message: `${label} answered with an error (HTTP ${status}). Try again in a moment.` };
}
