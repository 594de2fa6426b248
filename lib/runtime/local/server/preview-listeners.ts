import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  ) {}

  previewPortFor(port: number): number | null {
    return this.servers.get(port)?.previewPort ?? null;
  }

  /** Starts the listener for `port` (once); resolves with its own port, or null if it could not listen. */
  async open(port: number): Promise<number | null> {
    const existing = this.servers.get(port);
    if (existing) return existing.previewPort;
    const server = createServer((req, res) => this.proxy.forwardRequest(req, res, port));
    server.on('upgrade', (req, socket, head) => this.proxy.forwardUpgrade(req, socket, head, port));
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(0, this.bindHost, () => resolve(true));
    });
    if (!listening) return null;
    const previewPort = (server.address() as AddressInfo).port;
    this.servers.set(port, { server, previewPort });
    return previewPort;
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
