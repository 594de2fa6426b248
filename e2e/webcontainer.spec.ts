import { expect, test, type Browser } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { USER_AGENTS } from '../lib/runtime/test-support/user-agents';
import { importFixtureProject, importProjectZip, RuntimePanel, zipFiles } from './pages/runtime';

/** The boot frame `@webcontainer/api` inserts; its URL carries the `coep` the page booted with. */
const BOOT_FRAME = 'iframe[src*="/headless"]';

async function openProjectAs(browser: Browser, baseURL: string, userAgent: string) {
  const context = await browser.newContext({ baseURL, userAgent });
  const page = await context.newPage();
  await importFixtureProject(page, 'node-server');
  return { context, page };
}

test.describe('WebContainer against the real API', () => {
  test('the workbench is served with the COEP the browser supports, and WebContainer boots with the same', async ({ browser, baseURL, request }) => {
    for (const [userAgent, coep] of [
      [USER_AGENTS.chromeLinux, 'credentialless'],
      [USER_AGENTS.firefox, 'credentialless'],
      [USER_AGENTS.safariMac, 'require-corp'],
      [USER_AGENTS.safariIphone, 'require-corp'],
    ] as const) {
      const response = await request.get('/p/some-project', { headers: { 'user-agent': userAgent } });
      expect(response.headers()['cross-origin-embedder-policy'], userAgent).toBe(coep);
      expect(response.headers()['cross-origin-opener-policy']).toBe('same-origin');
      expect(response.headers().vary).toMatch(/user-agent/i);
      // The boot option handed to the page is decided from the same request.
      expect(await response.text()).toMatch(new RegExp(`webcontainerCoep\\\\?"\\s*:\\s*\\\\?"${coep}`));
    }

    // In a real browser: Chromium as itself, and Chromium presenting Safari's user agent (it supports both values).
    for (const [userAgent, coep] of [
      [USER_AGENTS.headlessChromium, 'credentialless'],
      [USER_AGENTS.safariMac, 'require-corp'],
    ] as const) {
      const { context, page } = await openProjectAs(browser, baseURL!, userAgent);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      const frame = page.locator(BOOT_FRAME);
      await expect(frame).toHaveCount(1);
      expect(new URL((await frame.getAttribute('src'))!).searchParams.get('coep'), userAgent).toBe(coep);
      await context.close();
    }
  });

  test('GET /webcontainer/connect/<id> serves a page that keeps its opener and runs setupConnect', async ({ page, request, context }) => {
    const response = await request.get('/webcontainer/connect/x');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/text\/html/);
    // setupConnect needs window.opener (a preview tab on another origin): COOP same-origin would cut it.
    expect(response.headers()['cross-origin-opener-policy']).toBe('unsafe-none');
    expect(response.headers()['cross-origin-embedder-policy']).toBe('unsafe-none');

    // Opened as a popup by another origin's page, as a preview tab does: the connect script embeds StackBlitz's relay.
    await page.goto('about:blank');
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.evaluate((url) => void window.open(url), new URL('/webcontainer/connect/x', response.url()).toString()),
    ]);
    await expect(popup.getByTestId('webcontainer-connect')).toHaveAttribute('data-state', 'connecting');
    await expect(popup.locator('iframe[src="https://stackblitz.com/webcontainer/connect/x"]')).toHaveCount(1);
  });

  test('the connect page sends a tab on to its WebContainer preview, and nowhere else', async ({ page }) => {
    const preview = 'https://abc--5173--x1.local-credentialless.webcontainer-api.io/about';
    await page.route('https://*.webcontainer-api.io/**', (route) => route.fulfill({ contentType: 'text/html', body: '<h1>the preview</h1>' }));
    await page.goto(`/webcontainer/connect/x1?preview=${encodeURIComponent(preview)}`);
    await expect(page.getByRole('heading', { name: 'the preview' })).toBeVisible();
    expect(page.url()).toBe(preview);

    await page.goto(`/webcontainer/connect/x1?preview=${encodeURIComponent('https://evil.example/')}`);
    await expect(page.getByTestId('webcontainer-connect')).toHaveAttribute('data-state', 'alone');
    expect(new URL(page.url()).pathname).toBe('/webcontainer/connect/x1');
  });
});

test.describe('local previews under the per-browser COEP', () => {
  let imageServer: Server;
  let imageUrl: string;

  test.beforeAll(async () => {
    const png = readFileSync(path.join(import.meta.dirname, 'fixtures', 'gradient.png'));
    // Another origin, and no Cross-Origin-Resource-Policy header: what most CDNs send.
    imageServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
      res.end(png);
    });
    await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
    imageUrl = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}/picture.png`;
  });

  test.afterAll(async () => {
    await new Promise((resolve) => imageServer.close(resolve));
  });

  test('an app shows an image from another origin that sends no CORP header', async ({ page }) => {
    const server = `const http = require('node:http');
const page = '<!doctype html><html><head><meta charset="utf-8"><title>Pictures</title></head><body><h1>Pictures</h1><img id="pic" alt="gradient" src="${imageUrl}"></body></html>';
http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(page); })
  .listen(Number(process.env.PORT) || 4312, () => console.log('pictures ready'));
`;
    await importProjectZip(
      page,
      'pictures.zip',
      zipFiles({ 'package.json': JSON.stringify({ name: 'pictures', private: true, scripts: { dev: 'node server.js' } }), 'server.js': server }),
    );
    const runtime = new RuntimePanel(page);
    await runtime.runApp();
    await expect(runtime.preview.getByRole('heading', { name: 'Pictures' })).toBeVisible();
    const frame = await runtime.previewContentFrame();
    await expect.poll(() => frame.evaluate(() => (document.getElementById('pic') as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  });
});
