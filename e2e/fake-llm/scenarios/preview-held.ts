import type { Scenario } from '../scenario';
import { packageJsonWithoutDeps } from './shared-files';

export const HELD_FIRST = 'Held page, first version';
export const HELD_SECOND = 'Held page, second version';

/** A dev server that does not answer while hold.txt exists, like one still rebuilding after a change. */
const heldServerMjs = `import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const port = Number(process.env.PORT) || 5173;
const held = () => existsSync(new URL('./hold.txt', import.meta.url));

createServer(async (req, res) => {
  while (held()) await new Promise((resolve) => setTimeout(resolve, 100));
  const body = await readFile(new URL('./index.html', import.meta.url));
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}).listen(port, () => console.log('Serving on http://localhost:' + port));
`;

const heldIndexHtml = (heading: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>Held</title>
  </head>
  <body>
    <h1 id="heading">${heading}</h1>
  </body>
</html>
`;

/** Turn 1: a page without a hot-update client on a server that can hold its answer. */
export const previewHeld1: Scenario = {
  name: 'preview-held-1',
  steps: [
    {
      tool_calls: [
        { name: 'write_file', arguments: { path: 'package.json', content: packageJsonWithoutDeps('held', { dev: 'node server.mjs' }) } },
        { name: 'write_file', arguments: { path: 'server.mjs', content: heldServerMjs } },
        { name: 'write_file', arguments: { path: 'index.html', content: heldIndexHtml(HELD_FIRST) } },
      ],
    },
    { tool_calls: [{ name: 'run_command', arguments: { command: 'npm run dev', background: true } }] },
    { text: 'The held page is up.' },
  ],
};

/**
 * Turn 2 (acceptance 6): the server holds its answer, the page is edited and checked before the
 * preview could reload it; then the hold is lifted and the check is repeated.
 */
export const previewHeld2: Scenario = {
  name: 'preview-held-2',
  steps: [
    // A step of its own: file changes on separate paths run side by side, and the hold must be in place first.
    { tool_calls: [{ name: 'write_file', arguments: { path: 'hold.txt', content: 'hold\n' } }] },
    {
      tool_calls: [
        { name: 'edit_file', arguments: { path: 'index.html', edits: [{ old_text: HELD_FIRST, new_text: HELD_SECOND }] } },
        { name: 'check_preview', arguments: {} },
      ],
    },
    {
      tool_calls: [
        { name: 'delete_file', arguments: { path: 'hold.txt' } },
        { name: 'check_preview', arguments: {} },
      ],
    },
    { text: 'Checked the preview twice.' },
  ],
};
