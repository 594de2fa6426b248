import { describe, expect, it } from 'vitest';
import { detectPrompt, nonInteractiveHint } from './prompt-detect';

describe('detectPrompt', () => {
  it('recognises yes/no questions, open questions and prompt-library markers', () => {
    expect(detectPrompt('Need to install the following packages:\n  create-foo@1.0.0\nOk to proceed? (y) ')).toBe(
      'Need to install the following packages:\n  create-foo@1.0.0\nOk to proceed? (y)',
    );
    expect(detectPrompt('This will delete everything.\nProceed? (y/N) ')).toContain('Proceed? (y/N)');
    expect(detectPrompt('Overwrite files? [Y/n]\n')).toContain('[Y/n]');
    expect(detectPrompt('package name: (my-app) ')).toBe('package name: (my-app)');
    expect(detectPrompt('Enter a name:')).toBe('Enter a name:');
    expect(detectPrompt('┌  create-vite\n│\n◆  Project name:\n│  vite-project\n└\n')).toBe('◆  Project name:\n│  vite-project\n└');
    expect(detectPrompt('? Select a framework: › - Use arrow-keys. Return to submit.\n❯   Vanilla\n    Vue\n')).toContain(
      '? Select a framework',
    );
    expect(detectPrompt('Press Enter to continue')).toBe('Press Enter to continue');
  });

  it('does not mistake ordinary output for a prompt', () => {
    expect(detectPrompt('')).toBeNull();
    expect(detectPrompt('added 120 packages in 3s\n')).toBeNull();
    expect(detectPrompt('  VITE v6.4.6  ready in 300 ms\n\n  ➜  Local:   http://localhost:5173/\n')).toBeNull();
    expect(detectPrompt('Errors:\n  src/App.tsx: missing semicolon\n')).toBeNull();
    expect(detectPrompt('What is this?\nIt is a test.\n')).toBeNull();
  });
});

describe('nonInteractiveHint', () => {
  it('names flags for the common scaffolders', () => {
    expect(nonInteractiveHint('npm create vite@latest my-app')).toContain('--template react-ts');
    expect(nonInteractiveHint('npx create-next-app')).toContain('--yes');
    expect(nonInteractiveHint('npm init')).toContain('npm init -y');
    expect(nonInteractiveHint('./configure')).toContain('flags');
  });
});
