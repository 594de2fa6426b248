import { expect, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** The workbench of one project: header actions, file tree and Monaco editor. */
export class WorkbenchPage {
  readonly root: Locator;
  readonly fileTree: Locator;
  readonly editor: Locator;
  readonly chatMessages: Locator;
  readonly importNotice: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('workbench');
    this.fileTree = page.getByTestId('file-tree');
    this.editor = page.getByTestId('editor');
    this.chatMessages = page.getByTestId('chat-message');
    this.importNotice = page.getByTestId('import-notice');
  }

  get projectId(): string {
    return new URL(this.page.url()).pathname.split('/').pop() ?? '';
  }

  async waitUntilOpen(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.fileTree).toBeVisible();
  }

  treeItem(path: string): Locator {
    return this.fileTree.locator(`[role="treeitem"][data-path="${path}"]`);
  }

  tab(path: string): Locator {
    return this.editor.locator(`[data-testid="editor-tab"][data-path="${path}"]`);
  }

  /** Monaco's rendered text; fine for the short files tests type. */
  get editorLines(): Locator {
    return this.editor.locator('.monaco-editor .view-lines');
  }

  /** Creates a file with the tree's "New file"; `path` is where it lands (inside the selected folder, if any). */
  async createFile(path: string, typedName: string = path): Promise<void> {
    await this.page.getByTestId('new-file').click();
    const input = this.page.getByTestId('file-tree-name-input');
    await input.fill(typedName);
    await input.press('Enter');
    await expect(this.treeItem(path)).toBeVisible();
    await expect(this.tab(path)).toHaveAttribute('data-active', 'true');
  }

  async openFile(path: string): Promise<void> {
    await this.treeItem(path).click();
    await expect(this.tab(path)).toHaveAttribute('data-active', 'true');
  }

  /** Focuses the editor and types as a person would (Monaco's auto-closing quotes are typed over). */
  async typeInEditor(text: string): Promise<void> {
    await expect(this.editor.locator('.monaco-editor')).toBeVisible();
    await this.editorLines.click();
    await this.page.keyboard.press('ControlOrMeta+End');
    await this.page.keyboard.type(text);
  }

  async saveWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+s');
  }

  async expectEditorText(text: string): Promise<void> {
    await expect(this.editorLines).toContainText(text.replace(/ /g, '\u00a0'));
  }

  /** Chooses a zip in the Import picker and waits for the new project it becomes. */
  async importZip(name: string, bytes: Uint8Array): Promise<void> {
    const before = this.page.url();
    await this.page.getByTestId('import-zip').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
    await this.page.waitForURL((url) => url.toString() !== before && /\/p\/[a-z0-9]+$/.test(url.pathname));
    await this.waitUntilOpen();
  }

  /** Clicks Download ZIP and returns the downloaded file's name and bytes. */
  async exportZip(): Promise<{ fileName: string; bytes: Uint8Array }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('export-zip').click();
    const file = await download;
    const path = await file.path();
    return { fileName: file.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
  }
}
