// Issue 8's budgets for the local runtime's sandbox, measured in-process against the real bubblewrap:
// (a) what a command pays to start in the full sandbox (its project's network namespace, cgroup and rlimit wrapper,
//     toolchain-only file view, private /tmp) beyond a minimal bubblewrap call of the same command;
// (b) `npm install` of create-vite's react-ts template through the sandbox's egress proxy against the same install on
//     the host, direct, on the same warm npm cache in the same run.
// Needs no app server: it drives `ProjectRuntime` the way the control channel does for the agent's commands.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ProjectRuntime, type ProjectSubscriber } from '../lib/runtime/local/server/project-runtime';
import { BWRAP, detectBubblewrap, hostHelperEnv } from '../lib/runtime/local/server/sandbox';
import { createViteReactTs } from './support/create-vite';
import { percentile, printRows, type BenchRow } from './report';
import { terminalPath } from './support/terminal-path';

const START_RUNS = Number(process.env.BENCH_SANDBOX_START_RUNS ?? 40);
const INSTALL_ROUNDS = Number(process.env.BENCH_SANDBOX_INSTALL_ROUNDS ?? 5);
const START_BUDGET_MS = 30;
const INSTALL_BUDGET_RATIO = 1.1;

const quiet: ProjectSubscriber = { send() {} };

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

/** Runs one command in the project's sandbox as the agent's foreground commands run; resolves with its exit code and output. */
async function runSandboxed(project: ProjectRuntime, command: string): Promise<{ code: number; output: string; ms: number }> {
  const start = performance.now();
  const child = await project.spawn({ command, stdin: 'closed' }, quiet);
  let output = '';
  child.onOutput((chunk) => {
    output += chunk;
  });
  const code = await child.exit;
  return { code, output, ms: performance.now() - start };
}

/**
 * The bubblewrap call the local runtime made before the hostile-code sandbox (issue 8): the toolchain read-only,
 * the workspace read-write, its own pid namespace, no network namespace, no limits, the same `bash -c` shape.
 */
function minimalBwrapArgs(workspace: string, command: string): string[] {
  return [
    '--ro-bind', '/usr', '/usr',
    '--symlink', 'usr/bin', '/bin',
    '--symlink', 'usr/sbin', '/sbin',
    '--symlink', 'usr/lib', '/lib',
    '--symlink', 'usr/lib64', '/lib64',
    '--ro-bind-try', '/etc', '/etc',
    '--dev', '/dev',
    '--proc', '/proc',
    '--tmpfs', '/tmp',
    '--bind', workspace, workspace,
    '--unshare-pid',
    '--die-with-parent',
    '--new-session',
    '--chdir', workspace,
    '--',
    'bash', '-c', `exec 2>&1\n${command}`,
  ];
}

function runPlainBwrap(workspace: string, command: string): Promise<{ code: number; ms: number }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn(BWRAP, minimalBwrapArgs(workspace, command), { env: hostHelperEnv(), cwd: '/', detached: true, stdio: 'pipe' });
    child.stdout.resume();
    child.stderr.resume();
    child.on('close', (code) => resolve({ code: code ?? 1, ms: performance.now() - start }));
  });
}

function runOnHost(command: string, cwd: string, env: Record<string, string>): Promise<{ code: number; output: string; ms: number }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', `exec 2>&1\n${command}`], { cwd, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output, ms: performance.now() - start }));
  });
}

async function measureStart(project: ProjectRuntime, workspace: string): Promise<BenchRow[]> {
  const firstStart = performance.now();
  const first = await runSandboxed(project, 'true');
  if (first.code !== 0) throw new Error(`true in the sandbox exited ${first.code}: ${first.output}`);
  const firstMs = performance.now() - firstStart;
  const plainCheck = await runPlainBwrap(workspace, 'true');
  if (plainCheck.code !== 0) throw new Error(`true in a plain bubblewrap exited ${plainCheck.code}`);

  const sandboxed: number[] = [];
  const plain: number[] = [];
  // Alternating, so a change of load on the shared machine reaches both sides alike.
  for (let i = 0; i < START_RUNS; i += 1) {
    const a = await runSandboxed(project, 'true');
    if (a.code !== 0) throw new Error(`true in the sandbox exited ${a.code}: ${a.output}`);
    sandboxed.push(a.ms);
    plain.push((await runPlainBwrap(workspace, 'true')).ms);
  }
  const sandboxP50 = percentile(sandboxed, 50);
  const plainP50 = percentile(plain, 50);
  const overhead = sandboxP50 - plainP50;
  console.error(
    `sandbox start: full sandbox p50 ${ms(sandboxP50)} (p90 ${ms(percentile(sandboxed, 90))}), ` +
      `plain bwrap p50 ${ms(plainP50)} (p90 ${ms(percentile(plain, 90))}), overhead ${ms(overhead)} over ${START_RUNS} runs; ` +
      `first command with the network namespace's start ${ms(firstMs)}`,
  );
  return [
    { measure: 'sandbox: command start, full sandbox p50', figure: ms(sandboxP50), budget: '', ok: true },
    { measure: 'sandbox: command start, plain bwrap p50', figure: ms(plainP50), budget: '', ok: true },
    {
      measure: 'sandbox: start overhead over plain bwrap (p50)',
      figure: ms(overhead),
      budget: `≤ ${START_BUDGET_MS} ms`,
      ok: overhead <= START_BUDGET_MS,
    },
    { measure: 'sandbox: first command incl. network namespace start', figure: ms(firstMs), budget: '', ok: true },
  ];
}

