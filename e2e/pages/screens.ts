import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** Where the suite keeps its screenshots for people to look at (gitignored with the rest of test-results). */
export const SCREENS_DIR = path.join(process.cwd(), 'test-results', 'screens');

export const sizes = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

export async function saveScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const { width } = page.viewportSize() ?? { width: 0 };
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-${width}.png`) });
}

/** Text a person sees without opening anything (closed `<details>` and hidden panes excluded). */
export function visibleText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}
