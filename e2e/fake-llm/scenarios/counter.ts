import type { Scenario } from '../scenario';
import { packageJsonWithoutDeps, staticServerMjs } from './shared-files';

/** The preview shows `#count-button` reading "Count: 0"; each click adds one. */
const indexHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>Counter</title>
    <style>
      body { font-family: system-ui, sans-serif; display: grid; place-items: center; min-height: 100vh; margin: 0; }
      button { font-size: 2rem; padding: 16px 32px; border-radius: 12px; border: 0; background: #6d4aff; color: white; }
    </style>
  </head>
  <body>
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

export const counter: Scenario = {
  name: 'counter',
  keywords: ['counter'],
  steps: [
    {
      text: "I'll build a counter app: a page with a button that counts clicks.",
      tool_calls: [
        { name: 'write_file', arguments: { path: 'package.json', content: packageJsonWithoutDeps('counter', { dev: 'node server.mjs' }) } },
      ],
    },
    { tool_calls: [{ name: 'write_file', arguments: { path: 'server.mjs', content: staticServerMjs } }] },
    { tool_calls: [{ name: 'write_file', arguments: { path: 'index.html', content: indexHtml } }] },
    { tool_calls: [{ name: 'run_command', arguments: { command: 'npm install' } }] },
    { tool_calls: [{ name: 'run_command', arguments: { command: 'npm run dev', background: true } }] },
    { tool_calls: [{ name: 'check_preview', arguments: {} }] },
    { text: 'Your counter is running in the preview. Click the button to count.' },
  ],
};
