import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalRuntimeServer, type LocalRuntimeServer } from './index';
import { TEST_SECRET } from './test-server';

const started: LocalRuntimeServer[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const server of started.splice(0)) await server.close();
});

async function startWithoutSandbox(): Promise<LocalRuntimeServer> {
  const workspacesDir = await mkdtemp(path.join(tmpdir(), 'tabsmith-nosandbox-'));
  const server = await createLocalRuntimeServer({ secret: TEST_SECRET, workspacesDir, confined: false, enablement: { enabled: true, reason: null } });
  started.push(server);
  return server;
}

describe('the local runtime without a working sandbox', () => {
  it('does not run commands, and says why and what to install', async () => {
    vi.stubEnv('SANDBOX', '');
    const server = await startWithoutSandbox();
    expect(server.enablement.enabled).toBe(false);
    expect(server.enablement.reason).toContain('sudo apt-get install bubblewrap');
  });

  it('runs them unconfined when SANDBOX=off is set', async () => {
    vi.stubEnv('SANDBOX', 'off');
    const server = await startWithoutSandbox();
    expect(server.enablement).toEqual({ enabled: true, reason: null });
  });
});
