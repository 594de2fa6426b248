// Gzipped JavaScript the home page ships (budget: 250 KB).
import { gzipSync } from 'node:zlib';
import { printRows } from './report';

const base = process.env.BENCH_APP_URL ?? 'http://localhost:3000';
const html = await (await fetch(`${base}/`)).text();
const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
let total = 0;
for (const src of new Set(scripts)) {
  const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
  total += gzipSync(body).length;
}
const kb = total / 1024;
printRows([{ measure: 'Home page JavaScript (gzipped)', figure: `${kb.toFixed(1)} KB`, budget: '≤ 250 KB', ok: kb <= 250 }]);
