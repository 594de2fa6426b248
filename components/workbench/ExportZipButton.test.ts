import { describe, expect, it } from 'vitest';
import { zipFileName } from './ExportZipButton';

describe('zipFileName', () => {
  it('keeps readable names and strips characters file systems refuse', () => {
    expect(zipFileName('Tip calculator')).toBe('Tip calculator.zip');
    expect(zipFileName('a/b:c*?')).toBe('a-b-c.zip');
    expect(zipFileName('...')).toBe('project.zip');
  });
});
