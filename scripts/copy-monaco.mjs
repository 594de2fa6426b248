// Monaco is served by the app itself (no CDN): copy its prebuilt AMD bundle into public/.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const pkgDir = path.join(process.cwd(), 'node_modules', 'monaco-editor');
const { version } = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const target = path.join(process.cwd(), 'public', 'monaco');
const stamp = path.join(target, 'VERSION');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== version) {
  rmSync(target, { recursive: true, force: true });
  cpSync(path.join(pkgDir, 'min', 'vs'), path.join(target, 'vs'), { recursive: true });
  writeFileSync(stamp, version);
  console.log(`monaco ${version} copied to public/monaco`);
}
