import { describe, expect, it } from 'vitest';
import { executeTool } from './execute-tool';
import { FakeRuntime } from '../runtime/test-support/fake-runtime';
import { FakeAgentFiles, fakeContext } from './test-support/fake-tool-context';
import { ToolError } from './tool-results';

async function toolError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ToolError);
    return (error as Error).message;
  }
  throw new Error('expected the tool to fail');
}

describe('executeTool: dispatch and validation', () => {
  it('refuses an unknown tool and lists the available ones', async () => {
    const message = await toolError(executeTool('make_coffee', {}, fakeContext()));
    expect(message).toBe(
      'Unknown tool "make_coffee". Available tools: write_file, edit_file, delete_file, move_file, read_file, list_files, search_files, run_command, list_processes, process_output, stop_process, check_preview, test_preview.',
    );
  });

  it('names the bad field of an invalid input', async () => {
    const message = await toolError(executeTool('write_file', { path: 'a.txt' }, fakeContext()));
    expect(message).toMatch(/^Invalid input for write_file: "content": /);
    const edits = await toolError(executeTool('edit_file', { path: 'a.txt', edits: [{ old_text: 'x' }] }, fakeContext()));
    expect(edits).toContain('"edits.0.new_text"');
    const empty = await toolError(executeTool('edit_file', { path: 'a.txt', edits: [] }, fakeContext()));
    expect(empty).toContain('"edits"');
  });

  it('accepts a missing input for check_preview', async () => {
    await expect(executeTool('check_preview', undefined, fakeContext())).resolves.toEqual({
      status: 'not-running',
      url: null,
      errors: [],
    });
  });

  it('turns unexpected failures into a ToolError', async () => {
    const ctx = fakeContext();
    ctx.files.write = async () => {
      throw new Error('disk full');
    };
    expect(await toolError(executeTool('write_file', { path: 'a.txt', content: 'x' }, ctx))).toBe(
      'write_file failed: disk full',
    );
  });
});

describe('paths', () => {
  const bad = ['/etc/passwd', '../outside.txt', 'src/../../x', '.git/config', 'src/.git/HEAD', 'C:\\Windows\\x', ''];
  for (const tool of ['write_file', 'edit_file', 'delete_file', 'read_file'] as const) {
    it(`${tool} refuses paths outside the project`, async () => {
      for (const path of bad) {
        const ctx = fakeContext();
        const input =
          tool === 'write_file'
            ? { path, content: 'x' }
            : tool === 'edit_file'
              ? { path, edits: [{ old_text: 'a', new_text: 'b' }] }
              : { path };
        const message = await toolError(executeTool(tool, input, ctx));
        expect(message).toMatch(/^Refused: .* is outside the project\./);
        expect(ctx.files.writes).toEqual([]);
        expect(ctx.files.deletes).toEqual([]);
      }
    });
  }

  it('list_files refuses a bad folder', async () => {
    expect(await toolError(executeTool('list_files', { path: '../x' }, fakeContext()))).toMatch(/^Refused:/);
  });

  it('normalises ./ and backslashes', async () => {
    const ctx = fakeContext();
    await executeTool('write_file', { path: './src\\App.tsx', content: 'x' }, ctx);
    expect(ctx.files.list()).toEqual(['src/App.tsx']);
  });

  it('refuses to change node_modules', async () => {
    const ctx = fakeContext();
    expect(await toolError(executeTool('write_file', { path: 'node_modules/x/index.js', content: 'x' }, ctx))).toContain(
      'npm manages',
    );
    expect(ctx.files.writes).toEqual([]);
  });
});

