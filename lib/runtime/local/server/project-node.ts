import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** Where npm installs the Node release the IDE pins for itself (package.json's `node-linux-*` optional dependencies). */
const BUNDLED_NODE = /\/node_modules\/node-[a-z0-9]+-[a-z0-9]+\/bin\/node$/;
/** The sandbox's network relay and npm need at least this. */
const MIN_NODE_MAJOR = 18;

function realOrNull(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}

/** /usr is mounted in every sandbox, so a Node under it needs no mount of its own. */
export function isUnderUsr(file: string): boolean {
  return file.startsWith('/usr/');
}

/**
 * The folder a Node install lives in (`<prefix>/bin/node`), when the sandbox may mount it whole: a binary copied into
 * `~/bin` or `/bin` would otherwise show commands the home folder or the whole disk.
 */
export function nodeInstallPrefix(realBinary: string, home: string = homedir()): string | null {
  if (path.basename(path.dirname(realBinary)) !== 'bin') return null;
  const prefix = path.dirname(path.dirname(realBinary));
  if (prefix === '/' || prefix === home || home.startsWith(prefix + path.sep)) return null;
  return prefix;
}

/**
 * The binary a `node` on PATH really runs, asked of it: a version manager's shim (volta, mise, asdf) is not Node
 * itself and execs the one it picks. Null when it does not run as a recent enough Node.
 */
function probeNode(file: string): string | null {
  try {
    const output = execFileSync(file, ['-p', 'process.execPath + "\\n" + process.versions.node'], {
      cwd: '/',
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [execPath = '', version = ''] = output.trim().split('\n');
    if (!path.isAbsolute(execPath) || !(Number(version.split('.')[0]) >= MIN_NODE_MAJOR)) return null;
    return realpathSync(execPath);
  } catch {
    return null;
  }
}

/**
 * The Node that project commands run on. The IDE itself runs on the Node release it pins; a project keeps the
 * machine's own Node, with that Node's npm configuration (its global npmrc holds a company CA, a registry mirror,
 * `nodedir` for native addons), as it had before the IDE pinned one. So when this server runs on the pinned Node, the
 * first other Node on PATH that the sandbox can mount is the project's; without one, or when the server runs on the
 * machine's Node, it is ours.
 */
export function projectNodePath(
  execPath: string = process.execPath,
  searchPath: string = process.env.PATH ?? '',
  home: string = homedir(),
): string {
  let own: string;
  try {
    own = realpathSync(execPath);
  } catch {
    return execPath;
  }
  if (!BUNDLED_NODE.test(own)) return execPath;
  const tried = new Set<string>();
  for (const dir of searchPath.split(path.delimiter)) {
    if (!path.isAbsolute(dir)) continue;
    const file = path.join(dir, 'node');
    if (tried.has(file)) continue;
    tried.add(file);
    if (realOrNull(file) === own) continue;
    const real = probeNode(file);
    if (!real || real === own || BUNDLED_NODE.test(real)) continue;
    if (isUnderUsr(real) || nodeInstallPrefix(real, home)) return real;
  }
  return execPath;
}

let cached: string | null = null;

/** `projectNodePath()` for this server, looked up once. */
export function projectNode(): string {
  cached ??= projectNodePath();
  return cached;
}
