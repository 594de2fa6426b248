import { PersistenceError } from '../project/persistence';
import type { FileContent } from '../project/types';

/**
 * One leading byte says what the hashed bytes were, so a text file and a binary file with the
 * same bytes never share a blob and each comes back as the type it was saved as.
 */
const KIND_TEXT = 0x74; // 't': UTF-8 of a well-formed string
const KIND_UTF16 = 0x75; // 'u': UTF-16 code units of a string with lone surrogates, which UTF-8 would alter
const KIND_BYTES = 0x62; // 'b'

const encoder = new TextEncoder();

type StringWithWellFormed = string & { isWellFormed?: () => boolean };

function isWellFormed(text: string): boolean {
  const check = (text as StringWithWellFormed).isWellFormed;
  if (typeof check === 'function') return check.call(text);
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

function taggedBytes(content: FileContent): Uint8Array<ArrayBuffer> {
  if (typeof content !== 'string') {
    const out = new Uint8Array(content.length + 1);
    out[0] = KIND_BYTES;
    out.set(content, 1);
    return out;
  }
  if (isWellFormed(content)) {
    // Worst case 3 bytes per UTF-16 unit; encodeInto avoids a second copy.
    const out = new Uint8Array(content.length * 3 + 1);
    out[0] = KIND_TEXT;
    const { written } = encoder.encodeInto(content, out.subarray(1));
    return out.subarray(0, written + 1);
  }
  const out = new Uint8Array(content.length * 2 + 1);
  out[0] = KIND_UTF16;
  for (let i = 0; i < content.length; i++) {
    const unit = content.charCodeAt(i);
    out[1 + i * 2] = unit & 0xff;
    out[2 + i * 2] = unit >> 8;
  }
  return out;
}

function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

function subtleCrypto(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    // crypto.subtle only exists in secure contexts (https or localhost).
    throw new PersistenceError(
      'unavailable',
      'This browser does not offer the secure hashing Tabsmith uses for restore points (it needs https or localhost). Open Tabsmith over https or on localhost to use restore points.',
    );
  }
  return subtle;
}

/** SHA-256 (hex) of a file's content, including whether it is text or bytes. */
export async function hashContent(content: FileContent): Promise<string> {
  const digest = await subtleCrypto().digest('SHA-256', taggedBytes(content));
  return toHex(digest);
}

export function contentByteLength(content: FileContent): number {
  return typeof content === 'string' ? encoder.encode(content).length : content.length;
}

interface CachedHash {
  content: FileContent;
  length: number;
  hash: string;
}

/**
 * Hashes a file map, re-hashing only paths whose content object changed since the last call.
 * The project store replaces content objects on every change and never mutates them, so
 * identity plus length is a safe and cheap "unchanged" test.
 */
export class FileHasher {
  private readonly cache = new Map<string, CachedHash>();
  private hashedLastCall = 0;

  async hashFiles(files: Record<string, FileContent>): Promise<Record<string, string>> {
    const hashes: Record<string, string> = {};
    const pending: Promise<void>[] = [];
    for (const [path, content] of Object.entries(files)) {
      const cached = this.cache.get(path);
      if (cached && cached.content === content && cached.length === content.length) {
        hashes[path] = cached.hash;
        continue;
      }
      pending.push(
        hashContent(content).then((hash) => {
          hashes[path] = hash;
          this.cache.set(path, { content, length: content.length, hash });
        }),
      );
    }
    this.hashedLastCall = pending.length;
    await Promise.all(pending);
    for (const path of this.cache.keys()) if (!Object.hasOwn(files, path)) this.cache.delete(path);
    // Keys in path order, so equal trees give equal records.
    const ordered: Record<string, string> = {};
    for (const path of Object.keys(hashes).sort()) ordered[path] = hashes[path];
    return ordered;
  }

  /** How many files the last `hashFiles` call actually hashed (the rest came from the cache). */
  get lastHashedCount(): number {
    return this.hashedLastCall;
  }

  clear(): void {
    this.cache.clear();
  }
}