describe('write_file', () => {
  it('creates a file and reports bytes and lines', async () => {
    const ctx = fakeContext();
    const result = await executeTool('write_file', { path: 'src/App.tsx', content: 'a\nb\nç\n' }, ctx);
    expect(result).toEqual({ ok: true, bytes: 7, created: true, added_lines: 3, removed_lines: 0 });
    expect(ctx.files.read('src/App.tsx')).toBe('a\nb\nç\n');
  });

  it('replaces a file and counts the changed lines', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'a.txt': 'one\ntwo\nthree\n' }) });
    const result = await executeTool('write_file', { path: 'a.txt', content: 'one\n2\nthree\nfour\n' }, ctx);
    expect(result).toMatchObject({ created: false, added_lines: 2, removed_lines: 1 });
  });

  it('refuses content over the size limit', async () => {
    const ctx = fakeContext({ limits: { maxFileBytes: 10 } });
    const message = await toolError(executeTool('write_file', { path: 'big.txt', content: 'x'.repeat(11) }, ctx));
    expect(message).toBe('Refused: the content for big.txt is 11 bytes; files over 10 bytes cannot be written. Split it into smaller files.');
    expect(ctx.files.writes).toEqual([]);
  });

  it('has a 2 MB default limit', async () => {
    const ctx = fakeContext();
    const message = await toolError(executeTool('write_file', { path: 'big.txt', content: 'x'.repeat(2 * 1024 * 1024 + 1) }, ctx));
    expect(message).toContain('files over 2.0 MB cannot be written');
  });
});

describe('edit_file', () => {
  const app = 'export function App() {\n  const label = "Count";\n  return <button>{label}</button>;\n}\n';

  it('applies edits in order to the progressively edited text', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'src/App.tsx': app }) });
    const result = await executeTool(
      'edit_file',
      {
        path: 'src/App.tsx',
        edits: [
          { old_text: '"Count"', new_text: '"Clicks"' },
          { old_text: 'const label = "Clicks";', new_text: 'const label = "Clicks";\n  const extra = 1;' },
        ],
      },
      ctx,
    );
    expect(result).toEqual({ ok: true, applied: 2, added_lines: 2, removed_lines: 1 });
    expect(ctx.files.read('src/App.tsx')).toBe(
      'export function App() {\n  const label = "Clicks";\n  const extra = 1;\n  return <button>{label}</button>;\n}\n',
    );
  });

  it('treats $ in new_text literally', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'a.ts': 'price = 0;\n' }) });
    await executeTool('edit_file', { path: 'a.ts', edits: [{ old_text: '0', new_text: "'$&$1'" }] }, ctx);
    expect(ctx.files.read('a.ts')).toBe("price = '$&$1';\n");
  });

  it('names the edit that was not found and changes nothing when a later edit fails', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'src/App.tsx': app }) });
    const message = await toolError(
      executeTool(
        'edit_file',
        {
          path: 'src/App.tsx',
          edits: [
            { old_text: '"Count"', new_text: '"Clicks"' },
            { old_text: 'not in the file', new_text: 'x' },
            { old_text: 'App', new_text: 'Main' },
          ],
        },
        ctx,
      ),
    );
    expect(message).toMatch(/^Edit 2 of 3 failed: old_text was not found in src\/App\.tsx/);
    expect(message).toContain('No edits were applied');
    expect(ctx.files.read('src/App.tsx')).toBe(app);
    expect(ctx.files.writes).toEqual([]);
  });

  it('refuses an ambiguous old_text and says how many times it matched', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'a.ts': 'x = 1;\ny = 1;\nz = 1;\n' }) });
    const message = await toolError(
      executeTool('edit_file', { path: 'a.ts', edits: [{ old_text: '= 1;', new_text: '= 2;' }] }, ctx),
    );
    expect(message).toMatch(
      /^Edit 1 of 1 failed: old_text was found 3 times in a\.ts; include more surrounding lines so it matches once/,
    );
    expect(ctx.files.read('a.ts')).toBe('x = 1;\ny = 1;\nz = 1;\n');
  });

  it('refuses an empty old_text', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'a.ts': 'x' }) });
    expect(
      await toolError(executeTool('edit_file', { path: 'a.ts', edits: [{ old_text: '', new_text: 'y' }] }, ctx)),
    ).toMatch(/^Edit 1 of 1 failed: old_text is empty/);
  });

  it('matches LF old_text against a CRLF file, keeping CRLF', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'a.ts': 'one\r\ntwo\r\nthree\r\n' }) });
    const result = await executeTool(
      'edit_file',
      { path: 'a.ts', edits: [{ old_text: 'one\ntwo', new_text: 'one\n2' }] },
      ctx,
    );
    expect(result).toMatchObject({ ok: true, applied: 1 });
    expect(ctx.files.read('a.ts')).toBe('one\r\n2\r\nthree\r\n');
  });

  it('matches CRLF old_text against an LF file', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'a.ts': 'one\ntwo\n' }) });
    await executeTool('edit_file', { path: 'a.ts', edits: [{ old_text: 'one\r\ntwo', new_text: 'uno\r\ndos' }] }, ctx);
    expect(ctx.files.read('a.ts')).toBe('uno\ndos\n');
  });

  it('refuses a missing file and suggests one with the same name', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'src/components/App.tsx': 'x' }) });
    const message = await toolError(
      executeTool('edit_file', { path: 'src/App.tsx', edits: [{ old_text: 'x', new_text: 'y' }] }, ctx),
    );
    expect(message).toBe('src/App.tsx does not exist. Did you mean src/components/App.tsx? Use write_file to create it.');
  });

  it('refuses a binary file', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'logo.png': new Uint8Array([137, 80, 0]) }) });
    expect(
      await toolError(executeTool('edit_file', { path: 'logo.png', edits: [{ old_text: 'x', new_text: 'y' }] }, ctx)),
    ).toContain('binary');
  });

  it('refuses when the edited file would exceed the size limit', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'a.ts': 'ab' }), limits: { maxFileBytes: 5 } });
    expect(
      await toolError(executeTool('edit_file', { path: 'a.ts', edits: [{ old_text: 'a', new_text: 'aaaaaa' }] }, ctx)),
    ).toMatch(/^Refused: after these edits a\.ts would be 7 bytes/);
    expect(ctx.files.read('a.ts')).toBe('ab');
  });
});

