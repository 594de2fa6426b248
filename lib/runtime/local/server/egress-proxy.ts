import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { BlockList, connect, isIP, type Socket } from 'node:net';
import { homedir, networkInterfaces } from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { projectNode } from './project-node';
import { abortWithUpstream, splice } from './splice';

export const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

/** The registry npm is configured with on this machine: `npm_config_registry`, then the user's and the global npmrc. */
export function configuredRegistry(env: Record<string, string | undefined> = process.env, home = homedir()): string {
  const fromEnv = env.npm_config_registry ?? env.NPM_CONFIG_REGISTRY;
  if (fromEnv) return fromEnv;
  // The npm that projects run reads the global npmrc under its Node's prefix.
  const prefix = path.dirname(path.dirname(projectNode()));
  for (const file of [path.join(home, '.npmrc'), path.join(prefix, 'etc', 'npmrc'), '/etc/npmrc']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const line = /^\s*registry\s*=\s*(\S+)\s*$/m.exec(text);
    if (line) return line[1];
  }
  return DEFAULT_REGISTRY;
}

/** Domains a sandboxed command may reach: the registry's host and `SANDBOX_ALLOWED_DOMAINS`. */
export function allowedDomains(env: Record<string, string | undefined> = process.env, registry = configuredRegistry(env)): string[] {
  const domains = new Set<string>();
  try {
    domains.add(new URL(registry).hostname.toLowerCase());
  } catch {
    domains.add(new URL(DEFAULT_REGISTRY).hostname);
  }
  for (const entry of (env.SANDBOX_ALLOWED_DOMAINS ?? '').split(',')) {
    const domain = entry.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
    if (domain) domains.add(domain);
  }
  return [...domains];
}

let cachedPolicy: { registry: string; domains: string[] } | null = null;

/** The registry and allowed domains of this server, read once from its environment and npm configuration. */
export function egressPolicy(): { registry: string; domains: string[] } {
  if (!cachedPolicy) {
    const registry = configuredRegistry();
    cachedPolicy = { registry, domains: allowedDomains(process.env, registry) };
  }
  return cachedPolicy;
}

/** `host` is an allowed domain or a subdomain of one. */
export function isAllowedHost(host: string, domains: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return domains.some((domain) => name === domain || name.endsWith(`.${domain}`));
}

function forbiddenRanges(): BlockList {
  const list = new BlockList();
  const v4: [string, number][] = [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ];
  for (const [address, prefix] of v4) list.addSubnet(address, prefix, 'ipv4');
  const v6: [string, number][] = [
    ['::', 128],
    ['::1', 128],
    ['fc00::', 7],
    ['fe80::', 10],
    ['fec0::', 10],
    ['ff00::', 8],
    ['100::', 64],
  ];
  for (const [address, prefix] of v6) list.addSubnet(address, prefix, 'ipv6');
  return list;
}

const FORBIDDEN = forbiddenRanges();

/** The IPv4 address carried inside an IPv6 one (mapped, NAT64, 6to4), if any. */
function embeddedIPv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  const parts = hex ?? sixToFour;
  if (!parts) return null;
  const high = parseInt(parts[1], 16);
  const low = parseInt(parts[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

function hostAddresses(): Set<string> {
  const addresses = new Set<string>();
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) addresses.add(info.address.toLowerCase());
  }
  return addresses;
}

/** Loopback, private, link-local (cloud metadata), multicast, reserved, or one of this machine's own addresses. */
export function isForbiddenAddress(address: string, ownAddresses: Set<string> = hostAddresses()): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (ownAddresses.has(address.toLowerCase())) return true;
  if (family === 4) return FORBIDDEN.check(address, 'ipv4');
  const inner = embeddedIPv4(address);
  if (inner) return isForbiddenAddress(inner, ownAddresses);
  return FORBIDDEN.check(address, 'ipv6');
}

export interface BlockedConnection {
  host: string;
  port: number;
  reason: string;
}

export interface EgressProxyOptions {
  domains: readonly string[];
  /** Called for each refused connection, so the command's output can say so. */
  onBlocked?: (blocked: BlockedConnection) => void;
  resolve?: (host: string) => Promise<string[]>;
  isForbidden?: (address: string) => boolean;
}

class Refused extends Error {}

async function defaultResolve(host: string): Promise<string[]> {
  const results = await lookup(host, { all: true, verbatim: true });
  return results.map((r) => r.address);
}

