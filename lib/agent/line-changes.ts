/** Lines in a file body, a final newline not starting another; counted without splitting, as it runs per request. */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let newlines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) newlines++;
  return text.endsWith('\n') ? newlines : newlines + 1;
}
