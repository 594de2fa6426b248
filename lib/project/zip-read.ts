import { Inflate } from 'fflate';

/** What an import may hold. A zip states its sizes itself, so they are enforced while inflating, not trusted. */
export interface ZipLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxFiles: 10_000,
  maxFileBytes: 25 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
};

export type ZipLimitKind = 'files' | 'file-size' | 'total-size';

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** An import over one of the limits; the message names the limit, for the person importing. */
export class ZipLimitError extends Error {
  constructor(
    readonly kind: ZipLimitKind,
    readonly limits: ZipLimits,
    path?: string,
  ) {
    super(
      kind === 'files'
        ? `It holds more than ${limits.maxFiles.toLocaleString('en-US')} files, the most a project can import.`
        : kind === 'file-size'
          ? `“${path}” unpacks to more than ${megabytes(limits.maxFileBytes)}, the largest file a project can import.`
          : `Its files unpack to more than ${megabytes(limits.maxTotalBytes)} in all, the most a project can import.`,
    );
    this.name = 'ZipLimitError';
  }
}

export class InvalidZipError extends Error {
  constructor(detail: string) {
    super(`Not a readable zip archive: ${detail}`);
    this.name = 'InvalidZipError';
  }
}

export interface ZipEntry {
  name: string;
  isDirectory: boolean;
  /** 0 stored, 8 deflate; anything else cannot be read. */
  method: number;
  encrypted: boolean;
  /** As the archive claims it; the real size is only known once inflated. */
  declaredSize: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_U32 = 0xffffffff;

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 2 ** 32;

function need(bytes: Uint8Array, end: number, what: string): void {
  if (end > bytes.length) throw new InvalidZipError(`${what} runs past the end of the file.`);
}

function findEndRecord(bytes: Uint8Array): number {
  // The end record is 22 bytes plus a comment of at most 65535.
  const last = bytes.length - 22;
  for (let i = last; i >= 0 && i >= last - 0xffff; i--) {
    if (u32(bytes, i) === EOCD) return i;
  }
  throw new InvalidZipError('it has no end-of-archive record.');
}

/** Sizes and offset a Zip64 extra field carries in place of fields set to 0xFFFFFFFF. */
function applyZip64(bytes: Uint8Array, start: number, length: number, entry: ZipEntry): void {
  for (let i = start; i + 4 <= start + length; ) {
    const id = u16(bytes, i);
    const size = u16(bytes, i + 2);
    if (id === 0x0001) {
      let at = i + 4;
      if (entry.declaredSize === MAX_U32) {
        entry.declaredSize = u64(bytes, at);
        at += 8;
      }
      if (entry.compressedSize === MAX_U32) {
        entry.compressedSize = u64(bytes, at);
        at += 8;
      }
      if (entry.localHeaderOffset === MAX_U32) entry.localHeaderOffset = u64(bytes, at);
      return;
    }
    i += 4 + size;
  }
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/** The archive's table of contents (central directory); nothing is inflated. */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] {
  const end = findEndRecord(bytes);
  let count = u16(bytes, end + 10);
  let offset = u32(bytes, end + 16);
  if ((count === 0xffff || offset === MAX_U32) && end >= 20 && u32(bytes, end - 20) === EOCD64_LOCATOR) {
    const end64 = u64(bytes, end - 12);
    need(bytes, end64 + 56, 'The Zip64 end record');
    if (u32(bytes, end64) !== EOCD64) throw new InvalidZipError('its Zip64 end record is damaged.');
    count = u64(bytes, end64 + 32);
    offset = u64(bytes, end64 + 48);
  }
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    need(bytes, offset + 46, 'The table of contents');
    if (u32(bytes, offset) !== CENTRAL) throw new InvalidZipError('its table of contents is damaged.');
    const flags = u16(bytes, offset + 8);
    const nameLength = u16(bytes, offset + 28);
    const extraLength = u16(bytes, offset + 30);
    const commentLength = u16(bytes, offset + 32);
    need(bytes, offset + 46 + nameLength + extraLength, 'An entry name');
    const rawName = bytes.subarray(offset + 46, offset + 46 + nameLength);
    const name = (flags & 0x800 ? utf8 : latin1).decode(rawName);
    const entry: ZipEntry = {
      name,
      isDirectory: name.endsWith('/') || name.endsWith('\\'),
      method: u16(bytes, offset + 10),
      encrypted: (flags & 1) === 1,
      compressedSize: u32(bytes, offset + 20),
      declaredSize: u32(bytes, offset + 24),
      localHeaderOffset: u32(bytes, offset + 42),
    };
    applyZip64(bytes, offset + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Small input slices bound what one step can inflate to (deflate expands at most about 1032×). */
const INFLATE_SLICE = 8 * 1024;

/**
 * Inflates one entry, refusing it as soon as its output passes `maxBytes`, so a zip bomb never allocates more
 * than the limit plus one slice's worth. `maxBytes` is what is left of the per-file and total limits.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number, onTooLarge: () => never): Uint8Array {
  const at = entry.localHeaderOffset;
  need(bytes, at + 30, 'A file header');
  if (u32(bytes, at) !== LOCAL) throw new InvalidZipError(`the header of “${entry.name}” is damaged.`);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  need(bytes, start + entry.compressedSize, `The data of “${entry.name}”`);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > maxBytes) onTooLarge();
    return data.slice();
  }
  if (data.length === 0) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > maxBytes) onTooLarge();
    chunks.push(chunk);
    if (final) finished = true;
  });
  try {
    for (let i = 0; i < data.length && !finished; i += INFLATE_SLICE) {
      const slice = data.subarray(i, i + INFLATE_SLICE);
      inflater.push(slice, i + INFLATE_SLICE >= data.length);
    }
  } catch (error) {
    if (error instanceof ZipLimitError) throw error;
    throw new InvalidZipError(`“${entry.name}” could not be unpacked.`);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
