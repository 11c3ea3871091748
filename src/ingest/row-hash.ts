/**
 * Exact-duplicate detection without keeping rows: a 63-bit hash of each row's text (two
 * independent 32-bit FNV-1a variants) in an open-addressing table on typed arrays — 8 bytes a
 * slot, grown at 3/4 full, no per-row objects, nothing for the GC to trace.
 */

/** The two 32-bit halves of the last hash computed (`hashText` / `hashTexts` write them). */
const last = { h1: 0, h2: 0 };

/** The last hash computed, as two unsigned 32-bit halves. */
export function lastHash(): { readonly h1: number; readonly h2: number } {
  return last;
}

/** Take halves computed elsewhere (a reading worker's `hashRange`) as the last hash. */
export function setLastHash(h1: number, h2: number): void {
  last.h1 = h1 >>> 0;
  last.h2 = h2 >>> 0;
}

function mix(h1: number, h2: number): void {
  last.h1 = h1 >>> 0;
  // 0 marks an empty slot in HashSet, so the second half is never 0
  last.h2 = (h2 | 1) >>> 0;
}

/** Hash one string (a CSV record's raw text). */
export function hashText(s: string): void {
  hashRange(s, 0, s.length);
}

/** Hash `s.slice(from, to)` without cutting it out (what `hashText` of that slice gives). */
export function hashRange(s: string, from: number, to: number): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  mix(h1, h2);
}

/** Hash a list of texts (cells), each followed by a unit separator so `a|bc` ≠ `ab|c`. */
export function hashTexts(parts: readonly string[]): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995) ^ (h2 >>> 15);
  }
  mix(h1, h2);
}

/** Hash a list of numbers (record fields as numbers and dictionary ids). */
export function hashNumbers(parts: ArrayLike<number>): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let k = 0; k < parts.length; k++) {
    const v = parts[k] as number;
    // the 64 bits of the double, as two 32-bit words
    f64[0] = v === v ? v : NaN;
    for (let w = 0; w < 2; w++) {
      const c = u32[w] as number;
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
  }
  mix(h1, h2);
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/**
 * Hash → a non-negative integer (the first record seen with that hash), open addressing on one
 * Uint32Array of (h1, h2, value) triples; h2 = 0 marks an empty slot.
 */
export class HashIndex {
  private slots = new Uint32Array(3 << 12);
  private count = 0;

  /** The value stored for the last hash computed; when there is none, stores `value` and returns -1. */
  claimLast(value: number): number {
    const { h1, h2 } = last;
    const size = this.slots.length / 3;
    let s = h1 & (size - 1);
    for (;;) {
      const b = this.slots[3 * s + 1] as number;
      if (b === 0) break;
      if (b === h2 && this.slots[3 * s] === h1) return this.slots[3 * s + 2] as number;
      s = (s + 1) & (size - 1);
    }
    if ((this.count + 1) * 4 > size * 3) {
      this.grow();
      const mask = this.slots.length / 3 - 1;
      s = h1 & mask;
      while (this.slots[3 * s + 1] !== 0) s = (s + 1) & mask;
    }
    this.slots[3 * s] = h1;
    this.slots[3 * s + 1] = h2;
    this.slots[3 * s + 2] = value;
    this.count++;
    return -1;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    const mask = this.slots.length / 3 - 1;
    for (let k = 0; k < old.length; k += 3) {
      const b = old[k + 1] as number;
      if (b === 0) continue;
      let s = (old[k] as number) & mask;
      while (this.slots[3 * s + 1] !== 0) s = (s + 1) & mask;
      this.slots[3 * s] = old[k] as number;
      this.slots[3 * s + 1] = b;
      this.slots[3 * s + 2] = old[k + 2] as number;
    }
  }
}

/** A set of hashes, (h1, h2) pairs in one Uint32Array: `addLast` is false for a hash seen before. */
export class HashSet {
  private slots = new Uint32Array(2 << 12);
  private count = 0;

  /**
   * Make room for `n` hashes without regrowing, in one step: growing by doubling up to 16 MB
   * freed arrays of 1, 2, 4 and 8 MB at once, and glibc then raised its mmap threshold to 8 MB,
   * so that every later allocation under that size came from the heap and stayed resident
   * after it was freed (the peak of a run moved by 10–25 MB with the timing of that moment).
   */
  reserve(n: number): void {
    let size = this.slots.length / 2;
    while ((n + 1) * 4 > size * 3) size *= 2;
    if (size > this.slots.length / 2) this.resize(size);
  }

  /** Add the last hash computed; false when it was already there. */
  addLast(): boolean {
    return this.add(last.h1, last.h2);
  }

  /** Add a hash given by its halves (as `lastHash` returns them); false when already there. */
  add(h1: number, h2: number): boolean {
    let mask = this.slots.length / 2 - 1;
    let s = h1 & mask;
    for (;;) {
      const b = this.slots[2 * s + 1] as number;
      if (b === 0) break;
      if (b === h2 && this.slots[2 * s] === h1) return false;
      s = (s + 1) & mask;
    }
    if ((this.count + 1) * 4 > (mask + 1) * 3) {
      this.grow();
      mask = this.slots.length / 2 - 1;
      s = h1 & mask;
      while (this.slots[2 * s + 1] !== 0) s = (s + 1) & mask;
    }
    this.slots[2 * s] = h1;
    this.slots[2 * s + 1] = h2;
    this.count++;
    return true;
  }

  private grow(): void {
    this.resize(this.slots.length);
  }

  /** Rehash into `size` slots (a power of two). */
  private resize(size: number): void {
    const old = this.slots;
    this.slots = new Uint32Array(size * 2);
    const mask = size - 1;
    for (let k = 0; k < old.length; k += 2) {
      const b = old[k + 1] as number;
      if (b === 0) continue;
      let s = (old[k] as number) & mask;
      while (this.slots[2 * s + 1] !== 0) s = (s + 1) & mask;
      this.slots[2 * s] = old[k] as number;
      this.slots[2 * s + 1] = b;
    }
  }
}
