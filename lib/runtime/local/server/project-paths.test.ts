import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { PathRefusedError, checkProjectPath, isValidProjectId, resolveProjectPath } from './project-paths';

describe('checkProjectPath', () => {
  it.each([
    ['/etc/passwd', /absolute/],
    ['../outside.txt', /leaves the project/],
    ['src/../../x', /leaves the project/],
    ['.git/config', /\.git/],
    ['sub/.git/HEAD', /\.git/],
    ['', /empty/],
    ['.', /project folder itself/],
    ['C:/x', /absolute/],
    ['a\\b', /absolute/],
  ])('refuses %j', (input, reason) => {
    expect(() => checkProjectPath(input)).toThrow(reason);
  });

  it('normalises harmless paths', () => {
    expect(checkProjectPath('./src//App.tsx')).toEqual(['src', 'App.tsx']);
  });
});

describe('isValidProjectId', () => {
  it('accepts ids of letters, digits, dash and underscore only', () => {
    expect(isValidProjectId('abc_DEF-123')).toBe(true);
    expect(isValidProjectId('../x')).toBe(false);
    expect(isValidProjectId('a'.repeat(65))).toBe(false);
    expect(isValidProjectId('')).toBe(false);
  });
});

describe('resolveProjectPath', () => {
  let workspace: string;
  let outside: string;

  beforeEach(async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'tabsmith-paths-'));
    workspace = path.join(base, 'ws');
    outside = path.join(base, 'outside');
    await mkdir(workspace);
    await mkdir(outside);
    await writeFile(path.join(outside, 'secret.txt'), 'secret');
  });

  it('resolves a normal path inside the workspace, even when its folders do not exist yet', async () => {
    const resolved = await resolveProjectPath(workspace, 'src/deep/App.tsx');
    expect(resolved.endsWith(path.join('ws', 'src', 'deep', 'App.tsx'))).toBe(true);
  });

  it('refuses a path through a symlinked folder that leaves the workspace', async () => {
    await symlink(outside, path.join(workspace, 'escape'));
    await expect(resolveProjectPath(workspace, 'escape/secret.txt')).rejects.toBeInstanceOf(PathRefusedError);
    await expect(resolveProjectPath(workspace, 'escape/new/file.txt')).rejects.toThrow(/leaves the project/);
  });

  it('refuses a file symlink pointing outside, including a dangling one', async () => {
    await symlink(path.join(outside, 'secret.txt'), path.join(workspace, 'link.txt'));
    await symlink(path.join(outside, 'not-yet.txt'), path.join(workspace, 'dangling.txt'));
    await expect(resolveProjectPath(workspace, 'link.txt')).rejects.toThrow(/outside the project/);
    await expect(resolveProjectPath(workspace, 'dangling.txt')).rejects.toThrow(/outside the project/);
  });

  it('allows a symlink that stays inside', async () => {
    await mkdir(path.join(workspace, 'real'));
    await symlink(path.join(workspace, 'real'), path.join(workspace, 'alias'));
    await expect(resolveProjectPath(workspace, 'alias/file.txt')).resolves.toContain('ws');
  });
});
