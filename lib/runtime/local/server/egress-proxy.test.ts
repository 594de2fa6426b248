import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedDomains, createEgressProxy, isAllowedHost, isForbiddenAddress, type BlockedConnection } from './egress-proxy';

describe('egress policy', () => {
  it('allows the configured registry and SANDBOX_ALLOWED_DOMAINS, subdomains included', () => {
    const domains = allowedDomains({ SANDBOX_ALLOWED_DOMAINS: ' github.com, *.example.org ,' }, 'https://registry.example.com/npm/');
    expect(domains).toEqual(['registry.example.com', 'github.com', 'example.org']);
    expect(isAllowedHost('codeload.github.com', domains)).toBe(true);
    expect(isAllowedHost('GitHub.com.', domains)).toBe(true);
    expect(isAllowedHost('evilgithub.com', domains)).toBe(false);
    expect(isAllowedHost('github.com.evil.net', domains)).toBe(false);
  });

  it('refuses loopback, private, link-local (metadata) and mapped forms of them', () => {
    const none = new Set<string>();
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.100.1.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::a9fe:a9fe', '2002:c0a8:0101::1', 'not-an-ip']) {
      expect(isForbiddenAddress(address, none), address).toBe(true);
    }
    for (const address of ['104.16.1.35', '2606:4700::6810:123', '203.0.113.80']) {
      expect(isForbiddenAddress(address, none), address).toBe(false);
    }
    expect(isForbiddenAddress('104.16.1.35', new Set(['104.16.1.35']))).toBe(true);
  });
});

describe('egress proxy', () => {
  let proxy: Server | null = null;
  let upstream: Server | null = null;

  afterEach(() => {
    proxy?.close();
    upstream?.close();
  });

  async function startProxy(resolve: (host: string) => Promise<string[]>, isForbidden: (address: string) => boolean) {
    const blocked: BlockedConnection[] = [];
    proxy = createEgressProxy({ domains: ['registry.test'], resolve, isForbidden, onBlocked: (b) => blocked.push(b) });
    await new Promise<void>((done) => proxy!.listen(0, '127.0.0.1', done));
    return { port: (proxy.address() as AddressInfo).port, blocked };
  }

  function connectThrough(port: number, authority: string): Promise<string> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk.toString();
        if (answer.includes('\r\n\r\n')) {
          socket.destroy();
          resolve(answer);
        }
      });
      socket.on('error', () => resolve(answer));
    });
  }

  it('refuses a domain that is not allowed, naming it and the setting that allows it', async () => {
    const { port, blocked } = await startProxy(async () => ['104.16.1.35'], () => false);
    const answer = await connectThrough(port, 'evil.example:443');
    expect(answer).toMatch(/^HTTP\/1.1 403/);
    expect(answer).toContain('evil.example:443');
    expect(answer).toContain('SANDBOX_ALLOWED_DOMAINS');
    expect(blocked).toEqual([{ host: 'evil.example', port: 443, reason: 'not an allowed domain' }]);
  });

  it('refuses raw addresses and allowed names that resolve to a private address (DNS rebinding)', async () => {
    const { port, blocked } = await startProxy(async () => ['127.0.0.1'], (address) => address === '127.0.0.1');
    expect(await connectThrough(port, '127.0.0.1:3000')).toMatch(/^HTTP\/1.1 403/);
    expect(await connectThrough(port, 'registry.test:443')).toMatch(/^HTTP\/1.1 403/);
    expect(blocked.map((b) => b.reason)).toEqual(['an address, not an allowed domain', 'it resolves to a private, loopback or link-local address']);
  });

  it('tunnels and forwards plain HTTP to the address it checked', async () => {
    upstream = createServer((req, res) => res.end(`upstream saw ${req.headers.host} ${req.url}`));
    await new Promise<void>((done) => upstream!.listen(0, '127.0.0.1', done));
    const upstreamPort = (upstream.address() as AddressInfo).port;
    // The test's "public" address is loopback, so the address check is replaced for this one.
    const { port } = await startProxy(async () => ['127.0.0.1'], () => false);
    expect(await connectThrough(port, `registry.test:${upstreamPort}`)).toMatch(/^HTTP\/1.1 200/);
    const body = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: `http://registry.test:${upstreamPort}/is-number`, headers: { host: `registry.test:${upstreamPort}` } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(body).toBe(`upstream saw registry.test:${upstreamPort} /is-number`);
  });
});
