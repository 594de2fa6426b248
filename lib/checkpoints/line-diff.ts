import { structuredPatch } from 'diff';

export interface DiffLine {
  kind: 'context' | 'added' | 'removed';
  text: string;
}

export interface DiffHunk {
  /** 1-based first line of the hunk in the old text (the line before it when the hunk removes nothing). */
  beforeStart: number;
  beforeLines: number;
  afterStart: number;
  afterLines: number;
  lines: DiffLine[];
}

export interface LineDiff {
  added: number;
  removed: number;
  hunks: DiffHunk[];
  /**
   * False when the texts differed too much for an exact diff within the size guard: the
   * changed region is then shown as one block replaced by another.
   */
  exact: boolean;
}

export interface LineDiffOptions {
  /** Unchanged lines shown around each change (default 3). */
  context?: number;
  /** Upper bound on (lines in the changed region) × (edit distance) before falling back (default 20 million). */
  maxCost?: number;
}

export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function joinLines(lines: string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** When the exact diff would cost too much: the changed region (between common ends) as one block replaced by another. */
function blockHunk(a: string[], b: string[], context: number): DiffHunk[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (start === endA && start === endB) return [];
  const lead = Math.min(context, start);
  const trail = Math.min(context, a.length - endA);
  const lines: DiffLine[] = [
    ...a.slice(start - lead, start).map((text) => ({ kind: 'context' as const, text })),
    ...a.slice(start, endA).map((text) => ({ kind: 'removed' as const, text })),
    ...b.slice(start, endB).map((text) => ({ kind: 'added' as const, text })),
    ...a.slice(endA, endA + trail).map((text) => ({ kind: 'context' as const, text })),
  ];
  const beforeLines = lead + (endA - start) + trail;
  const afterLines = lead + (endB - start) + trail;
  return [
    {
      beforeStart: start - lead + (beforeLines === 0 ? 0 : 1),
      beforeLines,
      afterStart: start - lead + (afterLines === 0 ? 0 : 1),
      afterLines,
      lines,
    },
  ];
}

const lineKinds: Record<string, DiffLine['kind'] | undefined> = { '+': 'added', '-': 'removed', ' ': 'context' };

/** A line diff of two texts (jsdiff): counts of added and removed lines, and hunks with context. */
export function diffLines(before: string, after: string, options: LineDiffOptions = {}): LineDiff {
  const context = options.context ?? 3;
  const maxCost = options.maxCost ?? 20_000_000;
  const a = splitLines(before);
  const b = splitLines(after);
  const maxEditLength = Math.max(1, Math.floor(maxCost / Math.max(1, a.length + b.length)));
  const patch = structuredPatch('before', 'after', joinLines(a), joinLines(b), undefined, undefined, { context, maxEditLength });
  const hunks: DiffHunk[] = patch
    ? patch.hunks.map((hunk) => ({
        // jsdiff numbers an empty side by the line after it; unified diffs name the line before.
        beforeStart: hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart,
        beforeLines: hunk.oldLines,
        afterStart: hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart,
        afterLines: hunk.newLines,
        lines: hunk.lines.flatMap((line) => {
          const kind = lineKinds[line[0]];
          return kind ? [{ kind, text: line.slice(1) }] : [];
        }),
      }))
    : blockHunk(a, b, context);
  let added = 0;
  let removed = 0;
  for (const hunk of hunks) {
    for (const line of hunk.lines) {
      if (line.kind === 'added') added++;
      else if (line.kind === 'removed') removed++;
    }
  }
  return { added, removed, hunks, exact: patch !== undefined };
}

/** Just the counts, for rows that show "+12 −3". */
export function countChangedLines(before: string, after: string, options: Omit<LineDiffOptions, 'context'> = {}): { added: number; removed: number } {
  const { added, removed } = diffLines(before, after, { ...options, context: 0 });
  return { added, removed };
}
