import { accessSync, constants, realpathSync } from 'node:fs';
import path from 'node:path';

/** Where npm installs the Node release the IDE pins for itself (package.json's `node-linux-*` optional dependencies). */
const BUNDLED_NODE = /\/node_modules\/node-[a-z0-9]+-[a-z0-9]+\/bin\/node$/;

function realOrNull(file: string): string | null {
  try {
    accessSync(file, constants.X_OK);
    return realpathSync(file);
  } catch {
    return null;
  }
}

/**
 * The Node that project commands run on. The IDE itself runs on the Node release it pins; a project keeps the
 * machine's own Node, with that Node's npm configuration (its global npmrc holds a company CA, a registry mirror,
 * `nodedir` for native addons), as it had before the IDE pinned one. So when this server runs on the pinned Node, the
 * first other `node` on PATH is the project's; without one, or when the server runs on the machine's Node, it is ours.
 */
export function projectNodePath(execPath: string = process.execPath, searchPath: string = process.env.PATH ?? ''): string {
  const own = realOrNull(execPath) ?? execPath;
  if (!BUNDLED_NODE.test(own)) return execPath;
  for (const dir of searchPath.split(path.delimiter)) {
    if (!path.isAbsolute(dir)) continue;
    const candidate = realOrNull(path.join(dir, 'node'));
    if (candidate && candidate !== own && !BUNDLED_NODE.test(candidate)) return candidate;
  }
  return execPath;
}

let cached: string | null = null;

/** `projectNodePath()` for this server, looked up once. */
export function projectNode(): string {
  cached ??= projectNodePath();
  return cached;
}
