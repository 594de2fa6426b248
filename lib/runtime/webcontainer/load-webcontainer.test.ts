import { describe, expect, it } from 'vitest';
import { FakeWebContainerModule } from './fake-webcontainer';
import { loaderFor } from './load-webcontainer';

const options = { coep: 'credentialless' as const, forwardPreviewErrors: true, workdirName: 'project' };

describe('WebContainer loader', () => {
  it('boots with the requested options and configures no key when there is none', async () => {
    const api = new FakeWebContainerModule();
    const boot = loaderFor(async () => api);
    await boot(options);
    expect(api.apiKey).toBeNull();
    expect(api.bootCalls).toEqual([options]);
    expect(api.frameCoep).toBe('credentialless');
  });

  it('configures the API key with configureAPIKey once, before the first boot', async () => {
    const api = new FakeWebContainerModule();
    const boot = loaderFor(async () => api);
    const first = await boot({ ...options, apiKey: 'wc_api_1' });
    first.teardown();
    // A second boot in the same tab must not call configureAPIKey again: the real module throws then.
    await boot({ ...options, apiKey: 'wc_api_1' });
    expect(api.apiKey).toBe('wc_api_1');
    expect(api.bootCalls).toEqual([options, options]);
  });

  it('the fake module refuses configureAPIKey after a boot, as the real one does', async () => {
    const api = new FakeWebContainerModule();
    await api.WebContainer.boot(options);
    expect(() => api.configureAPIKey('late')).toThrow('`configureAPIKey` should always be called before `WebContainer.boot`');
  });
});
