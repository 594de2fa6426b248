import type { FileContent, FileMap } from '../project/types';
import { CHECKS_PATH, parseChecks, type SavedCheck } from './checks-file';
import type { PreviewStep } from '../runtime/preview-bridge/steps';

export const CHECKS_SPEC_PATH = 'tests/checks.spec.ts';
export const CHECKS_CONFIG_PATH = 'playwright.config.ts';
/** The version the generated spec is written against (the one Tabsmith's own suite uses). */
export const PLAYWRIGHT_VERSION = '1.65.1';
const DEFAULT_PORT = 5173;

function literal(text: string): string {
  return JSON.stringify(text);
}

function stepLine(step: PreviewStep): string {
  const target = step.target === undefined ? 'undefined' : literal(step.target);
  const value = literal(step.value ?? '');
  switch (step.action) {
    case 'click':
      return `  await (await find(page, ${target}, 'click')).click();`;
    case 'fill':
      return `  await fill(page, ${target}, ${value});`;
    case 'press':
      return `  await press(page, ${target}, ${value});`;
    case 'expect_text':
      return `  await expect(scope(page, ${target})).toContainText(${value}, { ignoreCase: true });`;
    case 'expect_no_text':
      return `  await expect(scope(page, ${target})).not.toContainText(${value}, { ignoreCase: true });`;
  }
}

/**
 * Finds a target the way Tabsmith's preview bridge does: visible text (buttons and links first),
 * then label, then placeholder, then CSS selector, then partial text; waiting for it to appear.
 */
const HELPERS = `type Want = 'click' | 'field' | 'any';

function candidates(page: Page, target: string, want: Want): Locator[] {
  const exact = { exact: true };
  const byText: Locator[] = want === 'field' ? [] : [
    page.getByRole('button', { name: target, ...exact }),
    page.getByRole('link', { name: target, ...exact }),
    page.getByText(target, exact),
  ];
  const byName = [page.getByLabel(target, exact), page.getByPlaceholder(target, exact)];
  let bySelector: Locator[] = [];
  try {
    bySelector = [page.locator(target)];
  } catch {
    bySelector = [];
  }
  const partial: Locator[] = [
    ...(want === 'field' ? [] : [page.getByRole('button', { name: target }), page.getByRole('link', { name: target }), page.getByText(target)]),
    page.getByLabel(target),
    page.getByPlaceholder(target),
  ];
  return [...byText, ...byName, ...bySelector, ...partial];
}

async function find(page: Page, target: string | undefined, want: Want, timeout = 5000): Promise<Locator> {
  if (!target) return page.locator(':focus');
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const candidate of candidates(page, target, want)) {
      const visible = candidate.filter({ visible: true });
      const count = await visible.count().catch(() => 0);
      if (count > 0) return visible.first();
    }
    if (Date.now() > deadline) throw new Error(\`no \${want === 'field' ? 'field with label or placeholder' : 'button with text'} '\${target}'\`);
    await page.waitForTimeout(50);
  }
}

async function fill(page: Page, target: string | undefined, value: string): Promise<void> {
  const field = await find(page, target, 'field');
  const tag = await field.evaluate((el) => el.tagName);
  if (tag === 'SELECT') await field.selectOption({ label: value }).catch(() => field.selectOption(value));
  else await field.fill(value);
}

async function press(page: Page, target: string | undefined, key: string): Promise<void> {
  const aliases: Record<string, string> = { return: 'Enter', esc: 'Escape', space: ' ', up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight' };
  const name = aliases[key.toLowerCase()] ?? (key.length === 1 ? key : key.charAt(0).toUpperCase() + key.slice(1));
  if (target) await (await find(page, target, 'any')).press(name);
  else await page.keyboard.press(name);
}

function scope(page: Page, target: string | undefined): Locator {
  return target ? page.locator(target).or(page.getByText(target, { exact: true })).first() : page.locator('body');
}
`;

/** `tests/checks.spec.ts`: one Playwright test per saved check. */
export function checksSpec(checks: readonly SavedCheck[]): string {
  const tests = checks.map((check) =>
    [`test(${literal(check.name)}, async ({ page }) => {`, `  await page.goto(${literal(check.path)});`, ...check.steps.map(stepLine), '});'].join('\n'),
  );
  return [
    '// The checks Tabsmith kept while building this app: each one passed in the preview when it was saved.',
    '// Run them with `npm test` (Playwright starts `npm run dev` itself).',
    "import { expect, test, type Locator, type Page } from '@playwright/test';",
    '',
    HELPERS,
    ...tests.flatMap((t) => [t, '']),
  ].join('\n');
}

/** `playwright.config.ts`: Chromium against `npm run dev`; CHROMIUM_PATH picks an installed browser. */
export function checksConfig(options: { port: number; vite: boolean }): string {
  const command = options.vite ? '`npm run dev -- --port ${port} --strictPort`' : "'npm run dev'";
  return `import { defineConfig } from '@playwright/test';

// The port the dev server listens on; CHECKS_PORT overrides it.
const port = Number(process.env.CHECKS_PORT) || ${options.port};
const baseURL = \`http://localhost:\${port}\`;

export default defineConfig({
  testDir: 'tests',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: {
      // A browser already on this machine (e.g. /usr/bin/chromium); without it, run \`npx playwright install chromium\` once.
      executablePath: process.env.CHROMIUM_PATH || undefined,
      args: process.env.CHROMIUM_ARGS ? process.env.CHROMIUM_ARGS.split(' ') : [],
    },
  },
  webServer: {
    command: ${command},
    url: baseURL,
    env: { PORT: String(port) },
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
`;
}

function text(content: FileContent | undefined): string | undefined {
  if (content === undefined) return undefined;
  return typeof content === 'string' ? content : new TextDecoder().decode(content);
}

/** package.json with a `test` script (or `test:checks` when the app has its own) and @playwright/test. */
function withTestScript(packageJson: string): string | null {
  let data: unknown;
  try {
    data = JSON.parse(packageJson);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const pkg = data as Record<string, unknown>;
  const scripts = { ...((pkg.scripts as Record<string, string> | undefined) ?? {}) };
  const existing = scripts.test;
  const ours = 'playwright test';
  if (!existing || existing.includes('no test specified') || existing === ours) scripts.test = ours;
  else scripts['test:checks'] = ours;
  const devDependencies = { ...((pkg.devDependencies as Record<string, string> | undefined) ?? {}) };
  devDependencies['@playwright/test'] ??= PLAYWRIGHT_VERSION;
  return `${JSON.stringify({ ...pkg, scripts, devDependencies }, null, 2)}\n`;
}

/**
 * The files an export holds: the project as it is, plus its saved checks as a Playwright suite
 * that runs against `npm run dev`. Files the person already has at those paths are left alone.
 */
export function filesWithChecksSuite(files: FileMap, options: { port?: number | null } = {}): FileMap {
  const checks = parseChecks(files[CHECKS_PATH]);
  if (checks.length === 0) return files;
  const packageJson = text(files['package.json']);
  const updated = packageJson === undefined ? null : withTestScript(packageJson);
  if (!updated) return files;
  const vite = /\bvite\b/.test(packageJson ?? '');
  const out: FileMap = { ...files, 'package.json': updated };
  if (out[CHECKS_SPEC_PATH] === undefined) out[CHECKS_SPEC_PATH] = checksSpec(checks);
  if (out[CHECKS_CONFIG_PATH] === undefined) out[CHECKS_CONFIG_PATH] = checksConfig({ port: options.port ?? DEFAULT_PORT, vite });
  return out;
}
