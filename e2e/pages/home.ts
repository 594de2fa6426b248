import { expect, type Locator, type Page } from '@playwright/test';

/** The home page: prompt box, starter ideas, recent projects. */
export class HomePage {
  readonly prompt: Locator;
  readonly recentProjects: Locator;

  constructor(readonly page: Page) {
    this.prompt = page.getByTestId('prompt-input');
    this.recentProjects = page.getByTestId('recent-project');
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.prompt).toBeVisible();
  }

  /** Drops a zip file onto the page, as when dragging it from the file manager. */
  async dropZip(name: string, bytes: Uint8Array): Promise<void> {
    await this.page.getByTestId('home').evaluate(
      (target, { name, data }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(data)], name, { type: 'application/zip' }));
        for (const type of ['dragenter', 'dragover', 'drop']) {
          target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }
      },
      { name, data: [...bytes] },
    );
  }

  /** Types a description and presses Enter; resolves once the new project's workbench is open. */
  async startProject(description: string): Promise<void> {
    await this.prompt.fill(description);
    await this.prompt.press('Enter');
    await this.page.waitForURL(/\/p\/[a-z0-9]+$/);
    await expect(this.page.getByTestId('workbench')).toBeVisible();
  }
}
