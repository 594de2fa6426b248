import { chromium, expect, test } from '@playwright/test';
import { createServer } from 'node:net';
import { chromiumLaunchArgs, findChromium } from '../scripts/chromium-path.mjs';
import { deflatedZeros, handZip } from '../lib/project/test-support/hand-zip';
import { httpCall, wsStatus } from '../lib/server/test-http';
import { APP_PORT, FAKE_LLM_PORT } from '../playwright.config';
import { importFixtureProject, RuntimePanel } from './pages/runtime';

const fakeLlm = `http://127.0.0.1:${FAKE_LLM_PORT}`;

async function modelRequests(): Promise<unknown[]> {
  return (await fetch(`${fakeLlm}/__requests`)).json();
}

const chatBody = {
  modelId: 'openai-compatible:fake-model',
  messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'hello' }] }],
};

test.describe('DNS rebinding: the IDE answers only to its own names', () => {
  test('a page on a rebound name gets 403 instead of the IDE, a name in ALLOWED_HOSTS gets the IDE', async () => {
    // The browser resolves both names to this machine, as a rebinding attacker's DNS would.
    const browser = await chromium.launch({
      executablePath: findChromium() ?? undefined,
      args: [...chromiumLaunchArgs, '--host-resolver-rules=MAP evil.test 127.0.0.1, MAP tabsmith.test 127.0.0.1'],
    });
    try {
      const page = await browser.newPage();
      const rebound = await page.goto(`http://evil.test:${APP_PORT}/p/anything`);
      expect(rebound?.status()).toBe(403);
      await expect(page.locator('body')).toContainText('does not answer to the host name "evil.test"');
      await expect(page.locator('body')).toContainText('ALLOWED_HOSTS');

      const allowed = await page.goto(`http://tabsmith.test:${APP_PORT}/`);
      expect(allowed?.status()).toBe(200);
      await expect(page.getByTestId('prompt-input')).toBeVisible();
    } finally {
      await browser.close();
    }
  });

  test('a forged Host is refused on pages, API routes, static files, the control channel and WebSocket upgrades', async ({ page }) => {
    await page.goto('/');
    const script = await page.locator('script[src^="/_next/static/"]').first().getAttribute('src');
    expect(script).toBeTruthy();
    const forged = { host: `evil.test:${APP_PORT}`, origin: `http://evil.test:${APP_PORT}` };
    for (const urlPath of ['/', '/p/abc', '/api/models', '/api/runtime/info', script as string]) {
      expect((await httpCall(APP_PORT, 'GET', urlPath)).status, urlPath).toBe(urlPath === '/api/runtime/info' ? 401 : 200);
      const answer = await httpCall(APP_PORT, 'GET', urlPath, forged);
      expect(answer.status, urlPath).toBe(403);
      expect(answer.body).toContain('"evil.test"');
    }
    const chat = await httpCall(APP_PORT, 'POST', '/api/chat', { ...forged, 'content-type': 'application/json' }, JSON.stringify(chatBody));
    expect(chat.status).toBe(403);
    expect(await wsStatus(APP_PORT, '/api/runtime/ws?project=e2e-probe', ['tabsmith-runtime'], forged)).toBe(403);
    expect(await wsStatus(APP_PORT, '/_next/webpack-hmr', [], forged)).toBe(403);
  });

  test('no other program can take localhost: the IDE holds [::1] at its port', async ({ page }) => {
    const intruder = createServer();
    const outcome = await new Promise<string>((resolve) => {
      intruder.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      intruder.listen({ port: APP_PORT, host: '::1', ipv6Only: true }, () => resolve('listening'));
    });
    if (outcome === 'listening') intruder.close();
    expect(outcome).toBe('EADDRINUSE');

    await page.goto(`http://[::1]:${APP_PORT}/`);
    await expect(page.getByTestId('prompt-input')).toBeVisible();
  });
});

test.describe('framing', () => {
  test('another site cannot frame the IDE; the IDE may frame itself', async ({ page }) => {
    const ideUrl = `http://localhost:${APP_PORT}/`;
    const response = await page.request.get(ideUrl);
    expect(response.headers()['content-security-policy']).toBe("frame-ancestors 'self'");
    expect(response.headers()['x-frame-options']).toBe('SAMEORIGIN');

    const framing = (src: string) => `<!doctype html><iframe id="ide" src="${src}" onload="document.body.dataset.loaded = 'yes'"></iframe>`;
    await page.route('http://attacker.test/', (route) => route.fulfill({ contentType: 'text/html', body: framing(ideUrl) }));
    await page.goto('http://attacker.test/');
    await expect(page.locator('body')).toHaveAttribute('data-loaded', 'yes');
    const blocked = page.frames().find((frame) => frame !== page.mainFrame());
    expect(blocked?.url()).not.toBe(ideUrl);
    expect(await page.frameLocator('#ide').getByTestId('prompt-input').count()).toBe(0);

    await page.route(`${ideUrl}frame-self-check`, (route) => route.fulfill({ contentType: 'text/html', body: framing(ideUrl) }));
    await page.goto(`${ideUrl}frame-self-check`);
    await expect(page.frameLocator('#ide').getByTestId('prompt-input')).toBeVisible();
  });
});