async function measureInstall(project: ProjectRuntime, scratch: string): Promise<BenchRow[]> {
  const packageJson = createViteReactTs().find((file) => file.path === 'package.json');
  if (!packageJson) throw new Error("create-vite's react-ts template has no package.json");
  const hostDir = path.join(scratch, 'direct');
  mkdirSync(hostDir, { recursive: true });
  for (const dir of [project.workspace.root, hostDir]) writeFileSync(path.join(dir, 'package.json'), packageJson.content);

  // The host side uses the sandboxed project's own npm cache, so both installs see exactly the same cache state.
  // Otherwise the environment a person's shell has, minus npm's own script variables (`npm run bench` sets npm_config_*).
  const hostEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^npm_/i.test(name)) hostEnv[name] = value;
  }
  Object.assign(hostEnv, {
    PATH: terminalPath(),
    HOME: project.paths.home,
    npm_config_cache: project.paths.npmCache,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
  });
  const reset = 'rm -rf node_modules package-lock.json';
  const install = `${reset} && npm install --no-progress`;

  const sandboxed: number[] = [];
  const direct: number[] = [];
  // Round 0 warms the cache (and is not counted); then the two alternate.
  for (let round = 0; round <= INSTALL_ROUNDS; round += 1) {
    const a = await runSandboxed(project, install);
    if (a.code !== 0) throw new Error(`npm install in the sandbox exited ${a.code}:\n${a.output.slice(-2000)}`);
    const b = await runOnHost(install, hostDir, hostEnv);
    if (b.code !== 0) throw new Error(`npm install on the host exited ${b.code}:\n${b.output.slice(-2000)}`);
    console.error(`npm install round ${round}${round === 0 ? ' (warm-up)' : ''}: through the proxy ${ms(a.ms)}, direct ${ms(b.ms)}`);
    if (round === 0) continue;
    sandboxed.push(a.ms);
    direct.push(b.ms);
  }
  const proxied = percentile(sandboxed, 50);
  const plain = percentile(direct, 50);
  const ratio = proxied / plain;
  console.error(`npm install react-ts: through the proxy p50 ${ms(proxied)}, direct p50 ${ms(plain)}, ratio ${ratio.toFixed(2)}×`);
  return [
    { measure: 'sandbox: npm install react-ts through the egress proxy (p50)', figure: ms(proxied), budget: '', ok: true },
    { measure: 'sandbox: npm install react-ts direct, same cache (p50)', figure: ms(plain), budget: '', ok: true },
    {
      measure: 'sandbox: npm install through the proxy ÷ direct',
      figure: `${ratio.toFixed(2)}×`,
      budget: `≤ ${INSTALL_BUDGET_RATIO}×`,
      ok: ratio <= INSTALL_BUDGET_RATIO,
    },
  ];
}

async function main(): Promise<void> {
  if (!(await detectBubblewrap())) throw new Error('bubblewrap cannot create a sandbox here; the sandbox bench needs it.');
  const scratch = mkdtempSync(path.join(tmpdir(), 'tabsmith-sandbox-bench-'));
  const project = new ProjectRuntime(path.join(scratch, 'workspaces'), 'sandbox-bench', true, async () => null);
  try {
    await project.subscribe(quiet);
    const only = (process.env.BENCH_SANDBOX_ONLY ?? '').split(',').filter(Boolean);
    const rows: BenchRow[] = [];
    if (only.length === 0 || only.includes('start')) rows.push(...(await measureStart(project, project.workspace.root)));
    if (only.length === 0 || only.includes('install')) rows.push(...(await measureInstall(project, scratch)));
    printRows(rows);
  } finally {
    await project.unsubscribe(quiet);
    await project.killAll();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
