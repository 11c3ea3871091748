/**
 * The memo for phone numbers and ИНН (see memo.ts for the others): texts of digits and phone
 * punctuation packed into exact numbers, found in a typed-array hash table without hashing a string.
 */
import { flatten } from '../table/dict.js';
import { hashNumber } from '../table/id-index.js';
import { Last, TextMemo, type Memo } from './memo.js';

/** 4-bit codes of the characters a packed text may hold (0: not packable). */
const CODE = new Uint8Array(128);
'0123456789+- ()'.split('').forEach((ch, k) => (CODE[ch.charCodeAt(0)] = k + 1));
/** Characters per packed number: 13 × 4 bits = 52 bits, exact in a double. */
const PER_KEY = 13;

/**
 * Packed key → code, open addressing on one typed array. A key is one number (texts of up to 13
 * characters) or two (up to 26), each up to 52 bits. Slot s holds its key(s) as 32-bit halves
 * and the code side by side — `[lo(a), hi(a), code]` or `[lo(a), hi(a), lo(b), hi(b), code]`,
 * 12 or 20 bytes — so a probe touches one cache line rather than one per array (a big call log's
 * numbers make a table far larger than the cache). A first key of 0 marks an empty slot, which
 * no packed text produces (character codes are 1…15).
 */
class PackedTable {
  private slots: Int32Array;
  private readonly stride: number;
  private capacity = 1 << 10;
  private count = 0;

  constructor(twoKeys: boolean) {
    this.stride = twoKeys ? 5 : 3;
    this.slots = new Int32Array(this.capacity * this.stride);
  }

  get size(): number {
    return this.count;
  }

  /** The code of (a, b), or -2 when absent (codes are ≥ -1). */
  get(a: number, b: number): number {
    const { slots } = this;
    const mask = this.capacity - 1;
    const aLo = a | 0;
    const aHi = (a / 0x1_0000_0000) | 0;
    if (this.stride === 3) {
      for (let s = slot(a, b) & mask; ; s = (s + 1) & mask) {
        const at = s * 3;
        const lo = slots[at] as number;
        const hi = slots[at + 1] as number;
        if (lo === aLo && hi === aHi) return slots[at + 2] as number;
        if (lo === 0 && hi === 0) return -2;
      }
    }
    const bLo = b | 0;
    const bHi = (b / 0x1_0000_0000) | 0;
    for (let s = slot(a, b) & mask; ; s = (s + 1) & mask) {
      const at = s * 5;
      const lo = slots[at] as number;
      const hi = slots[at + 1] as number;
      if (lo === aLo && hi === aHi && slots[at + 2] === bLo && slots[at + 3] === bHi) return slots[at + 4] as number;
      if (lo === 0 && hi === 0) return -2;
    }
  }

  set(a: number, b: number, v: number): void {
    if ((this.count + 1) * 2 > this.capacity) this.grow();
    const { slots, stride } = this;
    const mask = this.capacity - 1;
    let s = slot(a, b) & mask;
    while (slots[s * stride] !== 0 || slots[s * stride + 1] !== 0) s = (s + 1) & mask;
    const at = s * stride;
    slots[at] = a | 0;
    slots[at + 1] = (a / 0x1_0000_0000) | 0;
    if (stride === 5) {
      slots[at + 2] = b | 0;
      slots[at + 3] = (b / 0x1_0000_0000) | 0;
    }
    slots[at + stride - 1] = v;
    this.count++;
  }

  private grow(): void {
    const { slots, stride, capacity } = this;
    this.capacity = capacity * 2;
    this.slots = new Int32Array(this.capacity * stride);
    this.count = 0;
    for (let at = 0; at < slots.length; at += stride) {
      if (slots[at] === 0 && slots[at + 1] === 0) continue;
      const a = (slots[at + 1] as number) * 0x1_0000_0000 + ((slots[at] as number) >>> 0);
      const b = stride === 5 ? (slots[at + 3] as number) * 0x1_0000_0000 + ((slots[at + 2] as number) >>> 0) : 0;
      this.set(a, b, slots[at + stride - 1] as number);
    }
  }
}

