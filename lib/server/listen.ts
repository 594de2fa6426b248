import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackHost } from '../runtime/local/enablement';

export interface IdeListening {
  port: number;
  /** Every address:port the IDE holds, e.g. `127.0.0.1:3000` and `[::1]:3000`. */
  addresses: string[];
  /** Said in the log; the IDE runs on. */
  warnings: string[];
  close(): Promise<void>;
}

function listenOn(server: Server | NetServer, port: number, host: string, ipv6Only: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ port, host, ipv6Only }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: Server | NetServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

const UNAVAILABLE = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EPROTONOSUPPORT']);

/**
 * Listens on `host:port`. When `host` is loopback, listens on both 127.0.0.1 and ::1 at the same port: browsers
 * try `localhost` on ::1 first, so whoever holds [::1]:<port> would otherwise be served as the IDE's origin and
 * could read its storage. If ::1 is taken by another program, that is refused; if the machine has no IPv6
 * loopback, nothing else can take it either, and the IDE carries on with a warning.
 */
export async function listenIde(server: Server, port: number, host: string): Promise<IdeListening> {
  const loopback = isLoopbackHost(host);
  const v6 = host === '::1' || host === '[::1]';
  const primary = loopback ? (v6 ? '::1' : host === 'localhost' ? '127.0.0.1' : host) : host;
  await listenOn(server, port, primary, false);
  const actualPort = (server.address() as AddressInfo).port;
  const show = (address: string) => (address.includes(':') ? `[${address}]:${actualPort}` : `${address}:${actualPort}`);
  const addresses = [show(primary)];
  const warnings: string[] = [];
  const extra: NetServer[] = [];

  if (loopback) {
    const second = v6 ? '127.0.0.1' : '::1';
    // One HTTP server, two sockets: connections accepted here are handed to the same request handling.
    const twin = createNetServer((socket) => server.emit('connection', socket));
    try {
      await listenOn(twin, actualPort, second, second === '::1');
      extra.push(twin);
      addresses.push(show(second));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!UNAVAILABLE.has(code)) {
        await closeServer(server);
        if (code === 'EADDRINUSE') {
          throw new Error(
            `Another program is already listening on ${show(second)}, so http://localhost:${actualPort} could reach it ` +
              'instead of Tabsmith. Stop that program or choose another PORT.',
            { cause: error },
          );
        }
        throw error;
      }
      warnings.push(
        `This machine has no ${second === '::1' ? 'IPv6' : 'IPv4'} loopback address (${second}: ${code}); ` +
          `Tabsmith listens on ${show(primary)} only.`,
      );
    }
  }

  return {
    port: actualPort,
    addresses,
    warnings,
    close: async () => {
      await Promise.all([closeServer(server), ...extra.map(closeServer)]);
    },
  };
}