export function blockedMessage(blocked: BlockedConnection): string {
  return (
    `Sandbox: blocked a connection to ${blocked.host}:${blocked.port} (${blocked.reason}). ` +
    'Commands may reach only the package registry and the domains in SANDBOX_ALLOWED_DOMAINS; ' +
    `to allow this one, add ${blocked.host} to SANDBOX_ALLOWED_DOMAINS (comma-separated) and restart the IDE.`
  );
}

function splitHostPort(authority: string, defaultPort: number): { host: string; port: number } | null {
  const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(authority) ?? /^([^:]+)(?::(\d+))?$/.exec(authority);
  if (!match) return null;
  const port = match[2] ? Number(match[2]) : defaultPort;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { host: match[1].toLowerCase(), port };
}

/**
 * An HTTP proxy (CONNECT for TLS, absolute-URI requests for plain HTTP) that lets sandboxed commands
 * reach only the allowed domains. Names are resolved here and the connection goes to the address that was
 * checked, so a name that resolves to a private or loopback address (or rebinds to one) is refused.
 */
export function createEgressProxy(options: EgressProxyOptions): Server {
  const resolve = options.resolve ?? defaultResolve;
  const isForbidden = options.isForbidden ?? ((address: string) => isForbiddenAddress(address));

  async function checkedAddress(host: string, port: number): Promise<string> {
    const refuse = (reason: string): never => {
      options.onBlocked?.({ host, port, reason });
      throw new Refused(blockedMessage({ host, port, reason }));
    };
    if (isIP(host) !== 0) refuse('an address, not an allowed domain');
    if (!isAllowedHost(host, options.domains)) refuse('not an allowed domain');
    let addresses: string[];
    try {
      addresses = await resolve(host);
    } catch {
      throw new Refused(`Sandbox proxy: ${host} could not be resolved.`);
    }
    const allowed = addresses.filter((address) => !isForbidden(address));
    if (allowed.length === 0 || allowed.length !== addresses.length) {
      refuse('it resolves to a private, loopback or link-local address');
    }
    return allowed[0];
  }

  function refuseSocket(socket: Duplex, status: number, message: string): void {
    const body = `${message}\n`;
    socket.end(
      `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Bad Gateway'}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
        `X-Sandbox-Blocked: ${message.replace(/[\r\n]/g, ' ')}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }

  const server = createServer((req, res) => {
    void (async () => {
      let target: URL;
      try {
        target = new URL(req.url ?? '');
        if (target.protocol !== 'http:') throw new Error('not http');
      } catch {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Sandbox proxy: send absolute http:// URLs, or CONNECT for https.\n');
        return;
      }
      const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
      const port = target.port ? Number(target.port) : 80;
      let address: string;
      try {
        address = await checkedAddress(host, port);
      } catch (error) {
        const message = (error as Error).message;
        res.writeHead(error instanceof Refused && message.startsWith('Sandbox:') ? 403 : 502, {
          'content-type': 'text/plain; charset=utf-8',
          'x-sandbox-blocked': message,
        });
        res.end(`${message}\n`);
        return;
      }
      const headers = { ...req.headers };
      delete headers['proxy-connection'];
      delete headers['proxy-authorization'];
      const upstream = httpRequest(
        { host: address, port, method: req.method, path: `${target.pathname}${target.search}`, headers, setHost: false },
        (response) => {
          abortWithUpstream(response, res);
          res.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`Sandbox proxy: ${host}:${port} did not answer.\n`);
      });
      req.pipe(upstream);
    })();
  });

  server.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {});
    const authority = splitHostPort(req.url ?? '', 443);
    if (!authority) {
      refuseSocket(socket, 400, 'Sandbox proxy: CONNECT needs host:port.');
      return;
    }
    void checkedAddress(authority.host, authority.port).then(
      (address) => {
        const upstream: Socket = connect({ host: address, port: authority.port, noDelay: true });
        let connected = false;
        upstream.on('connect', () => {
          connected = true;
          socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          if (head.length > 0) upstream.write(head);
          splice(upstream, socket);
        });
        upstream.on('error', () => {
          if (!connected) refuseSocket(socket, 502, `Sandbox proxy: ${authority.host}:${authority.port} did not answer.`);
        });
        socket.on('close', () => {
          if (!connected) upstream.destroy();
        });
      },
      (error: Error) => refuseSocket(socket, error.message.startsWith('Sandbox:') ? 403 : 502, error.message),
    );
  });
  return server;
}
