import type { Scenario } from '../scenario';

const longContent = Array.from({ length: 600 }, (_, i) => `Line ${i + 1}: this file streams slowly so a test can press Stop.`).join('\n') + '\n';

/** first.txt is written whole; big.txt streams for ~60 s (5,000 pieces, 12 ms apart) so Stop lands mid-input. */
export const stopMidWrite: Scenario = {
  name: 'stop-mid-write',
  steps: [
    { tool_calls: [{ name: 'write_file', arguments: { path: 'first.txt', content: 'Written before Stop.\n' } }] },
    {
      text: 'Now a big file.',
      tool_calls: [{ name: 'write_file', arguments: { path: 'big.txt', content: longContent } }],
      chunk_size: 8,
      chunk_delay_ms: 12,
    },
    { text: 'Both files are written.' },
  ],
};
