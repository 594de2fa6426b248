import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportProjectZip, importDroppedFiles, importProjectZip, INVALID_ZIP_MESSAGE } from './zip';
import type { FileMap } from './types';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);

/** Builds a zip with arbitrary entry names, including ones our exporter would never write. */
function rawZip(entries: Record<string, string | Uint8Array>): Uint8Array {
  const zippable: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(entries)) {
    zippable[name] = typeof content === 'string' ? strToU8(content) : content;
  }
  return zipSync(zippable);
}

describe('exportProjectZip', () => {
  it('writes every file and empty folders, in sorted order, and nothing else', () => {
    const files: FileMap = { 'src/b.ts': 'b', 'README.md': '# Hi ✓', 'public/logo.png': png, 'a.txt': '' };
    const zip = exportProjectZip(files, ['empty/inner', 'src']);
    const entries = unzipSync(zip);
    expect(Object.keys(entries)).toEqual(['README.md', 'a.txt', 'public/logo.png', 'src/b.ts', 'empty/inner/']);
    expect(new TextDecoder().decode(entries['README.md'])).toBe('# Hi ✓');
    expect([...entries['public/logo.png']]).toEqual([...png]);
  });

  it('leaves out node_modules and .git', () => {
    const zip = exportProjectZip({ 'index.js': 'x', 'node_modules/a/index.js': 'y' }, ['node_modules/b']);
    expect(Object.keys(unzipSync(zip))).toEqual(['index.js']);
  });

  it('is byte-for-byte deterministic for a fixed time', () => {
    const mtime = new Date('2024-05-01T12:00:00Z');
    const a = exportProjectZip({ 'b.ts': 'b', 'a.ts': 'a' }, [], { mtime });
    const b = exportProjectZip({ 'a.ts': 'a', 'b.ts': 'b' }, [], { mtime });
    expect(a).toEqual(b);
  });

  it('zips 2,000 small files', () => {
    const files: FileMap = {};
    for (let i = 0; i < 2000; i++) {
      files[`src/module-${Math.floor(i / 100)}/file-${i}.ts`] = `export const value${i} = ${i};\n`.repeat(20);
    }
    const zip = exportProjectZip(files);
    expect(Object.keys(unzipSync(zip))).toHaveLength(2000);
  });

  it('round-trips through importProjectZip', () => {
    const files: FileMap = { 'index.html': '<h1>Hi</h1>', 'img/logo.png': png, 'src/app.js': 'console.log(1)' };
    const result = importProjectZip(exportProjectZip(files, ['assets/empty']));
    expect(result).toEqual({ files, folders: ['assets/empty'], refused: [] });
  });
});

