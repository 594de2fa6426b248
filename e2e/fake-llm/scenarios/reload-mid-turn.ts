import type { Scenario } from '../scenario';
import { tenMinuteInstallJs } from './shared-files';

const longContent = Array.from({ length: 600 }, (_, i) => `Line ${i + 1}: this file streams slowly so a test can reload mid-turn.`).join('\n') + '\n';

/**
 * For reloads in the middle of one turn (e2e/interrupted-turn.spec.ts). Step 0 writes one.txt; step 1
 * streams two.txt for about a minute the first time it is asked for, at full speed after a Continue;
 * step 2 writes slow.js and runs `node slow.js`, which works for ten minutes; step 3 ends the turn.
 */
export const reloadMidTurn: Scenario = {
  name: 'reload-mid-turn',
  steps: [
    { tool_calls: [{ name: 'write_file', arguments: { path: 'one.txt', content: 'The first file.\n' } }] },
    {
      text: 'Now the second file.',
      tool_calls: [{ name: 'write_file', arguments: { path: 'two.txt', content: longContent } }],
      chunk_size: 8,
      chunk_delay_ms: 12,
      paced_times: 1,
    },
    {
      text: 'Now the install.',
      tool_calls: [
        { name: 'write_file', arguments: { path: 'slow.js', content: tenMinuteInstallJs } },
        { name: 'run_command', arguments: { command: 'node slow.js', timeout_seconds: 900 } },
      ],
    },
    { text: 'All three files are written; the install was cut off, so I left it for now.' },
  ],
};

export const RELOAD_MID_TURN_TWO_TXT = longContent;
