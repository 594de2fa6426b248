import { describe, expect, it } from 'vitest';
import { allowedHostsFromEnv, hostnameFromHostHeader, isAllowedHost, isIdeOrigin } from './allowed-hosts';

describe('allowed hosts', () => {
  const allowed = allowedHostsFromEnv({ ALLOWED_HOSTS: ' ide.example.com , https://Code.Example.org:8443/ ,, 10.0.0.5:3000, fe80::1' });

  it('answers to loopback names on any port and to ALLOWED_HOSTS entries, however they are written', () => {
    for (const host of ['localhost', 'localhost:3000', '127.0.0.1:1', '[::1]:3000', 'LOCALHOST.', 'ide.example.com', 'code.example.org', '10.0.0.5:80', '[fe80::1]:3000']) {
      expect(isAllowedHost(host, allowed), host).toBe(true);
    }
  });

  it('refuses every other name, look-alikes included', () => {
    for (const host of [undefined, '', 'evil.example', 'localhost.evil.example', 'evil.localhost', '127.0.0.2', 'ide.example.com.evil', 'a@localhost', 'localhost:3000:1']) {
      expect(isAllowedHost(host, allowed), String(host)).toBe(false);
    }
    expect(isAllowedHost('ide.example.com', allowedHostsFromEnv({}))).toBe(false);
  });

  it('parses Host headers', () => {
    expect(hostnameFromHostHeader('[::1]:3000')).toBe('[::1]');
    expect(hostnameFromHostHeader('Example.COM:443')).toBe('example.com');
    expect(hostnameFromHostHeader('exa mple')).toBeNull();
  });

  it("takes an Origin as the IDE's own only when it is an allowed name and the request's own origin", () => {
    expect(isIdeOrigin('http://localhost:3000', 'localhost:3000', allowed)).toBe(true);
    expect(isIdeOrigin('https://ide.example.com', 'ide.example.com', allowed)).toBe(true);
    // Host and Origin agree, but both are the rebound name.
    expect(isIdeOrigin('http://evil.example:3000', 'evil.example:3000', allowed)).toBe(false);
    // The preview listener: an allowed name on another port.
    expect(isIdeOrigin('http://localhost:5173', 'localhost:3000', allowed)).toBe(false);
    expect(isIdeOrigin('http://p5173.localhost:3000', 'p5173.localhost:3000', allowed)).toBe(false);
    expect(isIdeOrigin('null', 'localhost:3000', allowed)).toBe(false);
    expect(isIdeOrigin('http://localhost:3000', undefined, allowed)).toBe(false);
  });
});
