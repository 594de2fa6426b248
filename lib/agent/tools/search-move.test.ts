import { describe, expect, it } from 'vitest';
import { executeTool } from '../execute-tool';
import { FakeAgentFiles, fakeContext } from '../test-support/fake-tool-context';
import { ToolError } from '../tool-results';
import { globToRegExp } from './search-files';

async function toolError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ToolError);
  return (error as Error).message;
}

const project = () =>
  new FakeAgentFiles({
    'src/App.tsx': "import { useState } from 'react';\nexport function App() {\n  const [n, setN] = useState(0);\n  return <p>{n}</p>;\n}\n",
    'src/components/Button.tsx': "export function Button() {\n  return <button className=\"bg-sky-500\">Go</button>;\n}\n",
    'src/index.css': '@import "tailwindcss";\n',
    'README.md': 'useState is a hook\n',
    'logo.png': new Uint8Array([137, 80, 78, 71]),
  });

describe('search_files', () => {
  it('finds matching lines with path and line number, in every text file', async () => {
    const result = await executeTool('search_files', { pattern: 'useState' }, fakeContext({ files: project() }));
    expect(result).toMatchObject({
      matches: [
        { path: 'README.md', line: 1, text: 'useState is a hook' },
        { path: 'src/App.tsx', line: 1, text: "import { useState } from 'react';" },
        { path: 'src/App.tsx', line: 3, text: '  const [n, setN] = useState(0);' },
      ],
      truncated: false,
    });
  });

  it('narrows by folder and by glob', async () => {
    const ctx = fakeContext({ files: project() });
    expect(await executeTool('search_files', { pattern: 'useState', path: 'src' }, ctx)).toMatchObject({
      matches: [{ path: 'src/App.tsx', line: 1 }, { path: 'src/App.tsx', line: 3 }],
    });
    expect(await executeTool('search_files', { pattern: 'export', glob: '*.tsx' }, ctx)).toMatchObject({
      matches: [{ path: 'src/App.tsx', line: 2 }, { path: 'src/components/Button.tsx', line: 1 }],
    });
    expect(await executeTool('search_files', { pattern: 'export', glob: 'src/components/**' }, ctx)).toMatchObject({
      matches: [{ path: 'src/components/Button.tsx', line: 1 }],
    });
    expect(await executeTool('search_files', { pattern: 'nothing-like-this' }, ctx)).toMatchObject({
      matches: [],
      truncated: false,
      note: 'No line in 4 files matches.',
    });
  });

  it('stops at the match limit and says so', async () => {
    const many = new FakeAgentFiles({ 'a.txt': 'hit\n'.repeat(50) });
    const result = await executeTool('search_files', { pattern: 'hit' }, fakeContext({ files: many, limits: { searchMaxMatches: 10 } }));
    expect(result).toMatchObject({ truncated: true });
    expect((result as { matches: unknown[] }).matches).toHaveLength(10);
  });

  it('shows only the part of a very long line around the match', async () => {
    const minified = new FakeAgentFiles({ 'dist.js': `${'a'.repeat(5000)}NEEDLE${'b'.repeat(5000)}` });
    const result = (await executeTool('search_files', { pattern: 'NEEDLE' }, fakeContext({ files: minified }))) as {
      matches: { text: string }[];
    };
    expect(result.matches[0].text).toContain('NEEDLE');
    expect(result.matches[0].text.length).toBeLessThan(300);
  });

  it('explains an invalid regular expression', async () => {
    expect(await toolError(executeTool('search_files', { pattern: 'useState(' }, fakeContext({ files: project() })))).toMatch(
      /^pattern is not a valid regular expression .*Escape characters/,
    );
  });

  it('translates globs', () => {
    expect(globToRegExp('*.tsx').test('App.tsx')).toBe(true);
    expect(globToRegExp('src/*.ts').test('src/a/b.ts')).toBe(false);
    expect(globToRegExp('src/**/*.ts').test('src/a/b.ts')).toBe(true);
    expect(globToRegExp('src/**/*.ts').test('src/b.ts')).toBe(true);
    expect(globToRegExp('*.{ts,tsx}').test('a.tsx')).toBe(true);
    expect(globToRegExp('*.{ts,tsx}').test('a.css')).toBe(false);
    expect(globToRegExp('a,b.txt').test('a,b.txt')).toBe(true);
  });
});

describe('move_file', () => {
  it('moves a file', async () => {
    const ctx = fakeContext({ files: project() });
    expect(await executeTool('move_file', { from: 'README.md', to: 'docs/README.md' }, ctx)).toEqual({ ok: true, moved: 1 });
    expect(ctx.files.read('docs/README.md')).toBe('useState is a hook\n');
    expect(ctx.files.read('README.md')).toBeUndefined();
  });

  it('moves a folder with everything in it', async () => {
    const ctx = fakeContext({ files: project() });
    expect(await executeTool('move_file', { from: 'src/components', to: 'src/ui' }, ctx)).toEqual({ ok: true, moved: 1 });
    expect(ctx.files.list()).toEqual(['README.md', 'logo.png', 'src/App.tsx', 'src/index.css', 'src/ui/Button.tsx']);
  });

  it('refuses a missing source, an existing target, a move into itself and paths outside the project', async () => {
    const ctx = fakeContext({ files: project() });
    expect(await toolError(executeTool('move_file', { from: 'nope', to: 'x' }, ctx))).toBe('nope does not exist. Nothing was moved.');
    expect(await toolError(executeTool('move_file', { from: 'README.md', to: 'src/App.tsx' }, ctx))).toBe(
      'src/App.tsx already exists. Delete it first or choose another path.',
    );
    expect(await toolError(executeTool('move_file', { from: 'README.md', to: 'src' }, ctx))).toBe(
      'src already exists. Delete it first or choose another path.',
    );
    expect(await toolError(executeTool('move_file', { from: 'src', to: 'src/inner' }, ctx))).toBe(
      'The folder src cannot be moved inside itself.',
    );
    expect(await toolError(executeTool('move_file', { from: 'README.md', to: '../x.md' }, ctx))).toMatch(/^Refused/);
    expect(await toolError(executeTool('move_file', { from: 'README.md', to: 'node_modules/x.md' }, ctx))).toMatch(/node_modules/);
    expect(ctx.files.moves).toEqual([]);
  });
});
