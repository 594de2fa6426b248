// Builds the production app, runs every bench/*.bench.ts against it and prints one table of (measure, figure, budget).
// `--no-build` reuses an existing build; other arguments pick bench files by part of their name.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** A port nothing listens on now, so benches in several checkouts never collide; BENCH_PORT / BENCH_FAKE_LLM_PORT pin them. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const root = process.cwd();
const port = Number(process.env.BENCH_PORT ?? (await freePort()));
const fakePort = Number(process.env.BENCH_FAKE_LLM_PORT ?? (await freePort()));

const workspacesDir = path.join(root, '.data', 'bench-workspaces');

if (!existsSync(path.join(root, '.next', 'BUILD_ID')) || !process.argv.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const children = [];
function start(cmd, args, env) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  children.push(child);
  return child;
}
function stopAll() {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
  }
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

async function waitFor(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

// Every run imports fresh projects; old workspaces (with their node_modules) would only pile up.
rmSync(workspacesDir, { recursive: true, force: true });

start('npx', ['tsx', 'e2e/fake-llm/server.ts'], { FAKE_LLM_PORT: String(fakePort) });
start('npx', ['tsx', 'server/index.ts'], {
  NODE_ENV: 'production',
  PORT: String(port),
  OPENAI_COMPATIBLE_BASE_URL: `http://127.0.0.1:${fakePort}/v1`,
  OPENAI_COMPATIBLE_API_KEY: 'fake-key',
  OPENAI_COMPATIBLE_MODELS: 'fake-model',
  DEFAULT_MODEL: 'openai-compatible:fake-model',
  RUNTIME: 'local',
  OLLAMA_BASE_URL: 'http://127.0.0.1:9',
  WORKSPACES_DIR: workspacesDir,
});
await waitFor(`http://127.0.0.1:${port}/`);

const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows = [];
for (const file of files) {
  const result = spawnSync('npx', ['tsx', path.join('bench', file)], {
    env: {
      ...process.env,
      BENCH_APP_URL: `http://localhost:${port}`,
      BENCH_FAKE_LLM_URL: `http://127.0.0.1:${fakePort}`,
      BENCH_WORKSPACES_DIR: workspacesDir,
    },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 10 * 60_000,
  });
  const line = result.stdout.trim().split('\n').filter((l) => l.startsWith('[')).pop();
  if (result.status !== 0 || !line) {
    rows.push({ file, measure: `${file} failed`, figure: 'n/a', budget: '', ok: false });
    continue;
  }
  for (const row of JSON.parse(line)) rows.push({ file, ...row });
}

const table = rows.map((r) => ({ measure: r.measure, figure: r.figure, budget: r.budget, ok: r.ok ? 'yes' : 'NO' }));
console.table(table);
writeFileSync(path.join(root, 'bench', 'results.json'), JSON.stringify({ at: new Date().toISOString(), rows }, null, 2));
stopAll();
process.exit(0);
