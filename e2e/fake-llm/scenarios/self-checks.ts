import type { Scenario } from '../scenario';
import { packageJsonWithoutDeps, staticServerMjs } from './shared-files';

/** A counter page: `#count-button` reads "Count: 0"; `increments` false gives a button that does nothing. */
export function checkedCounterHtml(increments: boolean): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>Counter</title>
  </head>
  <body>
    <h1>Counter</h1>
    <button id="count-button" type="button">Count: <span id="count">0</span></button>
    <script>
      let count = 0;
      document.getElementById('count-button').addEventListener('click', () => {
        count += ${increments ? 1 : 0};
        document.getElementById('count').textContent = String(count);
      });
    </script>
  </body>
</html>
`;
}

export const COUNTER_STEPS = [
  { action: 'click', target: 'Count: 0' },
  { action: 'expect_text', value: 'Count: 1' },
];

/** Each scenario's server has its own port: a project from an earlier test may still be shutting down. */
function counterBuild(name: string, increments: boolean, claim: string, port: number): Scenario {
  return {
    name,
    steps: [
      {
        text: "I'll build a counter.",
        tool_calls: [
          { name: 'write_file', arguments: { path: 'package.json', content: packageJsonWithoutDeps('counter', { dev: `PORT=\${PORT:-${port}} node server.mjs` }) } },
          { name: 'write_file', arguments: { path: 'server.mjs', content: staticServerMjs } },
          { name: 'write_file', arguments: { path: 'index.html', content: checkedCounterHtml(increments) } },
        ],
      },
      { tool_calls: [{ name: 'run_command', arguments: { command: 'npm run dev', background: true } }] },
      { tool_calls: [{ name: 'test_preview', arguments: { steps: COUNTER_STEPS } }] },
      { text: claim },
    ],
  };
}

/** Builds a working counter and tests it. */
export const checkCounter = counterBuild('check-counter', true, 'I clicked the button and saw Count: 1, so your counter works.', 5181);

/** The same working counter, for the test whose later turn breaks it. */
export const checkCounterAgain = counterBuild('check-counter-again', true, 'I clicked the button and saw Count: 1, so your counter works.', 5182);

/** Builds a counter whose button does nothing, tests it, and claims it works anyway. */
export const checkBrokenCounter = counterBuild('check-broken-counter', false, 'Your counter works!', 5183);

/** A later turn that breaks the counter while "changing the heading". */
export const checkBreaks: Scenario = {
  name: 'check-breaks',
  steps: [
    {
      tool_calls: [
        {
          name: 'edit_file',
          arguments: {
            path: 'index.html',
            edits: [
              { old_text: '<h1>Counter</h1>', new_text: '<h1>My counter</h1>' },
              { old_text: 'count += 1;', new_text: 'count += 0;' },
            ],
          },
        },
      ],
    },
    { text: 'The heading now says "My counter".' },
  ],
};
