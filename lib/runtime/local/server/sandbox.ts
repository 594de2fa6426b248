import { execFile } from 'node:child_process';
import { mkdir, writeFile, access } from 'node:fs/promises';
import path from 'node:path';

const BWRAP = '/usr/bin/bwrap';

/** Whether bubblewrap exists here and can create a sandbox (it cannot where user namespaces are off). */
export async function detectBubblewrap(bwrapPath: string = BWRAP): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(
      bwrapPath,
      ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-pid', '--die-with-parent', 'true'],
      { timeout: 5000 },
      (error) => resolve(!error),
    );
  });
}

export interface SandboxPaths {
  workspace: string;
  /** Shared npm cache, writable by every project. */
  npmCache: string;
  /** The project's HOME: outside the workspace so shell history and tool config are not synced as project files. */
  home: string;
}

export function sandboxPaths(workspacesDir: string, projectId: string): SandboxPaths {
  return {
    workspace: path.join(workspacesDir, projectId),
    npmCache: path.join(workspacesDir, '.npm-cache'),
    home: path.join(workspacesDir, '.homes', projectId),
  };
}

const BASHRC = [
  '# Written by Tabsmith for the project terminal.',
  "PS1='\\[\\e[1;36m\\]\\w\\[\\e[0m\\] \\$ '",
  "alias ls='ls --color=auto'",
  "alias grep='grep --color=auto'",
  '',
].join('\n');

export async function prepareSandboxPaths(paths: SandboxPaths): Promise<void> {
  await Promise.all([paths.workspace, paths.npmCache, paths.home].map((dir) => mkdir(dir, { recursive: true })));
  const bashrc = path.join(paths.home, '.bashrc');
  await access(bashrc).catch(() => writeFile(bashrc, BASHRC));
}

export interface CommandLine {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

export interface CommandRequest {
  command: string;
  /** Absolute working directory inside the workspace. */
  cwd: string;
  env?: Record<string, string>;
  /** Interactive: runs under `script` so the shell gets a pseudo-terminal (prompt, echo, colours). */
  terminal?: { cols: number; rows: number };
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function clampSize(value: number, fallback: number): number {
  return Number.isFinite(value) && value > 0 ? Math.min(Math.floor(value), 1000) : fallback;
}

/**
 * The program and arguments that run `command` for a project: through bash, with stderr merged into
 * stdout, under bubblewrap when `confined` (only the workspace, its HOME and the npm cache writable).
 */
export function buildCommandLine(
  request: CommandRequest,
  paths: SandboxPaths,
  confined: boolean,
  baseEnv: NodeJS.ProcessEnv = process.env,
): CommandLine {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(baseEnv)) {
    // The server's own secrets (runtime secret, provider keys) must not reach generated code.
    if (value !== undefined && !/SECRET|API_KEY|TOKEN|PASSWORD/i.test(key)) env[key] = value;
  }
  Object.assign(env, {
    HOME: paths.home,
    npm_config_cache: paths.npmCache,
    npm_config_update_notifier: 'false',
    FORCE_COLOR: '1',
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    SHELL: '/bin/bash',
  });
  delete env.NODE_ENV;
  delete env.PORT;
  delete env.HOST;
  delete env.TABSMITH_RUNTIME_SECRET;
  Object.assign(env, request.env ?? {});

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

  if (!confined) return { file: inner[0], args: inner.slice(1), env, cwd: request.cwd };

  const args = [
    '--ro-bind', '/', '/',
    '--dev', '/dev',
    '--proc', '/proc',
    '--tmpfs', '/tmp',
    '--bind', paths.workspace, paths.workspace,
    '--bind', paths.npmCache, paths.npmCache,
    '--bind', paths.home, paths.home,
    '--unshare-pid',
    '--die-with-parent',
    '--new-session',
    '--chdir', request.cwd,
    '--',
    ...inner,
  ];
  return { file: BWRAP, args, env, cwd: request.cwd };
}
