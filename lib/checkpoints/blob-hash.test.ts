import { describe, expect, it, vi } from 'vitest';
import { FileHasher, hashContent } from './blob-hash';

describe('hashContent', () => {
  it('gives the SHA-256 of the content, tagged with its kind', async () => {
    const { createHash } = await import('node:crypto');
    const expected = createHash('sha256').update(Buffer.concat([Buffer.from('t'), Buffer.from('héllo', 'utf8')])).digest('hex');
    expect(await hashContent('héllo')).toBe(expected);
  });

  it('tells text and bytes with the same bytes apart', async () => {
    const text = await hashContent('abc');
    const bytes = await hashContent(new TextEncoder().encode('abc'));
    expect(text).not.toBe(bytes);
    expect(bytes).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells apart strings that differ only in lone surrogates', async () => {
    expect(await hashContent('a\uD800b')).not.toBe(await hashContent('a\uFFFDb'));
    expect(await hashContent('a\uD800b')).not.toBe(await hashContent('a\uDC00b'));
  });

  it('gives equal hashes for equal content', async () => {
    expect(await hashContent(new Uint8Array([1, 2, 3]))).toBe(await hashContent(new Uint8Array([1, 2, 3])));
    expect(await hashContent('x'.repeat(1000))).toBe(await hashContent('x'.repeat(1000)));
  });
});

describe('FileHasher', () => {
  it('re-hashes only files whose content object changed', async () => {
    const hasher = new FileHasher();
    const files = { 'a.txt': 'one', 'b.bin': new Uint8Array([1, 2]), 'c.txt': 'three' };
    const first = await hasher.hashFiles(files);
    expect(hasher.lastHashedCount).toBe(3);
    const digest = vi.spyOn(globalThis.crypto.subtle, 'digest');
    const second = await hasher.hashFiles({ ...files, 'c.txt': 'changed' });
    expect(hasher.lastHashedCount).toBe(1);
    expect(digest).toHaveBeenCalledTimes(1);
    digest.mockRestore();
    expect(second['a.txt']).toBe(first['a.txt']);
    expect(second['c.txt']).not.toBe(first['c.txt']);
    expect(second['c.txt']).toBe(await hashContent('changed'));
  });

  it('notices a new byte array even with equal length', async () => {
    const hasher = new FileHasher();
    await hasher.hashFiles({ 'a.bin': new Uint8Array([1, 2]) });
    const next = await hasher.hashFiles({ 'a.bin': new Uint8Array([3, 4]) });
    expect(next['a.bin']).toBe(await hashContent(new Uint8Array([3, 4])));
  });

  it('forgets removed paths and returns keys in path order', async () => {
    const hasher = new FileHasher();
    await hasher.hashFiles({ 'b.txt': 'b', 'a.txt': 'a' });
    const next = await hasher.hashFiles({ 'b.txt': 'b' });
    expect(Object.keys(next)).toEqual(['b.txt']);
    const again = await hasher.hashFiles({ 'b.txt': 'b', 'a.txt': 'a' });
    expect(hasher.lastHashedCount).toBe(1);
    expect(Object.keys(again)).toEqual(['a.txt', 'b.txt']);
  });
});
