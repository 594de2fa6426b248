import { afterEach, describe, expect, it } from 'vitest';
import { allowedHostsFromEnv } from '../../../server/allowed-hosts';
import { httpCall, wsStatus } from '../../../server/test-http';
import { PreviewListeners } from './preview-listeners';
import type { PreviewProxy } from './preview-proxy';

const proxy: PreviewProxy = {
  handleRequest: () => false,
  handleUpgrade: () => false,
  forwardRequest: (_req, res, port) => {
    res.end(`dev server ${port}`);
  },
  forwardUpgrade: (_req, socket) => {
    socket.end('HTTP/1.1 418 Upgrade Reached The Dev Server\r\nConnection: close\r\n\r\n');
  },
};

let listeners: PreviewListeners | null = null;
afterEach(() => listeners?.closeAll());

describe('preview listeners', () => {
  it('answer only to the IDE host names, so a rebound name cannot read the previewed app', async () => {
    listeners = new PreviewListeners(proxy, '127.0.0.1', null, allowedHostsFromEnv({}));
    const previewPort = await listeners.open(5173);
    if (previewPort === null) throw new Error('the preview listener did not start');

    expect(await httpCall(previewPort, 'GET', '/')).toMatchObject({ status: 200, body: 'dev server 5173' });
    const forged = await httpCall(previewPort, 'GET', '/', { host: `evil.test:${previewPort}` });
    expect(forged.status).toBe(403);
    expect(forged.body).toContain('"evil.test"');
    expect(await wsStatus(previewPort, '/', [], { host: `evil.test:${previewPort}` })).toBe(403);
    expect(await wsStatus(previewPort, '/', [])).toBe(418);
  });
});
