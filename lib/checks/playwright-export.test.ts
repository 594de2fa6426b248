import { describe, expect, it } from 'vitest';
import { CHECKS_PATH, serializeChecks, type SavedCheck } from './checks-file';
import { checksConfig, checksSpec, filesWithChecksSuite, PLAYWRIGHT_VERSION } from './playwright-export';

const check: SavedCheck = {
  id: 'c1',
  name: "click 'Count: 0', expect 'Count: 1'",
  path: '/',
  steps: [
    { action: 'click', target: 'Count: 0' },
    { action: 'fill', target: 'Name', value: 'Ada "the first"' },
    { action: 'press', target: 'Name', value: 'Enter' },
    { action: 'expect_text', value: 'Count: 1' },
    { action: 'expect_no_text', value: 'Error' },
  ],
  savedAt: '',
};

const app = (scripts: Record<string, string>) => JSON.stringify({ name: 'counter', scripts });

describe('the exported Playwright suite', () => {
  it('writes one test per check, each step as Playwright calls, strings escaped', () => {
    const spec = checksSpec([check]);
    expect(spec).toContain(`test("click 'Count: 0', expect 'Count: 1'", async ({ page }) => {`);
    expect(spec).toContain('  await page.goto("/");');
    expect(spec).toContain(`  await (await find(page, "Count: 0", 'click')).click();`);
    expect(spec).toContain('  await fill(page, "Name", "Ada \\"the first\\"");');
    expect(spec).toContain('  await press(page, "Name", "Enter");');
    expect(spec).toContain('  await expect(scope(page, undefined)).toContainText("Count: 1", { ignoreCase: true });');
    expect(spec).toContain('  await expect(scope(page, undefined)).not.toContainText("Error", { ignoreCase: true });');
  });

  it('adds the spec, the config and a test script only when there are checks', () => {
    const files = { 'package.json': app({ dev: 'node server.mjs' }), 'index.html': '<p>hi</p>' };
    expect(filesWithChecksSuite(files)).toBe(files);
    const out = filesWithChecksSuite({ ...files, [CHECKS_PATH]: serializeChecks([check]) });
    const pkg = JSON.parse(out['package.json'] as string);
    expect(pkg.scripts).toEqual({ dev: 'node server.mjs', test: 'playwright test' });
    expect(pkg.devDependencies).toEqual({ '@playwright/test': PLAYWRIGHT_VERSION });
    expect(out['tests/checks.spec.ts']).toContain('test("click');
    expect(out['playwright.config.ts']).toContain("command: 'npm run dev'");
    expect(out['playwright.config.ts']).toContain('executablePath: process.env.CHROMIUM_PATH || undefined');
    expect(out['index.html']).toBe('<p>hi</p>');
  });

  it("keeps the app's own test script and files", () => {
    const out = filesWithChecksSuite({
      'package.json': app({ dev: 'vite', test: 'vitest' }),
      'playwright.config.ts': '// mine',
      [CHECKS_PATH]: serializeChecks([check]),
    });
    expect(JSON.parse(out['package.json'] as string).scripts).toEqual({ dev: 'vite', test: 'vitest', 'test:checks': 'playwright test' });
    expect(out['playwright.config.ts']).toBe('// mine');
  });

  it('passes the port to a Vite dev server', () => {
    expect(checksConfig({ port: 5173, vite: true })).toContain('command: `npm run dev -- --port ${port} --strictPort`');
    expect(checksConfig({ port: 5173, vite: true })).toContain('const port = Number(process.env.CHECKS_PORT) || 5173;');
  });
});
