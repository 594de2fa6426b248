import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { listInside, readInside, statInside } from './safe-fs';

/**
 * A package cache every project reads and none can poison. Each project keeps its own npm cache (its index says which
 * URL is which content, and a project could forge that), but the registry tarballs in it are content-addressed
 * (cacache's content-v2: a file named by its sha512). The server copies such a tarball into the shared folder only
 * after checking that its bytes hash to its name, and npm only ever reads one by the digest it expects. A new
 * project's cache starts with a link to every shared tarball; sandboxes see the shared folder read-only.
 */

const CONTENT_DIR = '_cacache/content-v2/sha512';
const INDEX_DIR = '_cacache/index-v5';
const MAX_TARBALL_BYTES = 64 * 1024 * 1024;
const MAX_SHARED_BYTES = 4 * 1024 * 1024 * 1024;
const TARBALL_KEY = 'make-fetch-happen:request-cache:';

/** `sha512-<base64>` → the hex digest, or null for any other algorithm or shape. */
export function sha512Hex(integrity: string): string | null {
  for (const part of integrity.trim().split(/\s+/)) {
    const match = /^sha512-([A-Za-z0-9+/]{86}==)(\?.*)?$/.exec(part);
    if (match) return Buffer.from(match[1], 'base64').toString('hex');
  }
  return null;
}

/** Where cacache files content by its hex digest, relative to the cache folder. */
export function contentPath(hex: string): string {
  return `${CONTENT_DIR}/${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex.slice(4)}`;
}

async function walkFiles(root: string, relativeDir: string, depth: number, found: string[]): Promise<void> {
  for (const entry of await listInside(root, relativeDir)) {
    const child = `${relativeDir}/${entry.name}`;
    if (depth > 0 && entry.kind === 'folder') await walkFiles(root, child, depth - 1, found);
    else if (depth === 0 && entry.kind === 'file') found.push(child);
  }
}

/**
 * Digests of the registry tarballs a project's cache holds, by its own index. The index only says what to look at:
 * a forged entry can at most point at bytes that are then checked against their name.
 */
async function registryTarballs(projectCache: string, registry: string): Promise<Set<string>> {
  const prefix = `${TARBALL_KEY}${registry.replace(/\/?$/, '/')}`;
  const buckets: string[] = [];
  await walkFiles(projectCache, INDEX_DIR, 2, buckets);
  const digests = new Set<string>();
  for (const bucket of buckets) {
    const bytes = await readInside(projectCache, bucket).catch(() => null);
    if (!bytes || bytes.byteLength > 1024 * 1024) continue;
    for (const line of Buffer.from(bytes).toString('utf8').split('\n')) {
      const json = line.slice(line.indexOf('\t') + 1);
      try {
        const entry = JSON.parse(json) as { key?: unknown; integrity?: unknown };
        if (typeof entry.key !== 'string' || typeof entry.integrity !== 'string') continue;
        if (!entry.key.startsWith(prefix) || !entry.key.endsWith('.tgz')) continue;
        const hex = sha512Hex(entry.integrity);
        if (hex) digests.add(hex);
      } catch {
        // Not an entry (the empty line before the first one, or a torn write).
      }
    }
  }
  return digests;
}

const sharedBytes = new Map<string, number>();

/**
 * Copies the registry tarballs of `projectCache` that the shared cache lacks into it, each only if its bytes hash to
 * its name. Reads never follow a link out of the project's cache. Resolves with how many were added.
 */
export async function promoteToShared(projectCache: string, sharedCache: string, registry: string): Promise<number> {
  let added = 0;
  let total = sharedBytes.get(sharedCache) ?? 0;
  for (const hex of await registryTarballs(projectCache, registry)) {
    const relative = contentPath(hex);
    const target = path.join(sharedCache, ...relative.split('/'));
    if (await stat(target).then(() => true, () => false)) continue;
    const size = (await statInside(projectCache, relative).catch(() => null))?.size;
    if (size === undefined || size > MAX_TARBALL_BYTES || total + size > MAX_SHARED_BYTES) continue;
    const bytes = await readInside(projectCache, relative).catch(() => null);
    if (!bytes || createHash('sha512').update(bytes).digest('hex') !== hex) continue;
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    try {
      await writeFile(temp, bytes, { flag: 'wx', mode: 0o444 });
      await rename(temp, target);
    } catch {
      await rm(temp, { force: true });
      continue;
    }
    total += bytes.byteLength;
    added += 1;
  }
  sharedBytes.set(sharedCache, total);
  return added;
}

/**
 * Gives a project's cache, created just now (so nothing of the project is in it yet), a link to every shared tarball.
 * The links point into the shared folder, which the sandbox mounts read-only at the same path.
 */
export async function seedFromShared(projectCache: string, sharedCache: string): Promise<number> {
  const sharedContent = path.join(sharedCache, ...CONTENT_DIR.split('/'));
  let linked = 0;
  for (const a of await readdir(sharedContent).catch(() => [] as string[])) {
    for (const b of await readdir(path.join(sharedContent, a)).catch(() => [] as string[])) {
      const files = (await readdir(path.join(sharedContent, a, b)).catch(() => [] as string[])).filter((name) => !name.endsWith('.tmp'));
      if (files.length === 0) continue;
      const dir = path.join(projectCache, ...CONTENT_DIR.split('/'), a, b);
      await mkdir(dir, { recursive: true });
      for (const name of files) {
        await symlink(path.join(sharedContent, a, b, name), path.join(dir, name)).then(
          () => (linked += 1),
          () => {},
        );
      }
    }
  }
  return linked;
}
