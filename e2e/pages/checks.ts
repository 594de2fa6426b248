import type { Locator, Page } from '@playwright/test';

/** The Checks view in the workbench header and the check evidence in a turn's footer. */
export class ChecksPanel {
  readonly open: Locator;
  readonly view: Locator;
  readonly items: Locator;
  readonly runAll: Locator;

  constructor(readonly page: Page) {
    this.open = page.getByTestId('checks-open');
    this.view = page.getByTestId('checks-view');
    this.items = page.getByTestId('check-item');
    this.runAll = page.getByTestId('checks-run-all');
  }

  async show(): Promise<void> {
    if (!(await this.view.isVisible())) await this.open.click();
  }

  static turnCheck(turn: Locator): Locator {
    return turn.getByTestId('turn-check');
  }

  static turnSavedChecks(turn: Locator): Locator {
    return turn.getByTestId('turn-saved-checks');
  }
}
