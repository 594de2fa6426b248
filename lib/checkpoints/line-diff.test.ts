import { describe, expect, it } from 'vitest';
import { diffLines } from './line-diff';

const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

describe('diffLines', () => {
  it('reports the exact lines of a one-line edit, with context', () => {
    const before = lines(10).join('\n') + '\n';
    const after = before.replace('line 5\n', 'line five\n');
    const diff = diffLines(before, after);
    expect(diff).toMatchObject({ added: 1, removed: 1, exact: true });
    expect(diff.hunks).toEqual([
      {
        beforeStart: 2,
        beforeLines: 7,
        afterStart: 2,
        afterLines: 7,
        lines: [
          { kind: 'context', text: 'line 2' },
          { kind: 'context', text: 'line 3' },
          { kind: 'context', text: 'line 4' },
          { kind: 'removed', text: 'line 5' },
          { kind: 'added', text: 'line five' },
          { kind: 'context', text: 'line 6' },
          { kind: 'context', text: 'line 7' },
          { kind: 'context', text: 'line 8' },
        ],
      },
    ]);
  });

  it('finds an insertion and a deletion far apart as two hunks', () => {
    const a = lines(30);
    const b = [...a];
    b.splice(3, 0, 'inserted A', 'inserted B');
    b.splice(b.indexOf('line 25'), 1);
    const diff = diffLines(a.join('\n'), b.join('\n'), { context: 1 });
    expect(diff.added).toBe(2);
    expect(diff.removed).toBe(1);
    expect(diff.hunks).toHaveLength(2);
    expect(diff.hunks[0]).toEqual({
      beforeStart: 3,
      beforeLines: 2,
      afterStart: 3,
      afterLines: 4,
      lines: [
        { kind: 'context', text: 'line 3' },
        { kind: 'added', text: 'inserted A' },
        { kind: 'added', text: 'inserted B' },
        { kind: 'context', text: 'line 4' },
      ],
    });
    expect(diff.hunks[1].lines.filter((l) => l.kind === 'removed')).toEqual([{ kind: 'removed', text: 'line 25' }]);
  });

  it('merges nearby changes into one hunk', () => {
    const a = lines(10);
    const b = a.map((line) => (line === 'line 3' || line === 'line 6' ? `${line}!` : line));
    const diff = diffLines(a.join('\n'), b.join('\n'), { context: 2 });
    expect(diff.hunks).toHaveLength(1);
    expect(diff).toMatchObject({ added: 2, removed: 2 });
  });

  it('counts moved lines as removed and added (not as unchanged)', () => {
    const diff = diffLines('a\nb\nc\nd', 'd\na\nb\nc');
    expect(diff).toMatchObject({ added: 1, removed: 1 });
  });

  it('handles new, emptied and identical texts', () => {
    expect(diffLines('', 'x\ny\n')).toMatchObject({ added: 2, removed: 0 });
    expect(diffLines('x\ny', '')).toMatchObject({ added: 0, removed: 2 });
    expect(diffLines('same\n', 'same\n')).toEqual({ added: 0, removed: 0, hunks: [], exact: true });
    expect(diffLines('', 'x').hunks[0]).toMatchObject({ beforeStart: 0, beforeLines: 0, afterStart: 1, afterLines: 1 });
  });

  it('treats CRLF and LF line ends alike', () => {
    expect(diffLines('a\r\nb\r\n', 'a\nb\n')).toMatchObject({ added: 0, removed: 0 });
  });

  it('matches an exhaustive LCS on random edits', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const lcs = (a: string[], b: string[]) => {
      const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++)
          table[i][j] = a[i - 1] === b[j - 1] ? table[i - 1][j - 1] + 1 : Math.max(table[i - 1][j], table[i][j - 1]);
      return table[a.length][b.length];
    };
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: Math.floor(random() * 15) }, () => 'abcd'[Math.floor(random() * 4)]);
      const b = Array.from({ length: Math.floor(random() * 15) }, () => 'abcd'[Math.floor(random() * 4)]);
      const diff = diffLines(a.join('\n'), b.join('\n'), { context: 100 });
      const common = lcs(a, b);
      expect(diff.removed).toBe(a.length - common);
      expect(diff.added).toBe(b.length - common);
      // Replaying the hunk lines must rebuild both texts.
      const old = diff.hunks.flatMap((h) => h.lines.filter((l) => l.kind !== 'added').map((l) => l.text));
      const next = diff.hunks.flatMap((h) => h.lines.filter((l) => l.kind !== 'removed').map((l) => l.text));
      if (diff.hunks.length > 0) {
        expect(old).toEqual(a);
        expect(next).toEqual(b);
      }
    }
  });

  it('falls back to one replaced block past the size guard, still counting every line', () => {
    const a = lines(400, 'old');
    const b = lines(400, 'new');
    const diff = diffLines(a.join('\n'), b.join('\n'), { maxCost: 1000 });
    expect(diff).toMatchObject({ added: 400, removed: 400, exact: false });
    expect(diff.hunks).toHaveLength(1);
  });
});
