import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allowedHostsFromEnv, type AllowedHosts } from '../../../server/allowed-hosts';
import { refusedHost, refusedUpgradeHost } from '../../../server/ide-server';
import type { PreviewPortAssignments } from './preview-ports';
import type { PreviewProxy } from './preview-proxy';

/**
 * One loopback listener per open dev-server port, each proxying to that dev server. Its origin
 * (`http://localhost:<listener port>`) differs from the IDE's, so the preview cannot read the IDE's
 * storage, yet it is same-site: browsers that block third-party storage (Chromium here does) still let
 * the previewed app use its own localStorage, which `p<port>.localhost` frames are denied.
 */
export class PreviewListeners {
  private readonly servers = new Map<number, { server: Server; previewPort: number }>();

  constructor(
    private readonly proxy: PreviewProxy,
    private readonly bindHost: string,
    /** Remembered listener ports per project, so a project's preview keeps its origin. */
    private readonly assignments: PreviewPortAssignments | null = null,
    /** A rebound name could otherwise read the previewed app, as it could the IDE. */
    private readonly allowedHosts: AllowedHosts = allowedHostsFromEnv(),
  ) {}

  previewPortFor(port: number): number | null {
    return this.servers.get(port)?.previewPort ?? null;
  }

  /**
   * Starts the listener for `port` (once); resolves with its own port, or null if it could not
   * listen. A project gets back a port it had before when that port is free, so its preview origin
   * (and the app's storage there) stays the same; when it is taken, a new one is found and remembered.
   */
  async open(port: number, projectId?: string): Promise<number | null> {
    const existing = this.servers.get(port);
    if (existing) return existing.previewPort;
    const server = createServer((req, res) => {
      if (!refusedHost(req, res, this.allowedHosts)) this.proxy.forwardRequest(req, res, port);
    });
    server.on('upgrade', (req, socket, head) => {
      if (!refusedUpgradeHost(req, socket, this.allowedHosts)) this.proxy.forwardUpgrade(req, socket, head, port);
    });
    const inUse = new Set([...this.servers.values()].map((entry) => entry.previewPort));
    const remembered = projectId && this.assignments ? await this.assignments.portsOf(projectId) : [];
    let listening = false;
    for (const candidate of remembered.filter((p) => !inUse.has(p))) {
      listening = await this.listen(server, candidate);
      if (listening) break;
    }
    if (!listening) listening = await this.listen(server, 0);
    if (!listening) return null;
    const previewPort = (server.address() as AddressInfo).port;
    this.servers.set(port, { server, previewPort });
    if (projectId && this.assignments) await this.assignments.assign(projectId, previewPort);
    return previewPort;
  }

  private listen(server: Server, port: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const onError = () => resolve(false);
      server.once('error', onError);
      server.listen(port, this.bindHost, () => {
        server.off('error', onError);
        resolve(true);
      });
    });
  }

  close(port: number): void {
    const entry = this.servers.get(port);
    if (!entry) return;
    this.servers.delete(port);
    entry.server.closeAllConnections();
    entry.server.close();
  }

  closeAll(): void {
    for (const port of [...this.servers.keys()]) this.close(port);
  }
}
