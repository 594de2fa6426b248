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

type Op = 'equal' | 'insert' | 'delete';

export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Myers' O(ND) diff over interned lines. Returns null when the edit distance would exceed what
 * `maxCost` allows, so a huge rewrite cannot freeze the tab.
 */
function myers(a: Int32Array, b: Int32Array, maxCost: number): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const maxD = Math.min(max, Math.max(1, Math.floor(maxCost / Math.max(1, max))));
  const offset = maxD + 1;
  const v = new Int32Array(2 * maxD + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= maxD; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    // trace[d] holds V before round d, for k in [-d-1, d+1], stored from index 0.
    const at = (k: number) => trace[d][k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('equal');
      x--;
      y--;
    }
    if (d > 0) ops.push(x === prevX ? 'insert' : 'delete');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push('equal');
    x--;
    y--;
  }
  return ops.reverse();
}

function intern(lines: string[], ids: Map<string, number>): Int32Array {
  const out = new Int32Array(lines.length);
  lines.forEach((line, index) => {
    let id = ids.get(line);
    if (id === undefined) {
      id = ids.size;
      ids.set(line, id);
    }
    out[index] = id;
  });
  return out;
}

function buildHunks(a: string[], b: string[], ops: Op[], context: number): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  let current: DiffHunk | null = null;
  let trailingContext = 0;
  let i = 0;
  let j = 0;
  for (let index = 0; index < ops.length; index++) {
    const op = ops[index];
    if (op === 'equal') {
      if (current) {
        // Stay in the hunk while another change is near enough to share its context.
        let nextChange = index;
        while (nextChange < ops.length && ops[nextChange] === 'equal') nextChange++;
        const gap = nextChange - index;
        if (nextChange < ops.length && gap <= context * 2) {
          current.lines.push({ kind: 'context', text: a[i] });
          current.beforeLines++;
          current.afterLines++;
        } else if (trailingContext < context) {
          current.lines.push({ kind: 'context', text: a[i] });
          current.beforeLines++;
          current.afterLines++;
          trailingContext++;
        } else {
          hunks.push(current);
          current = null;
        }
      }
      i++;
      j++;
      continue;
    }
    if (!current) {
      const lead = Math.min(context, i, j);
      current = {
        beforeStart: i - lead + 1,
        beforeLines: lead,
        afterStart: j - lead + 1,
        afterLines: lead,
        lines: a.slice(i - lead, i).map((text) => ({ kind: 'context' as const, text })),
      };
    }
    trailingContext = 0;
    if (op === 'delete') {
      current.lines.push({ kind: 'removed', text: a[i] });
      current.beforeLines++;
      i++;
    } else {
      current.lines.push({ kind: 'added', text: b[j] });
      current.afterLines++;
      j++;
    }
  }
  if (current) hunks.push(current);
  for (const hunk of hunks) {
    // Unified-diff convention: an empty side names the line before it.
    if (hunk.beforeLines === 0) hunk.beforeStart--;
    if (hunk.afterLines === 0) hunk.afterStart--;
  }
  return hunks;
}

/** A line diff of two texts: counts of added and removed lines, and hunks with context. */
export function diffLines(before: string, after: string, options: LineDiffOptions = {}): LineDiff {
  const context = options.context ?? 3;
  const maxCost = options.maxCost ?? 20_000_000;
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ids = new Map<string, number>();
  const middle = myers(intern(a.slice(start, endA), ids), intern(b.slice(start, endB), ids), maxCost);
  const exact = middle !== null;
  const changed: Op[] = middle ?? [
    ...new Array<Op>(endA - start).fill('delete'),
    ...new Array<Op>(endB - start).fill('insert'),
  ];
  const ops: Op[] = [...new Array<Op>(start).fill('equal'), ...changed, ...new Array<Op>(a.length - endA).fill('equal')];
  let added = 0;
  let removed = 0;
  for (const op of changed) {
    if (op === 'insert') added++;
    else if (op === 'delete') removed++;
  }
  return { added, removed, hunks: buildHunks(a, b, ops, context), exact };
}

/** Just the counts, for rows that show "+12 −3". */
export function countChangedLines(before: string, after: string, options: Omit<LineDiffOptions, 'context'> = {}): { added: number; removed: number } {
  const { added, removed } = diffLines(before, after, { ...options, context: 0 });
  return { added, removed };
}