describe('importProjectZip', () => {
  it('decodes text as strings and keeps binary as bytes', () => {
    const result = importProjectZip(rawZip({ 'a.txt': 'héllo', 'b.bin': png }));
    expect(result.files['a.txt']).toBe('héllo');
    expect(result.files['b.bin']).toBeInstanceOf(Uint8Array);
  });

  it('refuses and names entries that would leave the project', () => {
    const result = importProjectZip(rawZip({ 'ok.txt': 'ok', '../evil.sh': 'rm -rf', '/etc/passwd': 'x', 'a/../../b.txt': 'x', 'C:\\win.ini': 'x' }));
    expect(result.files).toEqual({ 'ok.txt': 'ok' });
    expect(result.refused.map((r) => r.path).sort()).toEqual(['../evil.sh', '/etc/passwd', 'C:\\win.ini', 'a/../../b.txt'].sort());
    for (const refusal of result.refused) expect(refusal.reason).toMatch(/absolute|leave the project/);
  });

  it('skips node_modules, .git and macOS metadata silently', () => {
    const result = importProjectZip(
      rawZip({ 'index.js': 'x', 'node_modules/a/b.js': 'y', '.git/HEAD': 'ref', 'sub/.git/config': 'c', '__MACOSX/._index.js': 'z' }),
    );
    expect(result.files).toEqual({ 'index.js': 'x' });
    expect(result.refused).toEqual([]);
  });

  it('strips a single shared top-level folder, as in GitHub zips', () => {
    const zip = zipSync({ 'repo-main': { 'package.json': strToU8('{}'), src: { 'a.ts': strToU8('a') }, empty: {} } });
    const result = importProjectZip(zip);
    expect(result.files).toEqual({ 'package.json': '{}', 'src/a.ts': 'a' });
    expect(result.folders).toEqual(['empty']);
  });

  it('keeps top-level folders when entries do not all share one', () => {
    const result = importProjectZip(rawZip({ 'src/a.ts': 'a', 'README.md': 'r' }));
    expect(Object.keys(result.files).sort()).toEqual(['README.md', 'src/a.ts']);
    const twoFolders = importProjectZip(rawZip({ 'src/a.ts': 'a', 'lib/b.ts': 'b' }));
    expect(Object.keys(twoFolders.files).sort()).toEqual(['lib/b.ts', 'src/a.ts']);
  });

  it('accepts backslash paths from Windows zip tools', () => {
    const result = importProjectZip(rawZip({ 'src\\a.ts': 'a', 'b.ts': 'b' }));
    expect(Object.keys(result.files).sort()).toEqual(['b.ts', 'src/a.ts']);
  });

  it('throws a plain error for bytes that are not a zip', () => {
    expect(() => importProjectZip(strToU8('definitely not a zip'))).toThrow(INVALID_ZIP_MESSAGE);
    const truncated = exportProjectZip({ 'a.txt': 'a'.repeat(1000) }).slice(0, 40);
    expect(() => importProjectZip(truncated)).toThrow(INVALID_ZIP_MESSAGE);
  });

  it('returns nothing for an empty zip', () => {
    expect(importProjectZip(zipSync({}))).toEqual({ files: {}, folders: [], refused: [] });
  });
});

describe('importDroppedFiles', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('strips the dropped folder name and applies the same rules', () => {
    const result = importDroppedFiles([
      { path: 'my-app/index.html', bytes: bytes('<p>') },
      { path: 'my-app/src/main.js', bytes: bytes('main') },
      { path: 'my-app/node_modules/x/i.js', bytes: bytes('x') },
      { path: 'my-app/logo.png', bytes: png },
    ]);
    expect(result.files).toEqual({ 'index.html': '<p>', 'src/main.js': 'main', 'logo.png': png });
    expect(result.refused).toEqual([]);
  });

  it('keeps paths of loose dropped files and refuses escaping ones', () => {
    const result = importDroppedFiles([
      { path: 'a.txt', bytes: bytes('a') },
      { path: '../b.txt', bytes: bytes('b') },
    ]);
    expect(result.files).toEqual({ 'a.txt': 'a' });
    expect(result.refused).toEqual([{ path: '../b.txt', reason: expect.stringMatching(/leave the project/) }]);
  });

  it('refuses a file that clashes with a folder of the same name', () => {
    const result = importDroppedFiles([
      { path: 'x', bytes: bytes('file') },
      { path: 'x/y.txt', bytes: bytes('inner') },
    ]);
    expect(result.files).toEqual({ 'x/y.txt': 'inner' });
    expect(result.refused.map((r) => r.path)).toEqual(['x']);
  });
});

describe('export and the ignore rules', () => {
  it("leaves out build output and what the project's .gitignore ignores", () => {
    const zip = exportProjectZip({ '.gitignore': '*.log\n', 'src/a.ts': 'a', 'debug.log': 'x', 'dist/index.html': 'd', 'src/build/b.ts': 'b' });
    expect(Object.keys(unzipSync(zip)).sort()).toEqual(['.gitignore', 'src/a.ts', 'src/build/b.ts']);
  });
});
