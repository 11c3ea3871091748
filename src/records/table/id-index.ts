/**
 * Record id → record index, for merging rows that share an id (SPEC §2). Numeric ids — what CRMs
 * write — go into an open-addressing hash table of record indexes (4 bytes a slot, nothing for
 * the GC to trace): the key of a slot is read from the table's own id column through `keyOf`, so
 * the ids are not stored twice (a million ids: 8 MB instead of 24). Other ids go into a Map keyed
 * by their flat text.
 */
import { numericId } from './base.js';
import { flatten } from './dict.js';

const EMPTY = -1;
// Tables grow at 3/4 full: linear probing with a well-mixed hash stays short there, and a
// million ids fit 2^21 slots instead of 2^22.

export class IdIndex {
  private vals = new Int32Array(1 << 12).fill(EMPTY);
  private count = 0;
  private readonly text = new Map<string, number>();

  /**
   * @param keyOf the numeric id of a stored record index. A record claimed with `claimNumeric(n, i)`
   *   must answer `keyOf(i) === n` before the next call (the caller stores the record right after).
   */
  constructor(private readonly keyOf: (index: number) => number) {}

  /** The record index stored for `id`, or -1. */
  get(id: string): number {
    const n = numericId(id);
    if (n !== n) return this.text.get(id) ?? -1;
    return this.getNumeric(n);
  }

  /** The record index stored for a numeric id (see `numericId`), or -1. */
  getNumeric(n: number): number {
    const mask = this.vals.length - 1;
    for (let s = slotOf(n) & mask; ; s = (s + 1) & mask) {
      const v = this.vals[s] as number;
      if (v === EMPTY) return -1;
      if (this.keyOf(v) === n) return v;
    }
  }

  /** The record index stored for `id`; when there is none, stores `index` and returns -1. */
  claim(id: string, index: number): number {
    const n = numericId(id);
    if (n === n) return this.claimNumeric(n, index);
    const got = this.text.get(id);
    if (got !== undefined) return got;
    this.text.set(flatten(id), index);
    return -1;
  }

  /** `claim` for a numeric id. */
  claimNumeric(n: number, index: number): number {
    const got = this.getNumeric(n);
    if (got >= 0) return got;
    if ((this.count + 1) * 4 > this.vals.length * 3) this.rehash(this.vals.length * 2);
    this.insert(slotOf(n), index);
    this.count++;
    return -1;
  }

  /** Make room for `n` numeric ids without rehashing. */
  reserve(n: number): void {
    let size = this.vals.length;
    while (n * 4 > size * 3) size *= 2;
    if (size > this.vals.length) this.rehash(size);
  }

  private insert(slot: number, index: number): void {
    const mask = this.vals.length - 1;
    let s = slot & mask;
    while (this.vals[s] !== EMPTY) s = (s + 1) & mask;
    this.vals[s] = index;
  }

  private rehash(size: number): void {
    const vals = this.vals;
    this.vals = new Int32Array(size).fill(EMPTY);
    for (let s = 0; s < vals.length; s++) {
      const v = vals[s] as number;
      if (v !== EMPTY) this.insert(slotOf(this.keyOf(v)), v);
    }
  }
}

/**
 * The slot of a numeric id: ids within one block of 16 land in neighbouring slots (CRM ids are
 * mostly consecutive, so inserts walk memory in order instead of missing the cache on every
 * row); blocks are scattered by `hashNumber`, so ids with a stride still spread evenly.
 */
function slotOf(n: number): number {
  const block = Math.floor(n / 16);
  return ((hashNumber(block) << 4) | (n - block * 16)) >>> 0;
}

/** A well-mixed 32-bit hash of a non-negative integer below 2^53. */
export function hashNumber(n: number): number {
  const lo = n >>> 0;
  const hi = (n / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  return (h ^ (h >>> 13)) >>> 0;
}
