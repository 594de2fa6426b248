/** Finds models on local servers (Ollama, OpenAI-compatible) with a short timeout, cached so the picker stays fast. */

const CACHE_MS = 30_000;
export const PROBE_TIMEOUT_MS = 400;

interface CacheEntry {
  at: number;
  models: string[] | null;
}

const cache = new Map<string, CacheEntry>();

export function clearDiscoveryCache(): void {
  cache.clear();
}

async function fetchJson(url: string, headers: Record<string, string>, timeoutMs: number): Promise<unknown> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

async function cached(key: string, load: () => Promise<string[]>): Promise<string[] | null> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.models;
  let models: string[] | null;
  try {
    models = await load();
  } catch {
    models = null;
  }
  cache.set(key, { at: Date.now(), models });
  return models;
}

/** Model names served by Ollama at `baseUrl`, or null when nothing answers. */
export function discoverOllamaModels(baseUrl: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<string[] | null> {
  const root = baseUrl.replace(/\/+$/, '');
  return cached(`ollama ${root}`, async () => {
    const body = (await fetchJson(`${root}/api/tags`, {}, timeoutMs)) as { models?: { name?: unknown }[] };
    return (body.models ?? []).map((m) => m.name).filter((name): name is string => typeof name === 'string');
  });
}

/** Model ids from an OpenAI-compatible `GET /models`, or null when it does not answer. */
export function discoverOpenAICompatibleModels(
  baseUrl: string,
  apiKey: string | undefined,
  timeoutMs = 800,
): Promise<string[] | null> {
  const root = baseUrl.replace(/\/+$/, '');
  // The key is part of the cache key only as a presence flag: a different key may see different models.
  return cached(`compat ${root} ${apiKey ? 'key' : 'nokey'}`, async () => {
    const headers: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
    const body = (await fetchJson(`${root}/models`, headers, timeoutMs)) as { data?: { id?: unknown }[] };
    return (body.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string');
  });
}
