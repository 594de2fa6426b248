// create-vite's own react-ts template, taken from the published package through npm (its cache makes later runs offline).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ProjectFile } from './by-hand';

export const CREATE_VITE_VERSION = '9.3.0';

/** Names create-vite gives template files when it copies them (dot files cannot ship in an npm package as such). */
const RENAMED: Record<string, string> = { _gitignore: '.gitignore', '_oxlintrc.json': '.oxlintrc.json' };

/** The template's files as `npm create vite@… -- --template react-ts` writes them. */
export function createViteReactTs(): ProjectFile[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'create-vite-'));
  try {
    const tarball = execFileSync('npm', ['pack', `create-vite@${CREATE_VITE_VERSION}`, '--silent', '--pack-destination', dir], {
      cwd: dir,
      encoding: 'utf8',
    }).trim();
    execFileSync('tar', ['xzf', path.join(dir, tarball.split('\n').pop() ?? '')], { cwd: dir });
    const root = path.join(dir, 'package', 'template-react-ts');
    const files: ProjectFile[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder)) {
        const full = path.join(folder, entry);
        if (statSync(full).isDirectory()) walk(full);
        else {
          const relative = path.relative(root, full).split(path.sep).join('/');
          files.push({ path: RENAMED[relative] ?? relative, content: new Uint8Array(readFileSync(full)) });
        }
      }
    };
    walk(root);
    return files;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
