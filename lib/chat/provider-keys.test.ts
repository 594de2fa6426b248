import { describe, expect, it } from 'vitest';
import { PROVIDER_KEYS_STORAGE_KEY, emptyProviderKeys, loadProviderKeys, requestKeys, saveProviderKeys } from './provider-keys';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = { ...initial };
  return {
    data,
    getItem: (k: string) => data[k] ?? null,
    setItem: (k: string, v: string) => void (data[k] = v),
  };
}

describe('provider keys', () => {
  it('round-trips through storage', () => {
    const storage = memoryStorage();
    const keys = { ...emptyProviderKeys, anthropic: 'sk-ant', openaiCompatible: { baseUrl: 'http://x/v1', apiKey: '', models: 'a, b' } };
    saveProviderKeys(storage, keys);
    expect(loadProviderKeys(storage)).toEqual(keys);
  });

  it('survives missing, corrupt and partial data', () => {
    expect(loadProviderKeys(null)).toEqual(emptyProviderKeys);
    expect(loadProviderKeys(memoryStorage({ [PROVIDER_KEYS_STORAGE_KEY]: '{nope' }))).toEqual(emptyProviderKeys);
    expect(loadProviderKeys(memoryStorage({ [PROVIDER_KEYS_STORAGE_KEY]: '{"openai":"k","google":3}' }))).toEqual({
      ...emptyProviderKeys,
      openai: 'k',
    });
  });

  it('sends only filled-in providers, trimmed, with the model list split', () => {
    expect(requestKeys(emptyProviderKeys)).toBeUndefined();
    expect(
      requestKeys({ ...emptyProviderKeys, openai: ' sk ', openaiCompatible: { baseUrl: 'http://h/v1 ', apiKey: ' ', models: 'm1, m2\nm3,' } }),
    ).toEqual({ openai: 'sk', openaiCompatibleBaseUrl: 'http://h/v1', openaiCompatibleModels: ['m1', 'm2', 'm3'] });
    expect(requestKeys({ ...emptyProviderKeys, openaiCompatible: { baseUrl: '', apiKey: 'k', models: '' } })).toEqual({
      openaiCompatible: 'k',
    });
  });
});
