import { describe, expect, it } from 'vitest';
import {
  assertProjectPath,
  basename,
  decodeFileContent,
  dirname,
  encodeFileContent,
  extname,
  isBinary,
  isHiddenPath,
  isTextContent,
  languageForPath,
  normalizeProjectPath,
  PathError,
} from './paths';

describe('normalizeProjectPath', () => {
  it.each([
    ['src/App.tsx', 'src/App.tsx'],
    ['./a/b', 'a/b'],
    ['a//b', 'a/b'],
    ['a/b/', 'a/b'],
    ['a\\b\\c.ts', 'a/b/c.ts'],
    ['./src/./index.ts', 'src/index.ts'],
    ['.gitignore', '.gitignore'],
    ['.github/workflows/ci.yml', '.github/workflows/ci.yml'],
    ['my file (1).txt', 'my file (1).txt'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeProjectPath(input)).toEqual({ ok: true, path: expected });
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['.', /root/],
    ['./', /root/],
    ['/etc/passwd', /absolute/],
    ['C:\\Windows\\x', /absolute/],
    ['c:/x', /absolute/],
    ['\\\\server\\share', /absolute/],
    ['../secret', /"\.\."/],
    ['a/../../b', /"\.\."/],
    ['a\\..\\b', /"\.\."/],
    ['.git/config', /\.git/],
    ['sub/.git/hooks/pre-commit', /\.git/],
    ['.GIT/config', /\.git/],
    ['a\u0000b', /control/],
    ['a\nb', /control/],
    ['x'.repeat(1025), /longer than 1024/],
  ])('refuses %j', (input, reason) => {
    const result = normalizeProjectPath(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('accepts a path of exactly 1024 characters', () => {
    expect(normalizeProjectPath('x'.repeat(1024)).ok).toBe(true);
  });
});

describe('assertProjectPath', () => {
  it('returns the normalized path', () => {
    expect(assertProjectPath('./a//b/')).toBe('a/b');
  });

  it('throws a PathError carrying the reason', () => {
    expect(() => assertProjectPath('../x')).toThrow(PathError);
    expect(() => assertProjectPath('../x')).toThrow(/leave the project/);
  });
});

describe('path helpers', () => {
  it('recognizes hidden tool folders at any depth', () => {
    expect(isHiddenPath('node_modules/react/index.js')).toBe(true);
    expect(isHiddenPath('packages/a/node_modules/x')).toBe(true);
    expect(isHiddenPath('.git')).toBe(true);
    expect(isHiddenPath('src/node_modules_notes.md')).toBe(false);
    expect(isHiddenPath('.gitignore')).toBe(false);
  });

  it('splits paths', () => {
    expect(dirname('a/b/c.ts')).toBe('a/b');
    expect(dirname('c.ts')).toBe('');
    expect(basename('a/b/c.ts')).toBe('c.ts');
    expect(extname('a/b/C.TSX')).toBe('.tsx');
    expect(extname('.env')).toBe('');
    expect(extname('Makefile')).toBe('');
  });
});

describe('file content', () => {
  it('treats valid UTF-8 as text', () => {
    const bytes = new TextEncoder().encode('héllo ✓ 🎉');
    expect(isTextContent(bytes)).toBe(true);
    expect(decodeFileContent(bytes)).toBe('héllo ✓ 🎉');
  });

  it('treats NUL bytes and invalid UTF-8 as binary', () => {
    expect(isTextContent(new Uint8Array([0x68, 0x00, 0x69]))).toBe(false);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(isTextContent(png)).toBe(false);
    expect(decodeFileContent(png)).toBe(png);
  });

  it('only looks for NUL in the first 8 KB', () => {
    const late = new Uint8Array(9000).fill(0x61);
    late[8500] = 0;
    expect(isTextContent(late)).toBe(true);
    const early = new Uint8Array(9000).fill(0x61);
    early[100] = 0;
    expect(isTextContent(early)).toBe(false);
  });

  it('round-trips text with a byte-order mark exactly', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x61]);
    const decoded = decodeFileContent(bytes);
    expect(typeof decoded).toBe('string');
    expect([...encodeFileContent(decoded)]).toEqual([...bytes]);
  });

  it('encodes and classifies content', () => {
    expect([...encodeFileContent('ab')]).toEqual([0x61, 0x62]);
    const bytes = new Uint8Array([1, 2]);
    expect(encodeFileContent(bytes)).toBe(bytes);
    expect(isBinary(bytes)).toBe(true);
    expect(isBinary('x')).toBe(false);
  });
});

describe('languageForPath', () => {
  it.each([
    ['src/App.tsx', 'typescript'],
    ['a.ts', 'typescript'],
    ['a.jsx', 'javascript'],
    ['a.mjs', 'javascript'],
    ['package.json', 'json'],
    ['styles.css', 'css'],
    ['a.scss', 'scss'],
    ['a.less', 'less'],
    ['index.html', 'html'],
    ['README.md', 'markdown'],
    ['ci.yml', 'yaml'],
    ['main.py', 'python'],
    ['run.sh', 'shell'],
    ['logo.svg', 'xml'],
    ['Dockerfile', 'dockerfile'],
    ['.env.local', 'ini'],
    ['notes.txt', 'plaintext'],
    ['LICENSE', 'plaintext'],
    ['constructor', 'plaintext'],
  ])('%s → %s', (path, language) => {
    expect(languageForPath(path)).toBe(language);
  });
});
