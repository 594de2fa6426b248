import { describe, expect, it } from 'vitest';
import { draftForStreamingInput } from './tool-drafts';

const files: Record<string, string> = { 'src/App.tsx': 'const a = 1;\nconst b = 2;\n' };
const read = (p: string) => files[p];

describe('draftForStreamingInput', () => {
  it('shows the write_file content streamed so far once the path is complete', () => {
    expect(draftForStreamingInput('write_file', { path: 'src/Ap' }, read)).toBeNull();
    expect(draftForStreamingInput('write_file', { path: 'src/App.tsx', content: '' }, read)).toEqual({ path: 'src/App.tsx', content: '' });
    expect(draftForStreamingInput('write_file', { path: 'src/App.tsx', content: 'export fun' }, read)).toEqual({
      path: 'src/App.tsx',
      content: 'export fun',
    });
  });

  it('applies edit_file edits whose old_text is complete to the current file', () => {
    const draft = draftForStreamingInput(
      'edit_file',
      { path: 'src/App.tsx', edits: [{ old_text: 'const b = 2;', new_text: 'const b = 4' }, { old_text: 'const a' }] },
      read,
    );
    expect(draft).toEqual({ path: 'src/App.tsx', content: 'const a = 1;\nconst b = 4\n' });
  });

  it('skips edits that do not match exactly once, and files it cannot read', () => {
    const draft = draftForStreamingInput('edit_file', { path: 'src/App.tsx', edits: [{ old_text: 'nope', new_text: 'x' }] }, read);
    expect(draft?.content).toBe(files['src/App.tsx']);
    expect(draftForStreamingInput('edit_file', { path: 'missing.ts', edits: [] }, read)).toBeNull();
  });

  it('ignores other tools and inputs without a path', () => {
    expect(draftForStreamingInput('run_command', { command: 'ls' }, read)).toBeNull();
    expect(draftForStreamingInput('write_file', undefined, read)).toBeNull();
  });
});
