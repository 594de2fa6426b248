/** The one span of `before` to replace with `text` to get `after`: offsets into `before`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/**
 * The smallest single replacement turning `before` into `after` (common prefix and suffix kept),
 * or null when they are equal. A streamed draft mostly grows at its end, so this is usually an
 * append, which the editor applies far more cheaply than replacing the whole text.
 */
export function textChange(before: string, after: string): TextChange | null {
  if (before === after) return null;
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (
    suffix < shorter - start &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Never split a surrogate pair or a CRLF: the editor would see half a character or half a line break.
  while (start > 0 && splitsPair(before, start)) start--;
  while (suffix > 0 && splitsPair(before, before.length - suffix)) suffix--;
  return { start, end: before.length - suffix, text: after.slice(start, after.length - suffix) };
}

function splitsPair(text: string, at: number): boolean {
  const prev = text.charCodeAt(at - 1);
  const next = text.charCodeAt(at);
  return (prev === 13 && next === 10) || (prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff);
}
