import { mkdir, mkdtemp, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FileNotFoundError, Workspace } from './workspace';

describe('Workspace', () => {
  let dir: string;
  let workspace: Workspace;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tabsmith-ws-'));
    workspace = new Workspace(dir, 'proj-1');
    await workspace.ensure();
  });

  it('refuses invalid project ids', () => {
    expect(() => new Workspace(dir, '../etc')).toThrow(/not a valid project id/);
  });

  it('writes, reads and deletes text and bytes', async () => {
    await workspace.write('src/a.txt', 'héllo');
    await workspace.write('img.bin', new Uint8Array([0, 1, 2]));
    expect(new TextDecoder().decode(await workspace.read('src/a.txt'))).toBe('héllo');
    expect([...(await workspace.read('img.bin'))]).toEqual([0, 1, 2]);
    await workspace.delete('src/a.txt');
    await expect(workspace.read('src/a.txt')).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(stat(path.join(workspace.root, 'src'))).rejects.toThrow();
  });

  it('never writes through a link that leaves the workspace', async () => {
    const outside = path.join(dir, 'outside');
    await mkdir(outside);
    await symlink(outside, path.join(workspace.root, 'out'));
    await expect(workspace.write('out/x.txt', 'x')).rejects.toThrow(/leaves the project/);
    await expect(stat(path.join(outside, 'x.txt'))).rejects.toThrow();
    await expect(workspace.write('.git/config', 'x')).rejects.toThrow(/\.git/);
  });

  it('mount writes project files, keeps and reports unknown ones, and leaves node_modules and .git alone', async () => {
    await workspace.write('made-by-command.db', 'data');
    await workspace.write('keep.txt', 'same');
    await mkdir(path.join(workspace.root, 'node_modules', 'pkg'), { recursive: true });
    await writeFile(path.join(workspace.root, 'node_modules', 'pkg', 'index.js'), 'module');
    await mkdir(path.join(workspace.root, '.git'));
    await writeFile(path.join(workspace.root, '.git', 'HEAD'), 'ref');
    await workspace.write('dist/bundle.js', 'built');
    const before = await stat(path.join(workspace.root, 'keep.txt'));

    const kept = await workspace.mount({ 'keep.txt': 'same', 'src/new.ts': 'new' });

    expect(kept.map((file) => file.path)).toEqual(['made-by-command.db']);
    expect(await readFile(path.join(workspace.root, 'made-by-command.db'), 'utf8')).toBe('data');
    expect(await readFile(path.join(workspace.root, 'dist', 'bundle.js'), 'utf8')).toBe('built');
    expect(await readFile(path.join(workspace.root, 'src', 'new.ts'), 'utf8')).toBe('new');
    expect(await readFile(path.join(workspace.root, 'node_modules', 'pkg', 'index.js'), 'utf8')).toBe('module');
    expect(await readFile(path.join(workspace.root, '.git', 'HEAD'), 'utf8')).toBe('ref');
    // Unchanged content is not rewritten, so dev servers are not woken for nothing.
    expect((await stat(path.join(workspace.root, 'keep.txt'))).mtimeMs).toBe(before.mtimeMs);
  });

  it('mount removes only files deleted after their last change on disk', async () => {
    await workspace.write('stale.txt', 'old copy');
    await workspace.write('remade.txt', 'made again by a command');
    const stale = (await stat(path.join(workspace.root, 'stale.txt'))).mtimeMs;
    const remade = (await stat(path.join(workspace.root, 'remade.txt'))).mtimeMs;

    const kept = await workspace.mount({}, { 'stale.txt': stale + 1000, 'remade.txt': remade - 1000 });

    await expect(stat(path.join(workspace.root, 'stale.txt'))).rejects.toThrow();
    expect(kept.map((file) => file.path)).toEqual(['remade.txt']);
  });

  it("mount leaves what the project's .gitignore ignores alone and does not report it", async () => {
    await workspace.write('.gitignore', 'secret/\n');
    await workspace.write('secret/key.txt', 'k');
    const kept = await workspace.mount({ '.gitignore': 'secret/\n' }, { 'secret/key.txt': Date.now() + 10_000 });
    expect(kept).toEqual([]);
    expect(await readFile(path.join(workspace.root, 'secret', 'key.txt'), 'utf8')).toBe('k');
  });
});
