import { describe, expect, it } from 'vitest';
import { EPHEMERAL_MESSAGE, NEARLY_FULL_MESSAGE, storageWarning } from './storage-health';

const GB = 1024 ** 3;

describe('storageWarning', () => {
  it('warns while saving still works when storage is nearly full', async () => {
    expect(await storageWarning({ estimate: async () => ({ usage: 0.85 * GB, quota: GB }) })).toBe(NEARLY_FULL_MESSAGE);
  });

  it('warns about a tiny quota, as private windows have', async () => {
    expect(await storageWarning({ estimate: async () => ({ usage: 0, quota: 100 * 1024 * 1024 }) })).toBe(EPHEMERAL_MESSAGE);
  });

  it('asks the browser to keep the storage and says nothing when all is well', async () => {
    let asked = 0;
    const warning = await storageWarning({
      estimate: async () => ({ usage: 1000, quota: 10 * GB }),
      persisted: async () => false,
      persist: async () => {
        asked++;
        return true;
      },
    });
    expect(warning).toBeNull();
    expect(asked).toBe(1);
  });

  it('says nothing when the browser cannot tell', async () => {
    expect(await storageWarning(null)).toBeNull();
    expect(await storageWarning({ estimate: async () => ({}) })).toBeNull();
    expect(await storageWarning({ estimate: () => Promise.reject(new Error('no')) })).toBeNull();
  });
});
