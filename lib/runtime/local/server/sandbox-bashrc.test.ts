import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareSandboxPaths, sandboxPaths, type SandboxPaths } from './sandbox';

/** The prompt bash shows in `folder` (relative to the workspace), without its colour codes. */
function promptIn(paths: SandboxPaths, folder: string): string {
  const script = 'source "$HOME/.bashrc"; cd "$1" || exit 1; printf %s "${PS1@P}"';
  const out = execFileSync('bash', ['--norc', '-c', script, 'prompt', path.join(paths.workspace, folder)], {
    env: { ...process.env, HOME: paths.home },
    encoding: 'utf8',
  });
  return out.replace(/\x01|\x02|\x1b\[[0-9;]*m/g, '');
}

describe('the project terminal prompt', () => {
  let root: string;
  let paths: SandboxPaths;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'tabsmith-bashrc-'));
    // The server's folder may be reached through a link; the prompt must still say "project".
    mkdirSync(path.join(root, 'real'));
    symlinkSync(path.join(root, 'real'), path.join(root, 'linked'));
    paths = sandboxPaths(path.join(root, 'linked'), 'p1');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('names the folder inside the project, not where the server keeps it', async () => {
    await prepareSandboxPaths(paths);
    mkdirSync(path.join(paths.workspace, 'src', 'parts'), { recursive: true });
    expect(promptIn(paths, '.')).toMatch(/^project [$#] $/);
    expect(promptIn(paths, 'src/parts')).toMatch(/^project\/src\/parts [$#] $/);
    expect(promptIn(paths, '.')).not.toContain(root);
    expect(promptIn(paths, '..')).toContain('/');
  });

  it("replaces the earlier prompt file but keeps one the person changed", async () => {
    mkdirSync(paths.home, { recursive: true });
    const earlier = [
      '# Written by Tabsmith for the project terminal.',
      "PS1='\\[\\e[1;36m\\]\\w\\[\\e[0m\\] \\$ '",
      "alias ls='ls --color=auto'",
      "alias grep='grep --color=auto'",
      '',
    ].join('\n');
    writeFileSync(path.join(paths.home, '.bashrc'), earlier);
    await prepareSandboxPaths(paths);
    expect(promptIn(paths, '.')).toMatch(/^project [$#] $/);

    writeFileSync(path.join(paths.home, '.bashrc'), "PS1='mine> '\n");
    await prepareSandboxPaths(paths);
    expect(readFileSync(path.join(paths.home, '.bashrc'), 'utf8')).toBe("PS1='mine> '\n");
  });
});
