import { describe, expect, it } from 'vitest';
import { textChange, type TextChange } from './text-change';

function apply(before: string, change: TextChange | null): string {
  return change ? before.slice(0, change.start) + change.text + before.slice(change.end) : before;
}

describe('textChange', () => {
  it('is null for equal texts', () => {
    expect(textChange('same', 'same')).toBeNull();
  });

  it('turns a grown draft into an append at the end', () => {
    expect(textChange('const a', 'const a = 1;\n')).toEqual({ start: 7, end: 7, text: ' = 1;\n' });
  });

  it('replaces only the middle that differs', () => {
    expect(textChange('one two three', 'one 2 three')).toEqual({ start: 4, end: 7, text: '2' });
  });

  it('does not split a CRLF or a surrogate pair', () => {
    const crlf = textChange('a\r\nb', 'a\rx\nb');
    expect(crlf!.start).toBeLessThanOrEqual(1);
    expect(apply('a\r\nb', crlf)).toBe('a\rx\nb');
    const emoji = textChange('x\u{1F600}', 'x\u{1F601}');
    expect(emoji!.start).toBe(1);
    expect(apply('x\u{1F600}', emoji)).toBe('x\u{1F601}');
  });

  it('rebuilds the target text for shrinking, growing and rewritten drafts', () => {
    const cases: [string, string][] = [
      ['abcdef', 'abc'],
      ['', 'hello'],
      ['hello', ''],
      ['aaaa', 'aaaaaa'],
      ['line 1\nline 2\n', 'line 1\nline 1.5\nline 2\n'],
    ];
    for (const [before, after] of cases) expect(apply(before, textChange(before, after))).toBe(after);
  });
});
