import { execFile } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isUnderUsr, nodeInstallPrefix, projectNode } from './project-node';
import { seedFromShared } from './shared-npm-cache';

export const BWRAP = '/usr/bin/bwrap';
export const NSENTER = '/usr/bin/nsenter';

/** The only environment the host-side helpers (nsenter, bwrap, prlimit) get: nothing from the server or a request. */
export function hostHelperEnv(): NodeJS.ProcessEnv {
  return { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' } as Record<string, string> as NodeJS.ProcessEnv;
}

/** Whether bubblewrap exists here and can create a sandbox with its own network (it cannot where user namespaces are off). */
export async function detectBubblewrap(bwrapPath: string = BWRAP): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(
      bwrapPath,
      [...systemBinds(), '--dev', '/dev', '--proc', '/proc', '--unshare-user', '--unshare-net', '--unshare-pid', '--die-with-parent', 'true'],
      { timeout: 5000, env: hostHelperEnv() },
      (error) => resolve(!error),
    );
  });
}

export interface SandboxPaths {
  workspace: string;
  /** This project's own npm cache: a shared writable one would let one project poison another's installs. */
  npmCache: string;
  /** Registry tarballs checked against their digests (see shared-npm-cache.ts); read-only in the sandbox. */
  sharedNpmCache: string;
  /** The project's HOME: outside the workspace so shell history and tool config are not synced as project files. */
  home: string;
}

export function sandboxPaths(workspacesDir: string, projectId: string): SandboxPaths {
  return {
    workspace: path.join(workspacesDir, projectId),
    npmCache: path.join(workspacesDir, '.npm-cache', projectId),
    sharedNpmCache: path.join(workspacesDir, '.npm-cache', '.shared'),
    home: path.join(workspacesDir, '.homes', projectId),
  };
}

/** What earlier versions wrote; replaced by the current one, while a file the person changed is kept. */
const PREVIOUS_BASHRC = [
  '# Written by Tabsmith for the project terminal.',
  "PS1='\\[\\e[1;36m\\]\\w\\[\\e[0m\\] \\$ '",
  "alias ls='ls --color=auto'",
  "alias grep='grep --color=auto'",
  '',
].join('\n');

/** The prompt names the folder inside the project ("project/src $"), not where the server keeps it. */
export function projectBashrc(workspace: string): string {
  return [
    '# Written by Tabsmith for the project terminal.',
    `TABSMITH_PROJECT=${shellQuote(workspace)}`,
    'tabsmith_where() {',
    '  local here root',
    // Physical folders on both sides: inside the sandbox or not, through links or not.
    '  here=$(pwd -P 2>/dev/null) || here=$PWD',
    '  root=$(cd "$TABSMITH_PROJECT" 2>/dev/null && pwd -P) || root=$TABSMITH_PROJECT',
    '  case "$here" in',
    '    "$root") printf project ;;',
    '    "$root"/*) printf \'project/%s\' "${here#"$root"/}" ;;',
    '    *) printf \'%s\' "$PWD" ;;',
    '  esac',
    '}',
    "PS1='\\[\\e[1;36m\\]$(tabsmith_where)\\[\\e[0m\\] \\$ '",
    "alias ls='ls --color=auto'",
    "alias grep='grep --color=auto'",
    '',
  ].join('\n');
}

const seeding = new Map<string, Promise<void>>();

/** Creates the project's folders; a new npm cache starts with links to the shared tarballs before any command runs. */
export async function prepareSandboxPaths(paths: SandboxPaths): Promise<void> {
  await Promise.all([paths.workspace, paths.home, paths.sharedNpmCache].map((dir) => mkdir(dir, { recursive: true })));
  let seeded = seeding.get(paths.npmCache);
  if (!seeded) {
    seeded = mkdir(paths.npmCache).then(
      // Created just now, so no command of the project has had it yet: the links land where they should.
      () => seedFromShared(paths.npmCache, paths.sharedNpmCache).then(() => {}),
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      },
    );
    seeding.set(paths.npmCache, seeded);
  }
  await seeded;
  const bashrc = path.join(paths.home, '.bashrc');
  const current = await readFile(bashrc, 'utf8').catch(() => null);
  if (current === null || current === PREVIOUS_BASHRC) await writeFile(bashrc, projectBashrc(paths.workspace));
}

export interface CommandLine {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** Runs inside bubblewrap: the outer process must outlive the command when killing. */
  sandboxed: boolean;
}

export interface CommandRequest {
  command: string;
  /** Absolute working directory inside the workspace. */
  cwd: string;
  env?: Record<string, string>;
  /** Interactive: runs under `script` so the shell gets a pseudo-terminal (prompt, echo, colours). */
  terminal?: { cols: number; rows: number };
}

