import type { Scenario, ScenarioToolCall } from '../scenario';

const SECTIONS = 10;
const ROWS_PER_SECTION = 250;

function sectionSource(section: number): string {
  const name = `Section${String(section).padStart(2, '0')}`;
  const rows = Array.from(
    { length: ROWS_PER_SECTION },
    (_, row) =>
      `        <li key="${row}" className="flex items-center justify-between rounded-lg bg-white px-4 py-2">Item ${section}.${row}</li>`,
  );
  return [
    `import { useState } from 'react';`,
    ``,
    `export function ${name}() {`,
    `  const [open, setOpen] = useState(true);`,
    `  return (`,
    `    <section className="space-y-2">`,
    `      <button onClick={() => setOpen(!open)}>${name}</button>`,
    `      <ul hidden={!open}>`,
    ...rows,
    `      </ul>`,
    `    </section>`,
    `  );`,
    `}`,
    ``,
  ].join('\n');
}

/** The files the benchmark's streamed response writes, in order; the last one is what it waits for on disk. */
export const benchStreamFiles: { path: string; content: string }[] = Array.from({ length: SECTIONS }, (_, i) => ({
  path: `src/sections/Section${String(i + 1).padStart(2, '0')}.tsx`,
  content: sectionSource(i + 1),
}));

export const BENCH_STREAM_TOKENS_PER_SECOND = 2000;

const calls: ScenarioToolCall[] = benchStreamFiles.map((file) => ({ name: 'write_file', arguments: { ...file } }));

/**
 * bench/agent-stream.bench.ts: one response of ~300 KB (ten `write_file` calls of ~30 KB) streamed at
 * 2,000 tokens/s, so the chat and editor can be watched for long main-thread tasks while it arrives.
 */
export const benchStream: Scenario = {
  name: 'bench-stream',
  steps: [
    {
      text: 'I will write the ten sections of the page now, one file each.',
      tool_calls: calls,
      chunk_size: 48,
      tokens_per_second: BENCH_STREAM_TOKENS_PER_SECOND,
    },
    { text: 'All ten sections are written.' },
  ],
};

/** Characters the streamed step sends: its text plus every tool call's JSON arguments. */
export function benchStreamChars(): number {
  const text = benchStream.steps[0].text ?? '';
  return text.length + calls.reduce((sum, call) => sum + JSON.stringify(call.arguments).length, 0);
}
