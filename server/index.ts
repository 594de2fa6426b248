import { randomBytes } from 'node:crypto';
import { register } from 'node:module';
import next from 'next';
import { createLocalRuntimeServer } from '../lib/runtime/local/server/index';
import { allowedHostsFromEnv } from '../lib/server/allowed-hosts';
import { createIdeServer } from '../lib/server/ide-server';
import { listenIde } from '../lib/server/listen';
import type { WebHandler } from '../lib/server/web-handler';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

// The local runtime's control channel requires this; the workbench page receives it server-side.
process.env.TABSMITH_RUNTIME_SECRET ??= randomBytes(24).toString('hex');

const allowedHosts = allowedHostsFromEnv();
const localRuntime = await createLocalRuntimeServer({ secret: process.env.TABSMITH_RUNTIME_SECRET, allowedHosts });

/** In development Next answers every route, so an edited route reloads; in production the chat skips Next's adaptation. */
async function productionWebRoutes(): Promise<Map<string, WebHandler>> {
  register('./server-only-condition.mjs', import.meta.url);
  const chat = await import('../app/api/chat/route');
  return new Map([['POST /api/chat', chat.POST]]);
}
const webRoutes = dev ? undefined : await productionWebRoutes();

const app = next({ dev, hostname: host, port, dir: process.cwd() });
const handle = app.getRequestHandler();

await app.prepare();
const upgrade = app.getUpgradeHandler();

const server = createIdeServer({
  allowedHosts,
  runtime: localRuntime,
  webRoutes,
  handleRequest: (req, res) => void handle(req, res),
  handleUpgrade: (req, socket, head) => void upgrade(req, socket, head),
});

try {
  const listening = await listenIde(server, port, host);
  console.log(`Tabsmith ready on http://${host === '127.0.0.1' ? 'localhost' : host}:${listening.port} (${listening.addresses.join(', ')})`);
  for (const warning of listening.warnings) console.warn(warning);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  localRuntime.killNow();
  process.exit(1);
}
if (!localRuntime.enablement.enabled) console.log(`Local runtime: ${localRuntime.enablement.reason}`);
else if (!localRuntime.confined) console.log('Local runtime: bubblewrap (bwrap) not available; commands are NOT confined to the project folder.');

// Project processes run in their own process groups; take them down with the server.
process.on('exit', () => localRuntime.killNow());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    localRuntime.killNow();
    process.exit(0);
  });
}