/** How a confined command reaches its project's network namespace and the egress proxy. */
export interface SandboxNetworkInfo {
  /** A process inside the project's network namespace (and the user namespace that owns it). */
  holderPid: number;
  /** The in-namespace address of the egress proxy, e.g. `http://127.0.0.1:3128`. */
  proxyUrl: string;
}

export interface SandboxOptions {
  paths: SandboxPaths;
  /** Run under bubblewrap; false only where it is unavailable. */
  confined: boolean;
  network?: SandboxNetworkInfo | null;
  registry?: string;
  /** Programs put in front of nsenter/bwrap on the host (cgroup entry, rlimits); each must exec the rest. */
  wrapper?: string[];
  /** Size of the command's private /tmp. */
  tmpBytes?: number;
}

export class SandboxRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxRequestError';
  }
}

export const DEFAULT_TMP_BYTES = 512 * 1024 * 1024;

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function clampSize(value: number, fallback: number): number {
  return Number.isFinite(value) && value > 0 ? Math.min(Math.floor(value), 1000) : fallback;
}

/** The folder holding the project's node binary, when it lives outside /usr (nvm, a tarball in /opt). */
export function nodeInstallDir(execPath: string = projectNode()): string | null {
  const real = realpathSync(execPath);
  return isUnderUsr(real) ? null : nodeInstallPrefix(real);
}

/** Parts of /etc that resolvers, TLS, users and the shell need; not the rest (keys, service config). */
const ETC_FILES = [
  '/etc/alternatives',
  '/etc/bash.bashrc',
  '/etc/ca-certificates',
  '/etc/ca-certificates.conf',
  '/etc/gai.conf',
  '/etc/group',
  '/etc/host.conf',
  '/etc/hosts',
  '/etc/inputrc',
  '/etc/ld.so.cache',
  '/etc/ld.so.conf',
  '/etc/ld.so.conf.d',
  '/etc/locale.alias',
  '/etc/localtime',
  '/etc/mime.types',
  '/etc/nsswitch.conf',
  '/etc/os-release',
  '/etc/passwd',
  '/etc/pki/tls/certs',
  '/etc/profile',
  '/etc/protocols',
  '/etc/resolv.conf',
  '/etc/services',
  '/etc/ssl/certs',
  '/etc/ssl/openssl.cnf',
  '/etc/terminfo',
];

let cachedEtcView: string | null = null;

/**
 * The parts of /etc in ETC_FILES, copied once per server into a private folder (links inside kept as links), so a
 * command mounts one folder instead of one per file: each mount adds about a millisecond to every command's start.
 */
export function etcView(): string {
  if (cachedEtcView && existsSync(cachedEtcView)) return cachedEtcView;
  const dir = mkdtempSync(path.join(tmpdir(), 'tabsmith-etc-'));
  for (const file of ETC_FILES) {
    let source: string;
    try {
      source = realpathSync(file);
    } catch {
      continue;
    }
    const dest = path.join(dir, path.relative('/etc', file));
    try {
      mkdirSync(path.dirname(dest), { recursive: true });
      cpSync(source, dest, { recursive: true, verbatimSymlinks: true });
    } catch {
      // Unreadable here (an unprivileged server): the sandbox goes without it, as it would with a missing file.
    }
  }
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  cachedEtcView = dir;
  return dir;
}

let cachedSystemBinds: string[] | null = null;

/** Read-only toolchain paths: /usr, the top-level links or folders into it, the Node installation, parts of /etc (see etcView). */
export function systemBinds(): string[] {
  if (cachedSystemBinds) return [...cachedSystemBinds, '--ro-bind', etcView(), '/etc'];
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const top of ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32']) {
    const stats = (() => {
      try {
        return lstatSync(top);
      } catch {
        return null;
      }
    })();
    if (!stats) continue;
    if (stats.isSymbolicLink()) {
      const target = realpathSync(top);
      args.push('--symlink', path.relative('/', target), top);
    } else {
      args.push('--ro-bind', top, top);
    }
  }
  const nodeDir = nodeInstallDir();
  if (nodeDir) args.push('--ro-bind', nodeDir, nodeDir);
  cachedSystemBinds = args;
  return [...args, '--ro-bind', etcView(), '/etc'];
}

/** Names a request may not set: they change how programs load (and did once reach the host side). */
const REFUSED_ENV = /^(LD_|DYLD_)|^(NODE_OPTIONS|BASH_ENV|ENV)$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Caller-supplied variables, checked; throws on a refused name so the caller learns why. */
export function checkRequestEnv(env: Record<string, string> | undefined): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(env ?? {})) {
    if (!ENV_NAME.test(name)) throw new SandboxRequestError(`"${name}" is not a valid environment variable name.`);
    if (REFUSED_ENV.test(name)) {
      throw new SandboxRequestError(`Setting ${name} for a command is not allowed: it changes how programs are loaded.`);
    }
    if (typeof value !== 'string' || value.includes('\0')) {
      throw new SandboxRequestError(`The value of ${name} must be text without NUL characters.`);
    }
    checked[name] = value;
  }
  return checked;
}

