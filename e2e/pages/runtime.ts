import { expect, type Frame, type Locator, type Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const fixturesDir = path.join(import.meta.dirname, '..', 'fixtures');

/** Zips `e2e/fixtures/<name>` (files at the zip root) the way a user would export a project. */
export function zipFixture(name: string): Buffer {
  const root = path.join(fixturesDir, name);
  const files: Record<string, Uint8Array> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(root, full).split(path.sep).join('/')] = readFileSync(full);
    }
  };
  walk(root);
  return Buffer.from(zipSync(files));
}

/**
 * Imports a fixture as a new project from the home page and waits for its workbench: through the
 * `import-zip` file input when the home page has one, otherwise by dropping the zip on the page.
 */
export async function importFixtureProject(page: Page, fixture: string): Promise<void> {
  await importProjectZip(page, `${fixture}.zip`, zipFixture(fixture));
}

/** Zips files made by a test (paths at the zip root). */
export function zipFiles(files: Record<string, string>): Buffer {
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, new TextEncoder().encode(text)]))));
}

export async function importProjectZip(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('home')).toBeVisible();
  const input = page.getByTestId('import-zip');
  if ((await input.count()) > 0) {
    await input.setInputFiles({ name, mimeType: 'application/zip', buffer });
  } else {
    const dataTransfer = await page.evaluateHandle(
      ({ bytes, fileName }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], fileName, { type: 'application/zip' }));
        return transfer;
      },
      { bytes: [...buffer], fileName: name },
    );
    await page.getByTestId('home').dispatchEvent('drop', { dataTransfer });
  }
  await page.waitForURL(/\/p\/[^/]+$/);
}

/** The runtime side of the workbench: status, Run, preview, errors and terminal. */
export class RuntimePanel {
  readonly status: Locator;
  readonly runButton: Locator;
  readonly previewFrame: Locator;
  readonly errors: Locator;
  readonly terminal: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByTestId('runtime-status');
    this.runButton = page.getByTestId('run-app').first();
    this.previewFrame = page.getByTestId('preview-frame');
    this.errors = page.getByTestId('preview-errors');
    // The resizable layout's panel wrapper carries the same test id; the terminal itself is inside it.
    this.terminal = page.getByTestId('terminal');
  }

  get preview() {
    return this.page.frameLocator('[data-testid=preview-frame]');
  }

  async waitForRuntime(timeout = 60_000): Promise<void> {
    await expect(this.status).toHaveAttribute('data-state', /ready|installing|running/, { timeout });
  }

  /** Presses Run (it stays disabled until a runtime is ready) and waits for the app to be up. */
  async runApp(timeout = 60_000): Promise<void> {
    await this.runButton.click({ timeout });
    await expect(this.page.getByTestId('run-phase').first()).toHaveAttribute('data-phase', 'running', { timeout });
  }

  /**
   * Records, per page load, whether an enabled Run button was ever shown (for `expectStartedWithoutClick`).
   * Call before the page loads.
   */
  async watchRunOffers(): Promise<void> {
    await this.page.addInitScript(() => {
      const seen = window as unknown as { __runOffered?: boolean };
      const check = () => {
        const button = document.querySelector<HTMLButtonElement>('[data-testid=run-app]');
        if (button && !button.disabled && button.textContent?.trim() === 'Run') seen.__runOffered = true;
      };
      new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  }

  /** A reopened project whose app ran: it comes back running by itself, and this page load never offered Run. */
  async expectStartedWithoutClick(timeout = 60_000): Promise<void> {
    await expect(this.page.getByTestId('run-phase').first()).toHaveAttribute('data-phase', 'running', { timeout });
    await expect(this.runButton).toHaveText('Stop app');
    expect(await this.page.evaluate(() => (window as unknown as { __runOffered?: boolean }).__runOffered === true)).toBe(false);
  }

  /** The preview's live Frame, for evaluating code inside the previewed app. */
  async previewContentFrame(): Promise<Frame> {
    const handle = await this.previewFrame.elementHandle();
    const frame = await handle?.contentFrame();
    if (!frame) throw new Error('The preview frame has no content frame');
    return frame;
  }

  /** Marks the preview's window; a hot update keeps the mark, a reload loses it. */
  async markPreviewWindow(): Promise<void> {
    const frame = await this.previewContentFrame();
    await frame.evaluate(() => {
      (window as unknown as { __notReloaded: boolean }).__notReloaded = true;
    });
  }

  async previewKeptMark(): Promise<boolean> {
    const frame = await this.previewContentFrame();
    return frame.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true);
  }

  tab(name: string | RegExp): Locator {
    return this.terminal.getByRole('tab', { name });
  }

  /** Text rows of the visible terminal tab, spaces normalised. */
  async terminalLines(): Promise<string[]> {
    const rows = await this.terminal.locator('[data-active=true] .xterm-rows > div').allTextContents();
    return rows.map((row) => row.replace(/\u00a0/g, ' ').trimEnd());
  }

  async expectTerminalLine(pattern: RegExp, timeout = 30_000): Promise<void> {
    await expect
      .poll(async () => (await this.terminalLines()).some((line) => pattern.test(line)), { timeout })
      .toBe(true);
  }

  /** The whole scrollback of the visible tab (not just the rows on screen), through the Copy button. */
  async copiedTerminalText(): Promise<string> {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await this.terminal.getByTestId('terminal-copy').click();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  async expectCopiedTerminalLine(pattern: RegExp, timeout = 30_000): Promise<void> {
    await expect
      .poll(async () => (await this.copiedTerminalText()).split('\n').some((line) => pattern.test(line)), { timeout })
      .toBe(true);
  }

  /** Opens a user shell tab and waits until it answers a command. */
  async openShell(): Promise<void> {
    await this.terminal.getByTestId('terminal-new-shell').click();
    await expect(this.terminal.locator('[data-terminal-tab^=shell][data-active=true] .xterm-rows')).toBeVisible();
    await this.typeInShell('echo shell-$((40+2))');
    await this.expectTerminalLine(/^shell-42$/);
  }

  async typeInShell(command: string): Promise<void> {
    await this.terminal.locator('[data-active=true] .xterm-screen').click();
    await this.page.keyboard.type(command);
    await this.page.keyboard.press('Enter');
  }
}
