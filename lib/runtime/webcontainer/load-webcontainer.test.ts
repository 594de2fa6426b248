import { beforeEach, describe, expect, it, vi } from 'vitest';

const api = vi.hoisted(() => ({
  auth: { init: vi.fn(() => ({ status: 'authorized' as const })) },
  WebContainer: { boot: vi.fn(async () => ({ booted: true })) },
}));
vi.mock('@webcontainer/api', () => api);

describe('bootWebContainer', () => {
  beforeEach(() => {
    vi.resetModules();
    api.auth.init.mockClear();
    api.WebContainer.boot.mockClear();
  });

  it('boots the real module with the requested options and no sign-in when there is no client id', async () => {
    const { bootWebContainer } = await import('./load-webcontainer');
    await bootWebContainer({ coep: 'require-corp', forwardPreviewErrors: true, workdirName: 'project' });
    expect(api.auth.init).not.toHaveBeenCalled();
    expect(api.WebContainer.boot).toHaveBeenCalledWith({ coep: 'require-corp', forwardPreviewErrors: true, workdirName: 'project' });
  });

  it('initialises auth once, before booting, when a client id is configured', async () => {
    const { bootWebContainer } = await import('./load-webcontainer');
    const request = { coep: 'require-corp' as const, forwardPreviewErrors: true, workdirName: 'project', apiKey: 'wc_api_1' };
    await bootWebContainer(request);
    await bootWebContainer(request);
    expect(api.auth.init).toHaveBeenCalledTimes(1);
    expect(api.auth.init).toHaveBeenCalledWith({ clientId: 'wc_api_1', scope: '' });
    expect(api.auth.init.mock.invocationCallOrder[0]).toBeLessThan(api.WebContainer.boot.mock.invocationCallOrder[0]);
    expect(api.WebContainer.boot).toHaveBeenLastCalledWith({ coep: 'require-corp', forwardPreviewErrors: true, workdirName: 'project' });
  });
});
