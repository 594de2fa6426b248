import { expect, test } from '@playwright/test';
import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import { APP_PORT } from '../playwright.config';

// The secret lives only in the workbench page's server-rendered props, so these checks cover refusal:
// nobody without it (another site, the preview, a script on this machine) may use the control channel.
test.describe('local runtime control channel', () => {
  test('refuses requests without the secret, and with a wrong one', async ({ request }) => {
    const missing = await request.get('/api/runtime/info');
    expect(missing.status()).toBe(401);
    expect((await missing.json()).error).toMatch(/secret is missing/);

    const wrong = await request.get('/api/runtime/info', { headers: { 'x-tabsmith-secret': 'not-the-secret' } });
    expect(wrong.status()).toBe(403);
    expect((await wrong.json()).error).toMatch(/secret is wrong/);

    const write = await request.put('/api/runtime/projects/e2e-probe/file?path=pwned.txt', { data: 'x' });
    expect(write.status()).toBe(401);
    const mount = await request.post('/api/runtime/projects/e2e-probe/mount', {
      headers: { 'x-tabsmith-secret': 'not-the-secret' },
      data: { files: { 'a.txt': { text: 'x' } } },
    });
    expect(mount.status()).toBe(403);
  });

  test('refuses the process WebSocket without the secret', async () => {
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://localhost:${APP_PORT}/api/runtime/ws?project=e2e-probe`, ['tabsmith-runtime']);
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => {});
    });
    expect(status).toBe(401);
  });

  test('serves no preview for a port that no project process opened', async () => {
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: APP_PORT, path: '/', headers: { host: `p9.localhost:${APP_PORT}` } },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(response.status).toBe(502);
    expect(response.body).toContain('Nothing is running on port 9');
  });
});
