import { constants, deflateRawSync } from 'node:zlib';
import { strToU8 } from 'fflate';

export interface HandEntry {
  name: string;
  /** Deflated bytes. */
  data: Uint8Array;
  /** The uncompressed size the headers claim; a zip bomb lies here. */
  claimedSize: number;
}

/** A zip written byte by byte, so its headers can claim anything. */
export function handZip(entries: HandEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = strToU8(entry.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(8, 8, true);
    local.setUint32(18, entry.data.length, true);
    local.setUint32(22, entry.claimedSize, true);
    local.setUint16(26, name.length, true);
    const header = new DataView(new ArrayBuffer(46));
    header.setUint32(0, 0x02014b50, true);
    header.setUint16(4, 20, true);
    header.setUint16(6, 20, true);
    header.setUint16(10, 8, true);
    header.setUint32(20, entry.data.length, true);
    header.setUint32(24, entry.claimedSize, true);
    header.setUint16(28, name.length, true);
    header.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), name, entry.data);
    central.push(new Uint8Array(header.buffer), name);
    offset += 30 + name.length + entry.data.length;
  }
  const centralSize = central.reduce((sum, part) => sum + part.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of all) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * `megabytes` of zeros, deflated without holding them: one megabyte deflated up to a full flush (byte-aligned,
 * no back-references across it) can be repeated, and an empty final block closes the stream.
 */
export function deflatedZeros(megabytes: number): Uint8Array {
  const oneMegabyte = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const finalEmptyBlock = Buffer.from([0x03, 0x00]);
  return new Uint8Array(Buffer.concat([...Array.from({ length: megabytes }, () => oneMegabyte), finalEmptyBlock]));
}
