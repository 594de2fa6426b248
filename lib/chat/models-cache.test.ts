import { describe, expect, it } from 'vitest';
import { createModelsCache, MODELS_FRESH_MS } from './models-cache';

const list = { models: [{ id: 'demo:offline', provider: 'demo', label: 'Offline demo (not AI)', isDemo: true, supportsImages: false }], defaultModel: 'demo:offline' };

function fakeServer(answers: Array<() => Response>) {
  const bodies: string[] = [];
  const fetchImpl = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    bodies.push(String(init?.body));
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    return answer();
  }) as typeof fetch;
  return { fetchImpl, bodies };
}
const ok = () => Response.json(list);

describe('the model list cache', () => {
  it('asks once for a page that asks early and a workbench that asks later, and has the list ready for the second', async () => {
    const server = fakeServer([ok]);
    const cache = createModelsCache(server.fetchImpl);
    const early = cache.load(undefined);
    expect(cache.ready(undefined)).toBeNull();
    const later = cache.load(undefined);
    expect(await early).toEqual(list);
    expect(await later).toEqual(list);
    expect(cache.ready(undefined)).toEqual(list);
    expect(server.bodies).toEqual(['{}']);
  });

  it('asks again for other keys, and after the list has gone stale', async () => {
    let clock = 0;
    const server = fakeServer([ok, ok, ok]);
    const cache = createModelsCache(server.fetchImpl, () => clock);
    await cache.load(undefined);
    await cache.load({ openai: 'sk-test' });
    expect(server.bodies).toEqual(['{}', '{"keys":{"openai":"sk-test"}}']);
    clock = MODELS_FRESH_MS + 1;
    expect(cache.ready(undefined)).toBeNull();
    await cache.load(undefined);
    expect(server.bodies).toHaveLength(3);
  });

  it('does not keep a failed answer: the next ask tries again', async () => {
    const server = fakeServer([() => new Response('nope', { status: 500 }), ok]);
    const cache = createModelsCache(server.fetchImpl);
    await expect(cache.load(undefined)).rejects.toThrow('status 500');
    expect(cache.ready(undefined)).toBeNull();
    expect(await cache.load(undefined)).toEqual(list);
  });
});
