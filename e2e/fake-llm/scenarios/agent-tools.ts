import type { Scenario } from '../scenario';
import { packageJsonWithoutDeps, staticServerMjs } from './shared-files';

export const TOOLS_APP_HEADING = 'Tools app is up';
export const PROMPT_TEXT = 'Proceed with the reset? (y/N) ';
/** Prints a question and waits, like a CLI that reads its answer from the terminal. */
export const PROMPT_COMMAND = `node -e "process.stdout.write('${PROMPT_TEXT}'); setInterval(() => {}, 1000)"`;
/** Lines "line 1" … "line 10"; a ranged read of lines 4–5 returns exactly "line 4" and "line 5". */
export const LINES_TXT = Array.from({ length: 10 }, (_, i) => `line ${i + 1}\n`).join('');

const indexHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>Tools</title>
  </head>
  <body>
    <h1 id="heading">${TOOLS_APP_HEADING}</h1>
  </body>
</html>
`;

/** Turn 1: writes a static-server app and starts it with a foreground `npm run dev` (no background flag). */
export const agentTools1: Scenario = {
  name: 'agent-tools-1',
  steps: [
    {
      text: 'Writing the app.',
      tool_calls: [
        { name: 'write_file', arguments: { path: 'package.json', content: packageJsonWithoutDeps('tools', { dev: 'node server.mjs' }) } },
        { name: 'write_file', arguments: { path: 'server.mjs', content: staticServerMjs } },
        { name: 'write_file', arguments: { path: 'index.html', content: indexHtml } },
        { name: 'write_file', arguments: { path: 'lines.txt', content: LINES_TXT } },
        { name: 'write_file', arguments: { path: 'src/notes/first.txt', content: 'alpha\nNEEDLE_41 in first\nomega\n' } },
        { name: 'write_file', arguments: { path: 'src/notes/deep/second.txt', content: 'NEEDLE_42 in second\n' } },
      ],
    },
    { tool_calls: [{ name: 'run_command', arguments: { command: 'npm run dev' } }] },
    { text: 'The dev server is running.' },
  ],
};

/** Turn 2: starts `npm run dev` again, hits a prompt, then uses the file and process tools. */
export const agentTools2: Scenario = {
  name: 'agent-tools-2',
  steps: [
    { tool_calls: [{ name: 'run_command', arguments: { command: 'npm run dev' } }] },
    { tool_calls: [{ name: 'run_command', arguments: { command: PROMPT_COMMAND } }] },
    {
      tool_calls: [
        { name: 'search_files', arguments: { pattern: 'NEEDLE_\\d+' } },
        { name: 'read_file', arguments: { path: 'lines.txt', offset: 4, limit: 2 } },
      ],
    },
    { tool_calls: [{ name: 'move_file', arguments: { from: 'src/notes', to: 'docs/notes' } }] },
    { tool_calls: [{ name: 'list_files', arguments: {} }] },
    { tool_calls: [{ name: 'list_processes', arguments: {} }] },
    { text: 'Checked the files and processes.' },
  ],
};

/** Turn 3: asks for `npm run dev` once more (so its id is in this turn), reads its output, then stops it. */
export const agentTools3: Scenario = {
  name: 'agent-tools-3',
  steps: [
    { tool_calls: [{ name: 'run_command', arguments: { command: 'npm run dev' } }] },
    { tool_calls: [{ name: 'process_output', id_of_command: 'npm run dev', arguments: { tail_lines: 20 } }] },
    { tool_calls: [{ name: 'stop_process', id_of_command: 'npm run dev' }] },
    { tool_calls: [{ name: 'list_processes', arguments: {} }] },
    { text: 'Stopped the dev server.' },
  ],
};

/** The runtime holds a folder where write_file puts a file, so the sync cannot deliver it. */
export const syncFails: Scenario = {
  name: 'sync-fails',
  steps: [
    { tool_calls: [{ name: 'run_command', arguments: { command: 'mkdir -p blocked/inner' } }] },
    { tool_calls: [{ name: 'write_file', arguments: { path: 'blocked', content: 'a file where a folder is\n' } }] },
    { text: 'Tried to write it.' },
  ],
};