/** Host TLS settings worth keeping (a corporate CA), only when they point at files the sandbox can see. */
const TLS_ENV = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'GIT_SSL_CAINFO', 'CURL_CA_BUNDLE'];

export function sandboxPath(): string {
  const nodeDir = nodeInstallDir();
  const base = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  return nodeDir ? `${path.join(nodeDir, 'bin')}:${base}` : base;
}

/** The whole environment a command sees: an allow-list, never the server's own environment. */
export function sandboxEnv(
  paths: SandboxPaths,
  options: { proxyUrl?: string | null; registry?: string; hostEnv?: NodeJS.ProcessEnv } = {},
): Record<string, string> {
  const hostEnv = options.hostEnv ?? process.env;
  const env: Record<string, string> = {
    PATH: sandboxPath(),
    HOME: paths.home,
    USER: 'tabsmith',
    LANG: hostEnv.LANG && /^[A-Za-z0-9_.@-]+$/.test(hostEnv.LANG) ? hostEnv.LANG : 'C.UTF-8',
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    FORCE_COLOR: '1',
    SHELL: '/bin/bash',
    TMPDIR: '/tmp',
    npm_config_cache: paths.npmCache,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
  };
  if (hostEnv.CI) env.CI = hostEnv.CI;
  if (options.registry) env.npm_config_registry = options.registry;
  for (const name of TLS_ENV) {
    const value = hostEnv[name];
    if (value && /^\/(etc\/ssl\/certs|etc\/pki\/tls\/certs|usr\/)/.test(value)) env[name] = value;
  }
  if (options.proxyUrl) {
    for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'npm_config_proxy', 'npm_config_https_proxy']) {
      env[name] = options.proxyUrl;
    }
    env.NO_PROXY = env.no_proxy = 'localhost,127.0.0.1,::1';
  }
  return env;
}

/**
 * The program and arguments that run `command` for a project: through bash, with stderr merged into
 * stdout. Confined, it runs under bubblewrap inside the project's network namespace, seeing only the
 * toolchain (read-only), its workspace, HOME and npm cache, and a private size-capped /tmp.
 */
export function buildCommandLine(request: CommandRequest, options: SandboxOptions): CommandLine {
  const { paths } = options;
  const env = { ...sandboxEnv(paths, { proxyUrl: options.network?.proxyUrl, registry: options.registry }), ...checkRequestEnv(request.env) };

  let inner: string[];
  if (request.terminal) {
    const cols = clampSize(request.terminal.cols, 80);
    const rows = clampSize(request.terminal.rows, 24);
    env.COLUMNS = String(cols);
    env.LINES = String(rows);
    const shell = `stty rows ${rows} cols ${cols} 2>/dev/null; exec bash -c ${shellQuote(request.command)}`;
    inner = ['script', '-qfec', shell, '/dev/null'];
  } else {
    inner = ['bash', '-c', `exec 2>&1\n${request.command}`];
  }

  if (!options.confined) return { file: inner[0], args: inner.slice(1), env, cwd: request.cwd, sandboxed: false };

  const bwrapArgs = [
    ...systemBinds(),
    '--dev', '/dev',
    '--proc', '/proc',
    '--size', String(options.tmpBytes ?? DEFAULT_TMP_BYTES), '--tmpfs', '/tmp',
    '--size', String(options.tmpBytes ?? DEFAULT_TMP_BYTES), '--tmpfs', '/dev/shm',
    '--bind', paths.workspace, paths.workspace,
    '--bind', paths.npmCache, paths.npmCache,
    '--ro-bind', paths.sharedNpmCache, paths.sharedNpmCache,
    '--bind', paths.home, paths.home,
    // bubblewrap's own / and /dev are uncapped in-memory folders, writable unless remounted: a command could
    // fill the machine's memory through them, past the /tmp cap and the process memory limit.
    '--remount-ro', '/dev',
    '--remount-ro', '/',
    '--unshare-user',
    '--disable-userns',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    '--hostname', 'sandbox',
    ...(options.network ? [] : ['--unshare-net']),
    '--die-with-parent',
    '--new-session',
    '--clearenv',
    ...Object.entries(env).flatMap(([name, value]) => ['--setenv', name, value]),
    '--chdir', request.cwd,
    '--',
    ...inner,
  ];
  const entry = options.network
    ? [NSENTER, '-t', String(options.network.holderPid), '-U', '-n', '--preserve-credentials', '--', BWRAP, ...bwrapArgs]
    : [BWRAP, ...bwrapArgs];
  const full = [...(options.wrapper ?? []), ...entry];
  // The host side never enters the workspace: a folder swapped for a link must not move it anywhere.
  return { file: full[0], args: full.slice(1), env: { PATH: hostHelperEnv().PATH! }, cwd: '/', sandboxed: true };
}
