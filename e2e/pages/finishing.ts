import { type Locator, type Page } from '@playwright/test';

/** A 1×1 transparent PNG. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Checkpoints, Changes, turn status, Fix it, attachments and modes in the chat. */
export class TurnsPanel {
  readonly restoreNotice: Locator;
  readonly undoRestore: Locator;
  readonly changesDialog: Locator;
  readonly attachInput: Locator;
  readonly attachments: Locator;
  readonly attachNote: Locator;
  readonly elementChips: Locator;
  readonly selectToggle: Locator;

  constructor(readonly page: Page) {
    this.restoreNotice = page.getByTestId('restore-notice');
    this.undoRestore = page.getByTestId('restore-undo');
    this.changesDialog = page.getByTestId('changes-dialog');
    this.attachInput = page.getByTestId('chat-attach-input');
    this.attachments = page.getByTestId('chat-attachment');
    this.attachNote = page.getByTestId('chat-attach-note');
    this.elementChips = page.getByTestId('chat-element-chip');
    this.selectToggle = page.getByTestId('preview-select-toggle');
  }

  get preview() {
    return this.page.frameLocator('[data-testid="preview-frame"]');
  }

  changedFile(path: string): Locator {
    return this.changesDialog.locator(`[data-testid="changes-file"][data-path="${path}"]`);
  }

  diffLines(path: string, kind: 'added' | 'removed'): Locator {
    return this.changesDialog.locator(`[data-testid="changes-file-diff"][data-path="${path}"] [data-testid="changes-line"][data-kind="${kind}"]`);
  }

  mode(mode: 'build' | 'discuss'): Locator {
    return this.page.getByTestId(`chat-mode-${mode}`);
  }

  /** Pastes an image into the chat input as a clipboard paste would. */
  async pasteImage(bytes: Buffer, name = 'pasted.png'): Promise<void> {
    await this.page.getByTestId('chat-input').evaluate(
      (input, { base64, fileName }) => {
        const binary = atob(base64);
        const data = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
        const transfer = new DataTransfer();
        transfer.items.add(new File([data], fileName, { type: 'image/png' }));
        input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      },
      { base64: bytes.toString('base64'), fileName: name },
    );
  }
}
