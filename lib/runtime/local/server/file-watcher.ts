import { FileTooLargeError, readInside, statInside } from './safe-fs';
import { decodeFileContent } from '../../../project/paths';
import { toWireContent, type WireFileChange, type WireKeptFile } from '../protocol';
import type { IgnoreRules } from '../../../project/ignore-rules';
import { walkProjectFiles, workspaceIgnoreRules } from './project-walk';
import type { SerialQueue } from './serial-queue';

/** Files larger than this are announced with a flag instead of their content. */
export const MAX_SYNCED_FILE_BYTES = 5 * 1024 * 1024;

const stamp = (size: number, mtimeMs: number) => `${size}:${mtimeMs}`;

/** A workspace file as it travels to the browser: its content, or only its size when it is too large; null when gone. */
export async function readWireFile(root: string, relativePath: string): Promise<WireKeptFile | null> {
  const stats = await statInside(root, relativePath);
  if (!stats) return null;
  if (stats.size > MAX_SYNCED_FILE_BYTES) return { path: relativePath, tooLarge: true, size: stats.size };
  let bytes: Uint8Array | null;
  try {
    bytes = await readInside(root, relativePath, MAX_SYNCED_FILE_BYTES);
  } catch (error) {
    // It grew past the limit after the size check.
    if (error instanceof FileTooLargeError) return { path: relativePath, tooLarge: true, size: MAX_SYNCED_FILE_BYTES + 1 };
    return null;
  }
  if (!bytes) return null;
  return { path: relativePath, content: toWireContent(decodeFileContent(bytes)) };
}

/**
 * Notices files that commands create, change or delete, by polling sizes and mtimes (a recursive
 * inotify watch would also descend into node_modules and exhaust watch limits on big installs).
 */
export class FileWatcher {
  private snapshot: Map<string, string> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private rules: IgnoreRules | null = null;

  constructor(
    private readonly root: string,
    private readonly queue: SerialQueue,
    private readonly onChange: (change: WireFileChange) => void,
    private readonly intervalMs = 500,
  ) {}

  async start(): Promise<void> {
    if (this.timer) return;
    await this.queue.run(async () => {
      this.snapshot = await this.scan();
    });
    const tick = () => {
      this.timer = setTimeout(() => {
        void this.queue.run(() => this.poll()).finally(() => {
          if (this.timer) tick();
        });
      }, this.intervalMs);
    };
    tick();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.snapshot = null;
  }

  /** Records a change the IDE itself made, so it is not echoed back. Call inside the queue. */
  async noteLocalChange(relativePath: string): Promise<void> {
    if (!this.snapshot) return;
    const stats = await statInside(this.root, relativePath).catch(() => null);
    // Scans leave ignored files out; noting one here would make the next scan report it deleted.
    if (stats && this.rules?.ignores(relativePath)) return;
    if (stats) {
      this.snapshot.set(relativePath, stamp(stats.size, stats.mtimeMs));
      return;
    }
    for (const known of [...this.snapshot.keys()]) {
      if (known === relativePath || known.startsWith(`${relativePath}/`)) this.snapshot.delete(known);
    }
  }

  /** Re-reads the whole folder as the new baseline, after a mount. Call inside the queue. */
  async resetBaseline(): Promise<void> {
    if (this.snapshot) this.snapshot = await this.scan();
  }

  async poll(): Promise<void> {
    if (!this.snapshot) return;
    const previous = this.snapshot;
    const current = await this.scan();
    for (const [relativePath, currentStamp] of current) {
      if (previous.get(relativePath) === currentStamp) continue;
      const change = await this.describeWrite(relativePath);
      if (change) this.onChange(change);
      else current.delete(relativePath);
    }
    for (const relativePath of previous.keys()) {
      if (!current.has(relativePath)) this.onChange({ kind: 'delete', path: relativePath });
    }
    this.snapshot = current;
  }

  private async scan(): Promise<Map<string, string>> {
    this.rules = await workspaceIgnoreRules(this.root, this.rules);
    const files = await walkProjectFiles(this.root, this.rules);
    return new Map(files.map((f) => [f.path, stamp(f.size, f.mtimeMs)]));
  }

  private async describeWrite(relativePath: string): Promise<WireFileChange | null> {
    const file = await readWireFile(this.root, relativePath);
    return file && { kind: 'write', ...file };
  }
}
