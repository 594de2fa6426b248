import { describe, expect, it } from 'vitest';
import { buildSystemPrompt, MAX_LISTED_FILES } from './system-prompt';
import { toolsForMode } from './tools';

describe('buildSystemPrompt', () => {
  it('teaches the build rules in build mode', () => {
    const prompt = buildSystemPrompt({ mode: 'build', fileList: ['package.json', 'src/App.tsx'], runtime: 'local' });
    for (const phrase of [
      'Vite + React + TypeScript + Tailwind',
      'edit_file',
      'Never rewrite a whole existing file',
      'package.json',
      'npm install',
      'background: true',
      'check_preview',
      'test_preview before saying it works',
      'say in one short sentence what you checked',
      'Never claim',
      'read_file',
    ]) {
      expect(prompt).toContain(phrase);
    }
    expect(prompt).toContain('## Project files (2)\npackage.json\nsrc/App.tsx');
    expect(prompt).not.toContain('Discuss mode');
  });

  it('forbids changing tools in discuss mode', () => {
    const prompt = buildSystemPrompt({ mode: 'discuss', fileList: [] });
    expect(prompt).toContain('Discuss mode');
    expect(prompt).toContain('Do not call write_file, edit_file, delete_file, move_file, run_command or stop_process');
    expect(prompt).not.toContain('## How to build');
    expect(prompt).toContain('The project is empty.');
    expect(prompt).toContain('No runtime is running');
  });

  it('caps the file list', () => {
    const files = Array.from({ length: 1000 }, (_, i) => `src/f${i}.ts`);
    const prompt = buildSystemPrompt({ mode: 'build', fileList: files });
    expect(prompt).toContain(`src/f${MAX_LISTED_FILES - 1}.ts`);
    expect(prompt).not.toContain(`src/f${MAX_LISTED_FILES}.ts\n`);
    expect(prompt).toContain('…and 700 more files');
  });
});

describe('toolsForMode', () => {
  it('offers every tool in build mode and only looking tools in discuss mode', () => {
    expect(toolsForMode('build')).toHaveLength(13);
    expect(toolsForMode('build')).toContain('test_preview');
    expect(toolsForMode('discuss')).toEqual(['read_file', 'list_files', 'search_files', 'list_processes', 'process_output', 'check_preview', 'test_preview']);
  });
});
