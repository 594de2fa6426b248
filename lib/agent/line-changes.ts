export interface LineChanges {
  added: number;
  removed: number;
}

function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Lines added and removed between two texts, as a reader would count them in a diff. Exact for
 * the usual single-region edit; for scattered edits it matches lines as a multiset, which can
 * undercount moved lines but never needs quadratic time on large files.
 */
export function countLineChanges(before: string, after: string): LineChanges {
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
  const remaining = new Map<string, number>();
  for (let i = start; i < endA; i++) remaining.set(a[i], (remaining.get(a[i]) ?? 0) + 1);
  let added = 0;
  for (let i = start; i < endB; i++) {
    const count = remaining.get(b[i]) ?? 0;
    if (count > 0) remaining.set(b[i], count - 1);
    else added++;
  }
  let removed = 0;
  for (const count of remaining.values()) removed += count;
  return { added, removed };
}

export function countLines(text: string): number {
  return splitLines(text).length;
}