function slot(a: number, b: number): number {
  return b === 0 ? hashNumber(a) : hashNumber(a) ^ Math.imul(hashNumber(b), 0x9e3779b1);
}

/** Distinct packed texts past which a `PackedMemo` that mostly misses gives up. */
const PACKED_GIVE_UP = 200_000;

/**
 * The weight of one lookup in a `PackedMemo`'s hit rate, an average over the last ~16,000
 * lookups rather than over the whole column so far: a year's call log meets most callers early
 * and calls them back later, so its numbers repeat more and more as it goes (the bench's plain
 * call log: 39 % of lookups found over its first 330,000 rows, 71 % over the file, 64 % or more
 * in the recent ones from the moment its tables hold 200,000 numbers).
 */
const RATE_STEP = 1 / 16_384;

/** Distinct packed texts a `PackedMemo` keeps (phones of a big call log: ~500 000). */
const PACKED_LIMIT = 2_000_000;

/**
 * A memo for phone numbers and ИНН: a text of at most 26 characters from `0-9 + - ( ) space`
 * is packed, 4 bits a character, into one or two numbers — an exact, one-to-one key (codes are
 * 1…15, so no two texts share one). Other texts fall back to a `TextMemo`. Same codes, fewer
 * cycles: no string is hashed.
 *
 * With `copies`, `compute` gets the text as it is, not a flat copy: it keeps nothing of it but
 * copies (a lead's phone and an ИНН go into dictionaries, which copy their text), and the packed
 * key keeps no string at all — a million distinct numbers then cost no copy each.
 */
export class PackedMemo implements Memo {
  private short = new PackedTable(false);
  private long = new PackedTable(true);
  /** The share of recent table lookups that found their text (see `RATE_STEP`). */
  private rate = 0;
  /**
   * Set once the tables hold many texts and the recent lookups found fewer than 60 %: dropped.
   * A big table misses the cache as the dictionary behind it does, so it pays only when most
   * lookups find their number: measured, an Asterisk CDR that finds 50–52 % ran 5 % slower and
   * 25 MB bigger with its tables kept, the plain call log (64 → 96 %) 10 % faster.
   */
  private off = false;
  private readonly fallback: TextMemo;
  private readonly last = new Last();

  constructor(
    private readonly compute: (text: string) => number,
    private readonly copies = false,
  ) {
    this.fallback = new TextMemo(compute, copies);
  }

  of(text: string): number {
    if (text === this.last.text) return this.last.code;
    return this.last.set(text, this.lookup(text));
  }

  private lookup(text: string): number {
    // a column of mostly distinct numbers (a big log's callers): the tables cost a miss and a
    // slot per value for nothing, so they are dropped, as a TextMemo drops its Map
    if (this.off) return this.compute(this.copies ? text : flatten(text));
    const n = text.length;
    if (n === 0 || n > 2 * PER_KEY) return this.fallback.of(text);
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      const v = c < 128 ? (CODE[c] as number) : 0;
      if (v === 0) return this.fallback.of(text);
      if (i < PER_KEY) a = a * 16 + v;
      else b = b * 16 + v;
    }
    const table = b === 0 ? this.short : this.long;
    const hit = table.get(a, b);
    if (hit !== -2) {
      this.rate += (1 - this.rate) * RATE_STEP;
      return hit;
    }
    this.rate -= this.rate * RATE_STEP;
    const v = this.compute(this.copies ? text : flatten(text));
    if (table.size < PACKED_LIMIT) table.set(a, b, v);
    if (this.rate < 0.6 && this.short.size + this.long.size >= PACKED_GIVE_UP) {
      this.off = true;
      this.short = new PackedTable(false);
      this.long = new PackedTable(true);
    }
    return v;
  }
}
