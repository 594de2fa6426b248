import { describe, expect, it } from 'vitest';
import { allTreePaths, buildFileTree, type TreeNode } from './file-tree-model';

const names = (nodes: TreeNode[]) => nodes.map((n) => n.name);

describe('buildFileTree', () => {
  it('nests files in folders, folders first, in natural order', () => {
    const tree = buildFileTree(
      { 'b.txt': 'b', 'a10.txt': '', 'a2.txt': '', 'src/App.tsx': '', 'src/lib/x.ts': '', 'assets/logo.png': new Uint8Array([1]) },
      ['docs'],
    );
    expect(names(tree)).toEqual(['assets', 'docs', 'src', 'a2.txt', 'a10.txt', 'b.txt']);
    const src = tree.find((n) => n.path === 'src');
    expect(src?.kind === 'folder' && names(src.children)).toEqual(['lib', 'App.tsx']);
  });

  it('marks binary files and images', () => {
    const [assets] = buildFileTree({ 'assets/logo.png': new Uint8Array([1]), 'assets/data.bin': new Uint8Array([0]) }, []);
    expect(assets.kind === 'folder' && assets.children).toEqual([
      { kind: 'file', name: 'data.bin', path: 'assets/data.bin', binary: true, image: false, tooLarge: false },
      { kind: 'file', name: 'logo.png', path: 'assets/logo.png', binary: true, image: true, tooLarge: false },
    ]);
  });

  it('marks files too large to edit, made by a command or not', () => {
    const tree = buildFileTree({ 'data.db': new Uint8Array(10 * 1024 * 1024), 'log.txt': 'x'.repeat(6 * 1024 * 1024), 'a.txt': 'a' }, []);
    expect(tree.map((node) => node.kind === 'file' && [node.path, node.tooLarge])).toEqual([
      ['a.txt', false],
      ['data.db', true],
      ['log.txt', true],
    ]);
  });

  it('never shows node_modules or .git', () => {
    const tree = buildFileTree({ 'node_modules/react/index.js': '', '.git/HEAD': '', 'src/node_modules/x.js': '', 'index.js': '' }, [
      'node_modules/.bin',
    ]);
    expect(names(tree)).toEqual(['index.js']);
  });
});

describe('allTreePaths', () => {
  it('includes implied parent folders', () => {
    expect([...allTreePaths({ 'a/b/c.ts': '' }, ['d/e'])].sort()).toEqual(['a', 'a/b', 'a/b/c.ts', 'd', 'd/e']);
  });
});

describe('buildFileTree and the ignore rules', () => {
  it("hides build output and what the project's .gitignore ignores", () => {
    const tree = buildFileTree({ '.gitignore': 'notes.txt\n', 'index.js': '', 'notes.txt': '', 'dist/app.js': '' }, ['coverage']);
    expect(tree.map((node) => node.path)).toEqual(['.gitignore', 'index.js']);
  });
});
