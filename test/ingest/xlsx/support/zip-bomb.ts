/**
 * Zip-bomb material for the safety tests: a hand-encoded DEFLATE stream that inflates to a chosen
 * size from ~1/160 of it, and a raw zip writer that puts any compressed bytes under any declared
 * size. Building these never allocates the inflated size.
 */
import { strToU8 } from 'fflate';

/**
 * A raw DEFLATE stream (one fixed-Huffman block) inflating to `size` bytes of 'a': one literal,
 * then back-references of length 258 at distance 1. Each reference is 13 bits for 258 bytes.
 */
export function deflateBomb(size: number): Uint8Array {
  const refs = Math.floor((size - 1) / 258);
  const tail = size - 1 - refs * 258; // 0..257 more literals
  const out = new Uint8Array(Math.ceil(((refs * 13 + (tail + 1) * 8 + 3 + 7) / 8) + 2));
  let byte = 0;
  let bit = 0;
  let n = 0;
  const put = (value: number, bits: number): void => {
    for (let i = 0; i < bits; i++) {
      byte |= ((value >> i) & 1) << bit;
      if (++bit === 8) {
        out[n++] = byte;
        byte = 0;
        bit = 0;
      }
    }
  };
  // Huffman codes are sent most-significant bit first: reverse them into the LSB-first stream.
  const code = (value: number, bits: number): void => {
    let r = 0;
    for (let i = 0; i < bits; i++) r |= ((value >> i) & 1) << (bits - 1 - i);
    put(r, bits);
  };
  put(1, 1); // BFINAL
  put(1, 2); // BTYPE = 01, fixed Huffman
  const literalA = 0x30 + 0x61; // fixed code for literals 0–143: 0x30 + value, 8 bits
  code(literalA, 8);
  for (let i = 0; i < refs; i++) {
    code(0xc0 + (285 - 280), 8); // length 258
    code(0, 5); // distance 1
  }
  for (let i = 0; i < tail; i++) code(literalA, 8);
  code(0, 7); // end of block
  if (bit > 0) out[n++] = byte;
  return out.subarray(0, n);
}

export interface RawEntry {
  name: string;
  /** The bytes as stored (already compressed when method is 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** The inflated size written into the headers (may lie). */
  declaredSize: number;
}

/** Write a zip from raw entries (CRC fields are left 0: the reader under test does not check them). */
export function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, e.method, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.declaredSize, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.declaredSize, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, e.data);
    centrals.push(central);
    offset += local.length + e.data.length;
  }
  const cdSize = centrals.reduce((a, c) => a + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...locals, ...centrals, eocd];
  const out = new Uint8Array(all.reduce((a, c) => a + c.length, 0));
  let p = 0;
  for (const part of all) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}
