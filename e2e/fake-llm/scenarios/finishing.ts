import type { Scenario } from '../scenario';
import { packageJsonWithoutDeps, staticServerMjs } from './shared-files';

/** The page of the three-turns app at version `n`: a heading and the counter button. */
export function versionedIndexHtml(version: number): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>Versions</title>
  </head>
  <body>
    <h1 id="version">Version ${version}</h1>
    <button id="count-button" type="button">Count: <span id="count">0</span></button>
    <script>
      let count = 0;
      document.getElementById('count-button').addEventListener('click', () => {
        count += 1;
        document.getElementById('count').textContent = String(count);
      });
    </script>
  </body>
</html>
`;
}

export const NOTES_TXT = 'Notes from turn 1.\n';
export const EXTRA_TXT = 'Added in turn 2.\n';
const devPackageJson = packageJsonWithoutDeps('versions', { dev: 'node server.mjs' });

/** Turn 1 of three: writes the app and starts it. */
export const threeTurns1: Scenario = {
  name: 'three-turns-1',
  steps: [
    {
      text: 'Building version 1.',
      tool_calls: [
        { name: 'write_file', arguments: { path: 'package.json', content: devPackageJson } },
        { name: 'write_file', arguments: { path: 'server.mjs', content: staticServerMjs } },
        { name: 'write_file', arguments: { path: 'index.html', content: versionedIndexHtml(1) } },
        { name: 'write_file', arguments: { path: 'notes.txt', content: NOTES_TXT } },
      ],
    },
    { tool_calls: [{ name: 'run_command', arguments: { command: 'npm run dev', background: true } }] },
    { text: 'Version 1 is up.' },
  ],
};

/** Turn 2: edits the heading, adds a file, deletes one. */
export const threeTurns2: Scenario = {
  name: 'three-turns-2',
  steps: [
    {
      tool_calls: [
        {
          name: 'edit_file',
          arguments: { path: 'index.html', edits: [{ old_text: '<h1 id="version">Version 1</h1>', new_text: '<h1 id="version">Version 2</h1>' }] },
        },
        { name: 'write_file', arguments: { path: 'extra.txt', content: EXTRA_TXT } },
        { name: 'delete_file', arguments: { path: 'notes.txt' } },
      ],
    },
    { text: 'Version 2 is in place.' },
  ],
};

/** Turn 3: edits the heading again. */
export const threeTurns3: Scenario = {
  name: 'three-turns-3',
  steps: [
    {
      tool_calls: [
        {
          name: 'edit_file',
          arguments: { path: 'index.html', edits: [{ old_text: '<h1 id="version">Version 2</h1>', new_text: '<h1 id="version">Version 3</h1>' }] },
        },
      ],
    },
    { text: 'Version 3 is in place.' },
  ],
};

export const CRASH_MESSAGE = 'Tabsmith test: the counter crashed';

const crashingIndexHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>Counter</title>
  </head>
  <body>
    <button id="count-button" type="button">Count: 0</button>
    <script>
      setTimeout(() => {
        throw new Error('${CRASH_MESSAGE}');
      }, 200);
    </script>
  </body>
</html>
`;

/** The agent says "Done, it works" without checking; the page throws once it loads. */
export const claimsWorks: Scenario = {
  name: 'claims-works',
  steps: [
    {
      tool_calls: [
        { name: 'write_file', arguments: { path: 'package.json', content: devPackageJson } },
        { name: 'write_file', arguments: { path: 'server.mjs', content: staticServerMjs } },
        { name: 'write_file', arguments: { path: 'index.html', content: crashingIndexHtml } },
      ],
    },
    { tool_calls: [{ name: 'run_command', arguments: { command: 'npm run dev', background: true } }] },
    { text: 'Done, it works! Your counter is ready.' },
  ],
};

export const STILL_BROKEN = 'Build failed: src/main.js(1,1): still broken';
const failingBuild = packageJsonWithoutDeps('keeps-failing', {
  build: `node -e "console.error('${STILL_BROKEN}'); process.exit(1)"`,
});
const build = { tool_calls: [{ name: 'run_command', arguments: { command: 'npm run build' } }] };
const attempt = (n: number) => ({
  text: `Fix attempt ${n}.`,
  tool_calls: [{ name: 'write_file', arguments: { path: 'fix.txt', content: `attempt ${n}\n` } }],
});

/** Every build fails; the agent keeps "fixing". The IDE must stop it after two attempts. */
export const keepsFailing: Scenario = {
  name: 'keeps-failing',
  steps: [
    { tool_calls: [{ name: 'write_file', arguments: { path: 'package.json', content: failingBuild } }] },
    build,
    attempt(1),
    build,
    attempt(2),
    build,
    attempt(3),
    build,
    { text: 'It works now.' },
  ],
};

export const DISCUSS_ANSWER = 'This project is a small counter page; nothing was changed.';

/** Discussion mode: looks at the files, then answers. */
export const discuss: Scenario = {
  name: 'discuss',
  steps: [{ tool_calls: [{ name: 'list_files', arguments: {} }] }, { text: DISCUSS_ANSWER }],
};
