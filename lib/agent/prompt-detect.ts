/** Answers a person types at a prompt; "(y/N)", "[Y/n]", "(yes/no)". */
const YES_NO = /\((?:y|n|y\/n|yes\/no)\)|\[(?:y\/n|yes\/no)\]/i;
/** A question or a field label left open for typing: "Ok to proceed? (y) ", "Project name: (my-app) ". */
const OPEN_QUESTION = /[?:›❯]\s*(?:\([^()]*\)|\[[^[\]]*\])?\s*$/;
/** Prompt libraries mark the active question at the start of a line: inquirer "? Name", clack "◆  Name". */
const PROMPT_MARKER = /^\s*(?:\?|◆|❯)\s+\S/;
const KEY_PRESS = /\bpress (?:enter|return|any key)\b|\bpassword\b/i;
const LINES_CHECKED = 6;

/**
 * Whether output that has stopped changing ends at a question someone would have to answer.
 * Called only after the output went quiet, so a line that merely ends in ":" mid-stream does not count.
 */
export function detectPrompt(output: string): string | null {
  const trimmedEnd = output.replace(/[ \t]+$/, '');
  const endsOpen = trimmedEnd.length > 0 && !trimmedEnd.endsWith('\n');
  const lines = output
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim().length > 0);
  if (lines.length === 0) return null;
  const last = lines[lines.length - 1];
  const recent = lines.slice(-LINES_CHECKED);
  const quote = () => recent.slice(-3).join('\n').trim();
  if (YES_NO.test(last)) return quote();
  if (endsOpen && last.length <= 200 && (OPEN_QUESTION.test(last) || KEY_PRESS.test(last))) return quote();
  const marker = recent.findIndex((line) => PROMPT_MARKER.test(line));
  if (marker !== -1) return recent.slice(marker).join('\n').trim();
  return null;
}

/** How to get past a prompt without a person: flags for the common scaffolders, else write the files directly. */
export function nonInteractiveHint(command: string): string {
  if (/\b(?:create-vite|create vite|create-vite@|vite@latest)\b/.test(command) || /npm (?:create|init) vite/.test(command)) {
    return 'Pass every answer as a flag, e.g. `npm create vite@latest my-app -- --template react-ts` (in an empty folder use `.` as the name), or write the project files yourself with write_file.';
  }
  if (/^\s*npx\b/.test(command)) return 'Add --yes (and the tool\'s own flags for each answer, see its --help), or write the files yourself.';
  if (/\bnpm init\b/.test(command)) return 'Use `npm init -y`, or write package.json with write_file.';
  return "Give the answers as flags or arguments (see the tool's --help; many accept --yes or -y), or pipe them in, e.g. `yes | command`.";
}
