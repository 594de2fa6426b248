import { createHash } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { contentPath, promoteToShared, seedFromShared, sha512Hex } from './shared-npm-cache';

const REGISTRY = 'https://registry.npmjs.org/';

function integrityOf(bytes: Buffer | string): { integrity: string; hex: string } {
  const digest = createHash('sha512').update(bytes).digest();
  return { integrity: `sha512-${digest.toString('base64')}`, hex: digest.toString('hex') };
}

/** Writes an index entry the way cacache does: one bucket file per key, lines of `<hash>\t<json>`. */
async function writeIndexEntry(cache: string, key: string, integrity: string): Promise<void> {
  const bucketHash = createHash('sha256').update(key).digest('hex');
  const bucket = path.join(cache, '_cacache', 'index-v5', bucketHash.slice(0, 2), bucketHash.slice(2, 4), bucketHash.slice(4));
  await mkdir(path.dirname(bucket), { recursive: true });
  const json = JSON.stringify({ key, integrity, time: Date.now(), size: 1, metadata: {} });
  await writeFile(bucket, `\n${createHash('sha1').update(json).digest('hex')}\t${json}`, { flag: 'a' });
}

async function writeContent(cache: string, hex: string, bytes: Buffer | string): Promise<string> {
  const file = path.join(cache, ...contentPath(hex).split('/'));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
  return file;
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

describe('shared npm cache', () => {
  let root: string;
  let project: string;
  let shared: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'tabsmith-shared-cache-'));
    project = path.join(root, 'project-a');
    shared = path.join(root, '.shared');
    await mkdir(project, { recursive: true });
  });

  it('reads sha512 integrity strings and nothing else', () => {
    const { integrity, hex } = integrityOf('x');
    expect(sha512Hex(integrity)).toBe(hex);
    expect(sha512Hex(`sha1-deadbeef ${integrity}`)).toBe(hex);
    expect(sha512Hex('sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=')).toBeNull();
    expect(sha512Hex('sha512-short')).toBeNull();
  });

  it('shares a registry tarball only when its bytes match its digest', async () => {
    const genuine = integrityOf('genuine tarball');
    await writeContent(project, genuine.hex, 'genuine tarball');
    await writeIndexEntry(project, `make-fetch-happen:request-cache:${REGISTRY}left-pad/-/left-pad-1.3.0.tgz`, genuine.integrity);

    // A forged entry: the name claims the digest of something else, the bytes are the attacker's.
    const claimed = integrityOf('what react really is');
    await writeContent(project, claimed.hex, 'malicious bytes');
    await writeIndexEntry(project, `make-fetch-happen:request-cache:${REGISTRY}react/-/react-19.0.0.tgz`, claimed.integrity);

    // Genuine bytes, but not a registry tarball (a packument, another host): not shared.
    const packument = integrityOf('{"name":"left-pad"}');
    await writeContent(project, packument.hex, '{"name":"left-pad"}');
    await writeIndexEntry(project, `make-fetch-happen:request-cache:${REGISTRY}left-pad`, packument.integrity);
    const elsewhere = integrityOf('private');
    await writeContent(project, elsewhere.hex, 'private');
    await writeIndexEntry(project, 'make-fetch-happen:request-cache:https://npm.example.com/p/-/p-1.0.0.tgz', elsewhere.integrity);

    expect(await promoteToShared(project, shared, REGISTRY)).toBe(1);
    expect(await readFile(path.join(shared, ...contentPath(genuine.hex).split('/')), 'utf8')).toBe('genuine tarball');
    for (const hex of [claimed.hex, packument.hex, elsewhere.hex]) {
      expect(await exists(path.join(shared, ...contentPath(hex).split('/')))).toBe(false);
    }
    // Shared once; a second pass adds nothing and keeps the bytes.
    expect(await promoteToShared(project, shared, REGISTRY)).toBe(0);
  });

  it('never follows a link out of the project cache to find the bytes', async () => {
    const secret = 'a file outside the cache whose digest the attacker knows';
    const { integrity, hex } = integrityOf(secret);
    const outside = path.join(root, 'outside');
    await mkdir(outside, { recursive: true });
    await writeFile(path.join(outside, 'secret'), secret);
    await writeIndexEntry(project, `make-fetch-happen:request-cache:${REGISTRY}x/-/x-1.0.0.tgz`, integrity);
    const target = path.join(project, ...contentPath(hex).split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await symlink(path.join(outside, 'secret'), target);
    expect(await promoteToShared(project, shared, REGISTRY)).toBe(0);

    // A folder of the content tree swapped for a link to the outside is not followed either.
    const swapped = path.join(root, 'project-swapped');
    const other = integrityOf(`${secret} 2`);
    await writeIndexEntry(swapped, `make-fetch-happen:request-cache:${REGISTRY}y/-/y-1.0.0.tgz`, other.integrity);
    const linkedDir = path.join(outside, 'content');
    await writeContent(linkedDir, other.hex, `${secret} 2`);
    await mkdir(path.join(swapped, '_cacache', 'content-v2', 'sha512'), { recursive: true });
    await symlink(
      path.join(linkedDir, '_cacache', 'content-v2', 'sha512', other.hex.slice(0, 2)),
      path.join(swapped, '_cacache', 'content-v2', 'sha512', other.hex.slice(0, 2)),
    );
    expect(await promoteToShared(swapped, shared, REGISTRY)).toBe(0);
    expect(await exists(path.join(shared, ...contentPath(hex).split('/')))).toBe(false);
    expect(await exists(path.join(shared, ...contentPath(other.hex).split('/')))).toBe(false);
  });

  it("gives a new project's cache a link to each shared tarball", async () => {
    const one = integrityOf('one');
    const two = integrityOf('two');
    await writeContent(shared, one.hex, 'one');
    await writeContent(shared, two.hex, 'two');
    const fresh = path.join(root, 'project-b');
    await mkdir(fresh);
    expect(await seedFromShared(fresh, shared)).toBe(2);
    const link = path.join(fresh, ...contentPath(one.hex).split('/'));
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(path.join(shared, ...contentPath(one.hex).split('/')));
    expect(await readFile(path.join(fresh, ...contentPath(two.hex).split('/')), 'utf8')).toBe('two');
  });
});
