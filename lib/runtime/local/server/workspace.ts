import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createIgnoreRules } from '../../../project/ignore-rules';
import type { Deletions, FileContent } from '../../../project/types';
import { TOOL_FOLDERS, checkProjectPath, isValidProjectId } from './project-paths';
import { FileTooLargeError, deleteInside, readInside, writeInside } from './safe-fs';
import { walkProjectFiles, workspaceIgnoreRules, type WalkedFile } from './project-walk';

export class FileNotFoundError extends Error {
  constructor(relativePath: string) {
    super(`"${relativePath}" does not exist in the project.`);
    this.name = 'FileNotFoundError';
  }
}

function toBytes(content: FileContent): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

/** One project's folder on disk; every path goes through the project-path check. */
export class Workspace {
  readonly root: string;

  constructor(workspacesDir: string, readonly projectId: string) {
    if (!isValidProjectId(projectId)) throw new Error(`"${projectId}" is not a valid project id.`);
    this.root = path.join(workspacesDir, projectId);
  }

  async ensure(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  /** Writes only when the bytes differ, so a re-mount does not wake every dev-server watcher. Returns whether it wrote. */
  async write(relativePath: string, content: FileContent): Promise<boolean> {
    await this.ensure();
    const bytes = toBytes(content);
    // Only a file of the same size can be the same; a larger one (a command may make one huge) is not read.
    const existing = await readInside(this.root, relativePath, bytes.length).catch((error: unknown) => {
      if (error instanceof FileTooLargeError) return null;
      throw error;
    });
    if (existing && sameBytes(existing, bytes)) return false;
    await writeInside(this.root, relativePath, bytes);
    return true;
  }

  async read(relativePath: string): Promise<Uint8Array> {
    await this.ensure();
    const bytes = await readInside(this.root, relativePath);
    if (!bytes) throw new FileNotFoundError(relativePath);
    return bytes;
  }

  async delete(relativePath: string): Promise<void> {
    await this.ensure();
    await deleteInside(this.root, relativePath);
  }

  /**
   * Reconciles, never clobbers: writes `files`, removes a file the browser did not send only when
   * `deleted` records that the person or agent deleted it after its last change on disk, and
   * returns every other such file (made by commands, too big to sync, left by a tab that died)
   * so the project can take it in. Ignored files (node_modules, build output, `.gitignore`) are left alone.
   */
  async mount(files: Record<string, FileContent>, deleted: Deletions = {}): Promise<WalkedFile[]> {
    await this.ensure();
    const wanted = new Set(Object.keys(files).map((p) => checkProjectPath(p).join('/')));
    const sentGitignore = files['.gitignore'];
    const rules =
      typeof sentGitignore === 'string' ? createIgnoreRules(sentGitignore) : await workspaceIgnoreRules(this.root);
    const kept: WalkedFile[] = [];
    for (const file of await walkProjectFiles(this.root, rules)) {
      if (wanted.has(file.path) || TOOL_FOLDERS.has(file.path.split('/')[0])) continue;
      const deletedAt = deleted[file.path];
      // A copy last changed before its deletion is stale; one changed since was made again (by a command).
      if (deletedAt !== undefined && file.mtimeMs <= deletedAt) await this.delete(file.path);
      else kept.push(file);
    }
    for (const [relativePath, content] of Object.entries(files)) {
      await this.write(relativePath, content);
    }
    return kept;
  }
}
