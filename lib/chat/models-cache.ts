import { parseModelsResponse, type ModelsResponse } from './model-options';
import type { RequestKeys } from './provider-keys';

/** Long enough to carry the list from the home page into the workbench, short enough to pick up a changed server. */
export const MODELS_FRESH_MS = 60_000;

interface Entry {
  at: number;
  promise: Promise<ModelsResponse>;
  value: ModelsResponse | null;
}

export interface ModelsCache {
  /** The list for these keys, from a load under way or finished within MODELS_FRESH_MS, else a new request. */
  load(keys: RequestKeys | undefined): Promise<ModelsResponse>;
  /** The list for these keys if a fresh one has arrived already. */
  ready(keys: RequestKeys | undefined): ModelsResponse | null;
}

/**
 * One request for the model list per set of keys: the home page asks while the person types, so the workbench the
 * first prompt opens has the list at once instead of sending that prompt only after another round trip.
 */
export function createModelsCache(fetchImpl: typeof fetch, now: () => number = Date.now): ModelsCache {
  const entries = new Map<string, Entry>();
  const fresh = (key: string) => {
    const entry = entries.get(key);
    return entry && now() - entry.at < MODELS_FRESH_MS ? entry : null;
  };
  return {
    load(keys) {
      const key = JSON.stringify(keys ?? null);
      const cached = fresh(key);
      if (cached) return cached.promise;
      const promise = fetchImpl('/api/models', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(keys ? { keys } : {}),
      }).then(async (res) => {
        const response = parseModelsResponse(await res.json().catch(() => null));
        if (!res.ok || !response) throw new Error(`status ${res.status}`);
        entry.value = response;
        return response;
      });
      const entry: Entry = { at: now(), value: null, promise };
      // A failed load is not kept: the next ask tries again.
      entry.promise.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      entries.set(key, entry);
      return entry.promise;
    },
    ready(keys) {
      return fresh(JSON.stringify(keys ?? null))?.value ?? null;
    },
  };
}
