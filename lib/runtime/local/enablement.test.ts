import { describe, expect, it } from 'vitest';
import { requireSandbox, resolveLocalRuntimeEnablement, sandboxAllowedDomains, sandboxSummary } from './enablement';

describe('resolveLocalRuntimeEnablement', () => {
  it('is on by default on loopback only', () => {
    expect(resolveLocalRuntimeEnablement({}).enabled).toBe(true);
    for (const HOST of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) {
      expect(resolveLocalRuntimeEnablement({ HOST }).enabled).toBe(true);
    }
    const exposed = resolveLocalRuntimeEnablement({ HOST: '0.0.0.0' });
    expect(exposed.enabled).toBe(false);
    expect(exposed.reason).toMatch(/LOCAL_RUNTIME=on/);
  });

  it('follows LOCAL_RUNTIME when set', () => {
    expect(resolveLocalRuntimeEnablement({ HOST: '0.0.0.0', LOCAL_RUNTIME: 'on' }).enabled).toBe(true);
    expect(resolveLocalRuntimeEnablement({ HOST: '127.0.0.1', LOCAL_RUNTIME: 'off' }).enabled).toBe(false);
  });
});

describe('requireSandbox', () => {
  const on = { enabled: true, reason: null };

  it('switches the runtime off without a working sandbox, saying why and what to install', () => {
    const off = requireSandbox(on, false, {});
    expect(off.enabled).toBe(false);
    expect(off.reason).toMatch(/bubblewrap \(bwrap\) is not installed here or cannot start \(it needs unprivileged user namespaces\)/);
    expect(off.reason).toContain('sudo apt-get install bubblewrap');
    expect(off.reason).toContain('SANDBOX=off');
  });

  it('runs unconfined only when SANDBOX=off says so', () => {
    expect(requireSandbox(on, false, { SANDBOX: 'off' })).toEqual(on);
    expect(requireSandbox(on, false, { SANDBOX: 'no' }).enabled).toBe(false);
    expect(requireSandbox(on, true, {})).toEqual(on);
    const switchedOff = { enabled: false, reason: 'off for another reason' };
    expect(requireSandbox(switchedOff, false, {})).toBe(switchedOff);
  });
});

describe('sandboxSummary', () => {
  it('says in one line what sandboxed commands may reach', () => {
    expect(sandboxSummary([])).toBe("Commands run in a sandbox: this project's folder and the package registry only");
    expect(sandboxSummary(sandboxAllowedDomains({ SANDBOX_ALLOWED_DOMAINS: ' api.example.com, CDN.example.org ,' }))).toBe(
      "Commands run in a sandbox: this project's folder, the package registry and api.example.com, cdn.example.org only",
    );
  });
});
