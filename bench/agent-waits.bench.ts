// How long run_command keeps the agent waiting after a foreground dev server opened its port, and after
// a command stopped at a prompt (budget: 5 s each). Real processes (bash, node) behind a minimal Runtime.
import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { executeTool } from '../lib/agent/execute-tool';
import { ProcessRegistry } from '../lib/agent/process-registry';
import type { AgentFiles, ToolContext } from '../lib/agent/tool-context';
import type { PortEvent, Runtime, RuntimeProcess } from '../lib/runtime/types';
import { percentile, printRows } from './report';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Processes through bash with closed stdin; a port is "open" once it accepts connections, polled every 100 ms as the local runtime does on output. */
function processRuntime(watchedPort: number): Runtime & { stop(): void } {
  const portListeners = new Set<(event: PortEvent) => void>();
  let open = false;
  const timer = setInterval(async () => {
    const now = await listening(watchedPort);
    if (now === open) return;
    open = now;
    for (const listener of portListeners) listener({ port: watchedPort, url: `http://127.0.0.1:${watchedPort}/`, open });
  }, 100);
  let count = 0;
  const runtime: Partial<Runtime> & { stop(): void } = {
    kind: 'local',
    async spawn(command, options) {
      const child = spawn('bash', ['-c', `exec 2>&1\n${command}`], {
        stdio: [options?.stdin === 'closed' ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        env: { ...process.env, ...options?.env },
        detached: true,
      });
      const listeners = new Set<(chunk: string) => void>();
      child.stdout?.on('data', (data: Buffer) => listeners.forEach((listener) => listener(data.toString())));
      const exit = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 143)));
      const process_: RuntimeProcess = {
        id: `b${++count}`,
        command,
        exit,
        onOutput: (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
        write: () => {},
        resize: () => {},
        async kill() {
          try {
            process.kill(-child.pid!, 'SIGTERM');
          } catch {
            // Already gone.
          }
          await exit;
        },
      };
      return process_;
    },
    onPort: (listener) => (portListeners.add(listener), () => void portListeners.delete(listener)),
    openPorts: () => (open ? [{ port: watchedPort, url: `http://127.0.0.1:${watchedPort}/`, open }] : []),
    stop: () => clearInterval(timer),
  };
  return runtime as Runtime & { stop(): void };
}

const noFiles: AgentFiles = { read: () => undefined, list: () => [], write: async () => {}, delete: async () => {}, move: async () => {} };

/** The child prints the moment (epoch ms) it opens the port or shows the prompt; the wait is from then to the tool's return. */
async function measure(command: (port: number) => string, marker: RegExp): Promise<number> {
  const port = await freePort();
  const runtime = processRuntime(port);
  const ctx: ToolContext = {
    files: noFiles,
    runtime,
    preview: { check: () => ({ status: 'not-running', url: null, errors: [] }) },
    processes: new ProcessRegistry(runtime),
    signal: new AbortController().signal,
  };
  try {
    const result = (await executeTool('run_command', { command: command(port) }, ctx)) as { output: string; id?: string };
    const returnedAt = Date.now();
    const at = Number(marker.exec(result.output)?.[1]);
    if (!Number.isFinite(at)) throw new Error(`No timestamp in the output: ${result.output}`);
    for (const p of ctx.processes!.running()) await ctx.processes!.stop(p.id);
    return returnedAt - at;
  } finally {
    runtime.stop();
  }
}

const server = (port: number) =>
  `node -e "require('http').createServer((q,s)=>s.end('ok')).listen(${port},()=>console.log('listening at '+Date.now()+' on http://localhost:${port}/'))"`;
const prompt = () => `node -e "process.stdout.write('asked at '+Date.now()+'\\nProceed? (y/N) '); setInterval(()=>{}, 1000)"`;

const serverWaits: number[] = [];
const promptWaits: number[] = [];
for (let i = 0; i < 5; i++) {
  serverWaits.push(await measure(server, /listening at (\d+)/));
  promptWaits.push(await measure(prompt, /asked at (\d+)/));
}

const row = (measure: string, values: number[]) => {
  const p50 = percentile(values, 50);
  const max = Math.max(...values);
  return { measure, figure: `p50 ${(p50 / 1000).toFixed(2)} s, max ${(max / 1000).toFixed(2)} s`, budget: '≤ 5 s', ok: max <= 5000 };
};
printRows([
  row('agent waits after a foreground dev server opened its port', serverWaits),
  row('agent waits after a command stopped at a prompt', promptWaits),
]);
