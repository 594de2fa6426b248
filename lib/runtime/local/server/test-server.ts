import type { Server } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { allowedHostsFromEnv } from '../../../server/allowed-hosts';
import { createIdeServer } from '../../../server/ide-server';
import type { LocalRuntimeEnablement } from '../enablement';
import { createLocalRuntimeServer, type LocalRuntimeServer } from './index';

export const TEST_SECRET = 'test-secret-0123456789abcdef';

/** The IDE's server in front of the local runtime, as server/index.ts mounts it, with a stand-in for Next. Answers also to `ide.example.test`. */
export async function startTestServer(enablement: LocalRuntimeEnablement = { enabled: true, reason: null }): Promise<{
  server: Server;
  runtime: LocalRuntimeServer;
  port: number;
  baseUrl: string;
  close(): Promise<void>;
}> {
  const workspacesDir = await mkdtemp(path.join(tmpdir(), 'tabsmith-server-'));
  const allowedHosts = allowedHostsFromEnv({ ALLOWED_HOSTS: 'ide.example.test' });
  const runtime = await createLocalRuntimeServer({ secret: TEST_SECRET, workspacesDir, enablement, allowedHosts });
  const server = createIdeServer({
    allowedHosts,
    runtime,
    handleRequest: (_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('next would answer here');
    },
    handleUpgrade: (_req, socket) => socket.destroy(),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    runtime,
    port,
    baseUrl: `http://localhost:${port}`,
    close: async () => {
      await runtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
