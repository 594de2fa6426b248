import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import next from 'next';
import { createLocalRuntimeServer } from '../lib/runtime/local/server/index';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

// The local runtime's control channel requires this; the workbench page receives it server-side.
process.env.TABSMITH_RUNTIME_SECRET ??= randomBytes(24).toString('hex');

const localRuntime = await createLocalRuntimeServer({ secret: process.env.TABSMITH_RUNTIME_SECRET });

const app = next({ dev, hostname: host, port, dir: process.cwd() });
const handle = app.getRequestHandler();

await app.prepare();
const upgrade = app.getUpgradeHandler();

const server = createServer((req, res) => {
  // Preview hosts (p<port>.localhost) and /api/runtime/* never reach Next.
  if (localRuntime.handleRequest(req, res)) return;
  void handle(req, res);
});
server.on('upgrade', (req, socket, head) => {
  if (localRuntime.handleUpgrade(req, socket, head)) return;
  void upgrade(req, socket, head);
});
server.listen(port, host, () => {
  console.log(`Tabsmith ready on http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`);
  if (!localRuntime.enablement.enabled) console.log(`Local runtime: ${localRuntime.enablement.reason}`);
  else if (!localRuntime.confined) console.log('Local runtime: bubblewrap (bwrap) not available; commands are NOT confined to the project folder.');
});

// Project processes run in their own process groups; take them down with the server.
process.on('exit', () => localRuntime.killNow());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    localRuntime.killNow();
    process.exit(0);
  });
}
