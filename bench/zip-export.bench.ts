// Zip export of a 2,000-file project (budget: under 1.5 s).
import { exportProjectZip } from '../lib/project/zip';
import type { FileMap } from '../lib/project/types';
import { percentile, printRows } from './report';

const files: FileMap = {};
for (let i = 0; i < 2000; i++) {
  const folder = `src/module-${Math.floor(i / 50)}`;
  files[`${folder}/file-${i}.ts`] = `export const value${i} = ${i};\n`.repeat(20 + (i % 30));
}
const png = new Uint8Array(20_000).map((_, i) => (i * 31) % 256);
files['public/logo.png'] = png;

const times: number[] = [];
for (let run = 0; run < 5; run++) {
  const start = performance.now();
  exportProjectZip(files);
  times.push(performance.now() - start);
}
const p50 = percentile(times, 50);
printRows([{ measure: 'Zip export, 2,000 files (p50 of 5)', figure: `${p50.toFixed(0)} ms`, budget: '< 1500 ms', ok: p50 < 1500 }]);
