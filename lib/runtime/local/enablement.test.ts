import { describe, expect, it } from 'vitest';
import { resolveLocalRuntimeEnablement } from './enablement';

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