test.describe('/api/chat from a foreign page', () => {
  test.beforeEach(async () => {
    await fetch(`${fakeLlm}/__reset`, { method: 'POST' });
  });

  test('refuses a foreign Origin and a text/plain simple POST before any model is called', async ({ request }) => {
    // The attack: name its own server as the base URL, hoping for the server's OPENAI_COMPATIBLE_API_KEY.
    const steal = { ...chatBody, keys: { openaiCompatibleBaseUrl: `${fakeLlm}/v1` } };
    const foreign = await request.post('/api/chat', { headers: { origin: 'http://evil.test', 'content-type': 'application/json' }, data: JSON.stringify(steal) });
    expect(foreign.status()).toBe(403);
    expect((await foreign.json()).error).toMatch(/only from the IDE itself/);

    const simple = await request.post('/api/chat', { headers: { origin: 'http://evil.test', 'content-type': 'text/plain' }, data: JSON.stringify(steal) });
    expect(simple.status()).toBe(403);
    const simpleSameOrigin = await request.post('/api/chat', {
      headers: { origin: `http://localhost:${APP_PORT}`, 'content-type': 'text/plain;charset=UTF-8' },
      data: JSON.stringify(steal),
    });
    expect(simpleSameOrigin.status()).toBe(415);
    expect((await simpleSameOrigin.json()).error).toMatch(/must be JSON/);
    expect(await modelRequests()).toEqual([]);

    // The model list would otherwise probe an address of the page's choosing.
    const models = await request.post('/api/models', { headers: { origin: 'http://evil.test', 'content-type': 'text/plain' }, data: JSON.stringify({ keys: steal.keys }) });
    expect(models.status()).toBe(403);
  });

  test("a base URL from the request never gets the server's key", async ({ request }) => {
    const ownUrl = { ...chatBody, keys: { openaiCompatibleBaseUrl: `${fakeLlm}/v1` } };
    const response = await request.post('/api/chat', { headers: { 'content-type': 'application/json' }, data: JSON.stringify(ownUrl) });
    expect(response.status()).toBe(200);
    await response.text();
    const serverUrl = await request.post('/api/chat', { headers: { 'content-type': 'application/json' }, data: JSON.stringify(chatBody) });
    await serverUrl.text();
    // The first went to an address from the request: no key. The second to the server's own: the server's key.
    expect(await (await fetch(`${fakeLlm}/__authorizations`)).json()).toEqual([null, 'Bearer fake-key']);
  });

  test('refuses a body over 8 MB with 413, naming the limit', async ({ request }) => {
    const huge = JSON.stringify({ ...chatBody, messages: [{ ...chatBody.messages[0], parts: [{ type: 'text', text: 'x'.repeat(9 * 1024 * 1024) }] }] });
    const response = await request.post('/api/chat', { headers: { 'content-type': 'application/json' }, data: huge });
    expect(response.status()).toBe(413);
    expect((await response.json()).error).toMatch(/larger than the limit of 8 MB/);
    expect(await modelRequests()).toEqual([]);
  });
});

test.describe('zip import limits', () => {
  test('a zip bomb is refused with a message naming the limit, and nothing is imported', async ({ page }) => {
    const bomb = handZip([{ name: 'src/bomb.txt', data: deflatedZeros(1024), claimedSize: 10 }]);
    await page.goto('/');
    await page.getByTestId('import-zip').setInputFiles({ name: 'bomb.zip', mimeType: 'application/zip', buffer: Buffer.from(bomb) });
    await expect(page.getByTestId('home-error')).toContainText(
      '“bomb.zip” was not imported. “src/bomb.txt” unpacks to more than 25 MB, the largest file a project can import.',
    );
    expect(page.url()).toBe(`http://localhost:${APP_PORT}/`);
  });
});

test.describe('sandbox', () => {
  test('the runtime status says in one line what sandboxed commands may reach', async ({ page }) => {
    await importFixtureProject(page, 'node-server');
    const runtime = new RuntimePanel(page);
    await runtime.waitForRuntime();
    await expect(runtime.status).toHaveAttribute('data-kind', 'local');
    await expect(runtime.status.getByTestId('sandbox-summary')).toHaveText(
      " · Commands run in a sandbox: this project's folder and the package registry only",
    );
  });
});
