/** Lines a dev server prints when it cannot compile a module: Vite's own, its plugins', esbuild's. */
const ERROR_START = [
  /\[vite\]\s+(?:Internal server error|Pre-transform error|error)\b/i,
  /\[plugin:[\w:@/.-]+\]/,
  /^\s*✘ \[ERROR\]/,
  /^\s*(?:\w+)?Error: /,
  /^\s*error\b/i,
];
/** Lines of the error's context kept after its first line (the file, the code frame). */
const CONTEXT_LINES = 6;
const MAX_ERRORS = 5;
const MAX_MESSAGE_CHARS = 1500;

/** The compile errors in a dev server's output, each with the lines that explain it. */
export function findDevServerErrors(output: string): string[] {
  const lines = output.split('\n');
  const errors: string[] = [];
  for (let index = 0; index < lines.length && errors.length < MAX_ERRORS; index++) {
    if (!ERROR_START.some((pattern) => pattern.test(lines[index]))) continue;
    const block = [lines[index]];
    let next = index + 1;
    // The context ends at a blank line or at the next timestamped log line ("12:00:01 PM [vite] …").
    while (next < lines.length && block.length <= CONTEXT_LINES && lines[next].trim() !== '' && !/^\d{1,2}:\d{2}:\d{2}/.test(lines[next])) {
      block.push(lines[next]);
      next++;
    }
    index = next - 1;
    const message = block.join('\n').trim();
    if (!errors.includes(message)) errors.push(message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}…` : message);
  }
  return errors;
}
