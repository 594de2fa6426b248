import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { deflatedZeros, handZip } from './test-support/hand-zip';
import { describe, expect, it } from 'vitest';
import { importDroppedFiles, importProjectZip, INVALID_ZIP_MESSAGE, ZIP_LIMITS, ZipLimitError, type ZipLimits } from './zip';

function refusal(run: () => unknown): ZipLimitError {
  try {
    run();
  } catch (error) {
    if (error instanceof ZipLimitError) return error;
    throw error;
  }
  throw new Error('the import was not refused');
}

const small: ZipLimits = { maxFiles: 3, maxFileBytes: 1000, maxTotalBytes: 2500 };

describe('zip import limits', () => {
  it('refuses a zip bomb whose headers lie about its size, while inflating and without allocating it', () => {
    const bombMegabytes = 1024;
    const data = deflatedZeros(bombMegabytes);
    expect(data.length).toBeLessThan(2 * 1024 * 1024);
    expect(inflateRawSync(deflatedZeros(3)).length).toBe(3 * 1024 * 1024);
    const bomb = handZip([{ name: 'src/bomb.txt', data, claimedSize: 10 }]);
    const before = process.memoryUsage();
    const error = refusal(() => importProjectZip(bomb));
    const after = process.memoryUsage();
    expect(error.kind).toBe('file-size');
    expect(error.message).toBe('“src/bomb.txt” unpacks to more than 25 MB, the largest file a project can import.');
    // Had it unpacked, a gigabyte would be held (or have been collected after the import returned).
    const grown = after.arrayBuffers - before.arrayBuffers + (after.rss - before.rss);
    expect(grown).toBeLessThan(300 * 1024 * 1024);
  });

  it('refuses many files that together unpack past the total, naming it', () => {
    const tenMegabytes = deflatedZeros(10);
    const entries = Array.from({ length: 12 }, (_, i) => ({ name: `part-${i}.bin`, data: tenMegabytes, claimedSize: 1 }));
    const error = refusal(() => importProjectZip(handZip(entries)));
    expect(error.kind).toBe('total-size');
    expect(error.message).toBe('Its files unpack to more than 100 MB in all, the most a project can import.');
  });

  it('refuses before inflating when the declared sizes are already over a limit', () => {
    const tiny = deflateRawSync(Buffer.from('x'));
    const declaredHuge = handZip([{ name: 'a.txt', data: tiny, claimedSize: 30 * 1024 * 1024 }]);
    expect(refusal(() => importProjectZip(declaredHuge)).kind).toBe('file-size');
  });

  it('refuses a zip with more files than the limit, naming the limit', () => {
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i <= ZIP_LIMITS.maxFiles; i++) entries[`f/${i}.txt`] = strToU8('x');
    const error = refusal(() => importProjectZip(zipSync(entries)));
    expect(error.kind).toBe('files');
    expect(error.message).toBe('It holds more than 10,000 files, the most a project can import.');
  });

  it('counts only files that would be imported (node_modules and .git are skipped)', () => {
    const entries: Record<string, Uint8Array> = { 'index.js': strToU8('1') };
    for (let i = 0; i < 10; i++) entries[`node_modules/x/${i}.js`] = strToU8('x');
    expect(Object.keys(importProjectZip(zipSync(entries), small).files)).toEqual(['index.js']);
  });

  it('applies each limit at its edge', () => {
    const exactly = { 'a.txt': strToU8('a'.repeat(1000)), 'b.txt': strToU8('b'.repeat(1000)), 'c.txt': strToU8('c'.repeat(500)) };
    expect(Object.keys(importProjectZip(zipSync(exactly), small).files)).toHaveLength(3);
    expect(refusal(() => importProjectZip(zipSync({ ...exactly, 'd.txt': strToU8('') }), small)).kind).toBe('files');
    expect(refusal(() => importProjectZip(zipSync({ 'a.txt': strToU8('a'.repeat(1001)) }), small)).kind).toBe('file-size');
    const overTotal = { ...exactly, 'c.txt': strToU8('c'.repeat(501)) };
    expect(refusal(() => importProjectZip(zipSync(overTotal), small)).kind).toBe('total-size');
  });

  it('applies the same limits to dropped files', () => {
    const files = Array.from({ length: 4 }, (_, i) => ({ path: `p/${i}.txt`, bytes: strToU8('x') }));
    expect(refusal(() => importDroppedFiles(files, small)).kind).toBe('files');
    expect(refusal(() => importDroppedFiles([{ path: 'big.txt', bytes: new Uint8Array(1001) }], small)).kind).toBe('file-size');
  });

  it('still calls a damaged archive not a zip', () => {
    const zip = zipSync({ 'a.txt': strToU8('hello') });
    expect(() => importProjectZip(zip.subarray(0, zip.length - 10))).toThrow(INVALID_ZIP_MESSAGE);
    const truncatedData = handZip([{ name: 'a.txt', data: deflateRawSync(Buffer.from('hello world')).subarray(0, 3), claimedSize: 11 }]);
    expect(() => importProjectZip(truncatedData)).toThrow(INVALID_ZIP_MESSAGE);
  });
});
