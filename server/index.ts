import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import next from 'next';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

// The local runtime's control channel requires this; the workbench page receives it server-side.
process.env.TABSMITH_RUNTIME_SECRET ??= randomBytes(24).toString('hex');

const app = next({ dev, hostname: host, port, dir: process.cwd() });
const handle = app.getRequestHandler();

await app.prepare();
const upgrade = app.getUpgradeHandler();

const server = createServer((req, res) => {
  void handle(req, res);
});
server.on('upgrade', (req, socket, head) => {
  void upgrade(req, socket, head);
});
server.listen(port, host, () => {
  console.log(`Tabsmith ready on http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`);
});
