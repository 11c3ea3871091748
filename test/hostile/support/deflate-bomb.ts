/**
 * Zip-bomb material with structure: a hand-written DEFLATE stream (one fixed-Huffman block) that
 * inflates to `head`, then `unit` repeated to about `size` bytes, then `tail` — from a few bytes
 * per 258 inflated ones (back-references at distance `unit.length`). Building one never allocates
 * the inflated size, so a test can make a 1 GiB worksheet of `<row>`s from an 8 MB file in a
 * fraction of a second.
 */

/** Base distance and extra-bit count of each fixed-Huffman distance code (RFC 1951 §3.2.5). */
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

class BitWriter {
  private chunks: Uint8Array[] = [];
  private buf = new Uint8Array(1 << 20);
  private n = 0;
  private byte = 0;
  private bit = 0;

  /** Write `bits` bits of `value`, least significant first (header fields, extra bits). */
  put(value: number, bits: number): void {
    for (let i = 0; i < bits; i++) {
      this.byte |= ((value >> i) & 1) << this.bit;
      if (++this.bit === 8) this.flushByte();
    }
  }

  /** Write a Huffman code: sent most significant bit first. */
  code(value: number, bits: number): void {
    for (let i = bits - 1; i >= 0; i--) this.put((value >> i) & 1, 1);
  }

  private flushByte(): void {
    if (this.n === this.buf.length) {
      this.chunks.push(this.buf);
      this.buf = new Uint8Array(1 << 20);
      this.n = 0;
    }
    this.buf[this.n++] = this.byte;
    this.byte = 0;
    this.bit = 0;
  }

  finish(): Uint8Array {
    if (this.bit > 0) this.flushByte();
    const parts = [...this.chunks, this.buf.subarray(0, this.n)];
    const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
    let p = 0;
    for (const part of parts) {
      out.set(part, p);
      p += part.length;
    }
    return out;
  }
}

function literal(w: BitWriter, v: number): void {
  if (v < 144) w.code(0x30 + v, 8);
  else w.code(0x190 + (v - 144), 9);
}

function distance(w: BitWriter, d: number): void {
  let c = DIST_BASE.length - 1;
  while (DIST_BASE[c]! > d) c--;
  w.code(c, 5);
  w.put(d - DIST_BASE[c]!, DIST_EXTRA[c]!);
}

/**
 * Raw DEFLATE bytes inflating to `head + unit × k + tail`, with `unit × k` at least `size` bytes
 * and ending on a whole unit. `unit` must be 1–32768 bytes.
 */
export function structuredBomb(head: Uint8Array, unit: Uint8Array, size: number, tail: Uint8Array): Uint8Array {
  const w = new BitWriter();
  w.put(1, 1); // BFINAL
  w.put(1, 2); // fixed Huffman
  for (const b of head) literal(w, b);
  for (const b of unit) literal(w, b);
  let written = unit.length;
  while (written < size) {
    w.code(0xc0 + (285 - 280), 8); // length 258, no extra bits
    distance(w, unit.length);
    written += 258;
  }
  // Complete the unit the last reference stopped inside of, so `tail` starts on a boundary.
  for (let k = written % unit.length; k > 0 && k < unit.length; k++) literal(w, unit[k]!);
  for (const b of tail) literal(w, b);
  w.code(0, 7); // end of block
  return w.finish();
}
