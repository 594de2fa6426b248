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

  it('mount replaces project files but leaves node_modules and .git alone', async () => {
    await workspace.write('old.txt', 'old');
    await workspace.write('keep.txt', 'same');
    await mkdir(path.join(workspace.root, 'node_modules', 'pkg'), { recursive: true });
    await writeFile(path.join(workspace.root, 'node_modules', 'pkg', 'index.js'), 'module');
    await mkdir(path.join(workspace.root, '.git'));
    await writeFile(path.join(workspace.root, '.git', 'HEAD'), 'ref');
    const before = await stat(path.join(workspace.root, 'keep.txt'));

    await workspace.mount({ 'keep.txt': 'same', 'src/new.ts': 'new' });

    await expect(stat(path.join(workspace.root, 'old.txt'))).rejects.toThrow();
    expect(await readFile(path.join(workspace.root, 'src', 'new.ts'), 'utf8')).toBe('new');
    expect(await readFile(path.join(workspace.root, 'node_modules', 'pkg', 'index.js'), 'utf8')).toBe('module');
    expect(await readFile(path.join(workspace.root, '.git', 'HEAD'), 'utf8')).toBe('ref');
    // Unchanged content is not rewritten, so dev servers are not woken for nothing.
    expect((await stat(path.join(workspace.root, 'keep.txt'))).mtimeMs).toBe(before.mtimeMs);
  });
});
