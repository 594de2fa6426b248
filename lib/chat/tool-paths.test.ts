import { describe, expect, it } from 'vitest';
import { pathsChangedBy, pathsOverlap } from './tool-paths';

describe('pathsChangedBy', () => {
  it('names the normalised paths of file changes', () => {
    expect(pathsChangedBy('write_file', { path: './src//App.tsx', content: '' })).toEqual(['src/App.tsx']);
    expect(pathsChangedBy('edit_file', { path: 'index.html', edits: [] })).toEqual(['index.html']);
    expect(pathsChangedBy('delete_file', { path: 'src/' })).toEqual(['src']);
    expect(pathsChangedBy('move_file', { from: 'a.txt', to: 'docs/a.txt' })).toEqual(['a.txt', 'docs/a.txt']);
  });

  it.each([
    ['run_command', { command: 'npm install' }],
    ['read_file', { path: 'a.txt' }],
    ['check_preview', {}],
    ['write_file', { path: '../outside.txt', content: '' }],
    ['write_file', { path: 42 }],
    ['move_file', { from: 'a.txt' }],
    ['write_file', null],
  ])('gives null for %s %j, which then waits for every call before it', (tool, input) => {
    expect(pathsChangedBy(tool, input)).toBeNull();
  });
});

describe('pathsOverlap', () => {
  it.each([
    ['src/App.tsx', 'src/App.tsx', true],
    ['src', 'src/App.tsx', true],
    ['src/App.tsx', 'src', true],
    ['README.md', 'readme.md', true],
    ['src/App.tsx', 'src/App.tsx.bak', false],
    ['src2/a', 'src/a', false],
    ['a.txt', 'b.txt', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(pathsOverlap(a, b)).toBe(expected);
  });
});