describe('delete_file', () => {
  it('deletes a file', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'a.ts': 'x', 'b.ts': 'y' }) });
    expect(await executeTool('delete_file', { path: 'a.ts' }, ctx)).toEqual({ ok: true, path: 'a.ts', deleted: 1 });
    expect(ctx.files.list()).toEqual(['b.ts']);
  });

  it('deletes a folder with everything in it, and nothing beside it', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'src/a.ts': 'x', 'src/deep/b.ts': 'y', 'srcx/c.ts': 'z' }) });
    expect(await executeTool('delete_file', { path: 'src' }, ctx)).toEqual({ ok: true, path: 'src', deleted: 2 });
    expect(ctx.files.list()).toEqual(['srcx/c.ts']);
  });

  it('refuses a missing path', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'src/a.ts': 'x' }) });
    expect(await toolError(executeTool('delete_file', { path: 'nope.ts' }, ctx))).toBe('nope.ts does not exist. Nothing was deleted.');
    expect(ctx.files.deletes).toEqual([]);
  });
});

describe('read_file', () => {
  it('returns text content', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'a.ts': 'hello' }) });
    expect(await executeTool('read_file', { path: 'a.ts' }, ctx)).toEqual({ content: 'hello', total_lines: 1, total_chars: 5 });
  });

  const numbered = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

  it('reads a range of lines, keeping their exact text', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'a.ts': numbered.replace(/\n/g, '\r\n') }) });
    const result = await executeTool('read_file', { path: 'a.ts', offset: 10, limit: 3 }, ctx);
    expect(result).toMatchObject({
      content: 'line 10\r\nline 11\r\nline 12\r\n',
      total_lines: 50,
      lines: { from: 10, to: 12 },
      truncated: true,
    });
    expect((result as { note: string }).note).toBe(
      'Showing lines 10-12 of 50. To read on, call read_file with offset 13; search_files finds the lines you need.',
    );
    expect(await executeTool('read_file', { path: 'a.ts', offset: 49 }, ctx)).toMatchObject({
      content: 'line 49\r\nline 50\r\n',
      lines: { from: 49, to: 50 },
    });
    expect(await toolError(executeTool('read_file', { path: 'a.ts', offset: 51 }, ctx))).toBe(
      'a.ts has 50 lines; offset 51 is past the end. Use an offset from 1 to 50.',
    );
  });

  it('returns a long file in parts, saying how to read on', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'a.ts': numbered }), limits: { readMaxLines: 20 } });
    const first = await executeTool('read_file', { path: 'a.ts' }, ctx);
    expect(first).toMatchObject({ total_lines: 50, lines: { from: 1, to: 20 }, truncated: true });
    expect((first as { note: string }).note).toContain('offset 21');
    const bychars = fakeContext({ files: new FakeAgentFiles({ 'a.ts': numbered }), limits: { readMaxChars: 30 } });
    expect(await executeTool('read_file', { path: 'a.ts' }, bychars)).toMatchObject({
      content: 'line 1\nline 2\nline 3\nline 4\n',
      lines: { from: 1, to: 4 },
    });
  });

  it('cuts a single line longer than the limit', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'a.ts': 'x'.repeat(100) }), limits: { readMaxChars: 10 } });
    expect(await executeTool('read_file', { path: 'a.ts' }, ctx)).toMatchObject({
      content: 'x'.repeat(10),
      truncated: true,
      total_chars: 100,
      lines: { from: 1, to: 1 },
      note: 'Line 1 is longer than 10 characters; only its start is shown. search_files shows the part around a match.',
    });
  });

  it('refuses binary and missing files', async () => {
    const ctx = fakeContext({ files: new FakeAgentFiles({ 'logo.png': new Uint8Array(2048) }) });
    expect(await toolError(executeTool('read_file', { path: 'logo.png' }, ctx))).toBe(
      'logo.png is a binary file (2.0 KB); it cannot be shown as text.',
    );
    expect(await toolError(executeTool('read_file', { path: 'x.ts' }, ctx))).toBe(
      'x.ts does not exist. Use list_files or search_files to find it.',
    );
  });

  it('reads a package file from the runtime', async () => {
    const runtime = new FakeRuntime();
    runtime.files.set('node_modules/vite/package.json', '{"version":"7.0.0"}');
    const ctx = fakeContext({ runtime });
    expect(await executeTool('read_file', { path: 'node_modules/vite/package.json' }, ctx)).toMatchObject({
      content: '{"version":"7.0.0"}',
    });
  });
});

describe('list_files', () => {
  const files = new FakeAgentFiles({ 'src/App.tsx': '', 'src/main.tsx': '', 'srcx/a.ts': '', 'package.json': '' });

  it('lists every file, or those under a folder', async () => {
    expect(await executeTool('list_files', {}, fakeContext({ files }))).toEqual({
      files: ['package.json', 'src/App.tsx', 'src/main.tsx', 'srcx/a.ts'],
    });
    expect(await executeTool('list_files', { path: 'src/' }, fakeContext({ files }))).toEqual({
      files: ['src/App.tsx', 'src/main.tsx'],
    });
    expect(await executeTool('list_files', { path: '.' }, fakeContext({ files }))).toMatchObject({
      files: ['package.json', 'src/App.tsx', 'src/main.tsx', 'srcx/a.ts'],
    });
  });

  it('says when a folder has no files', async () => {
    expect(await executeTool('list_files', { path: 'lib' }, fakeContext({ files }))).toEqual({
      files: [],
      note: 'No files under lib.',
    });
  });
});
