/**
 * Record id key → record index, for merging rows that share an id (SPEC §2). An id key is one
 * number (a numeric id as itself, a text id by its index in the table's id dictionary: see
 * `TableBase.idKey`). The keys go into an open-addressing hash table of record indexes (4 bytes a
 * slot, nothing for the GC to trace): the key of a slot is read from the table's own id column
 * through `keyOf`, so the ids are not stored twice (a million ids: 8 MB instead of 24).
 */

const EMPTY = -1;
// Tables grow at 3/4 full: linear probing with a well-mixed hash stays short there, and a
// million ids fit 2^21 slots instead of 2^22.

export class IdIndex {
  private vals = new Int32Array(1 << 12).fill(EMPTY);
  private count = 0;

  /**
   * @param keyOf the id key of a stored record index. A record claimed with `claim(n, i)`
   *   must answer `keyOf(i) === n` before the next call (the caller stores the record right after).
   */
  constructor(private readonly keyOf: (index: number) => number) {}

  /** The record index stored for id key `n`, or -1. */
  get(n: number): number {
    const mask = this.vals.length - 1;
    for (let s = slotOf(n) & mask; ; s = (s + 1) & mask) {
      const v = this.vals[s] as number;
      if (v === EMPTY) return -1;
      if (this.keyOf(v) === n) return v;
    }
  }

  /** The record index stored for id key `n`; when there is none, stores `index` and returns -1. */
  claim(n: number, index: number): number {
    const got = this.get(n);
    if (got >= 0) return got;
    if ((this.count + 1) * 4 > this.vals.length * 3) this.rehash(this.vals.length * 2);
    this.insert(slotOf(n), index);
    this.count++;
    return -1;
  }

  /** Make room for `n` ids without rehashing. */
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
 * The slot of an id key: ids within one block of 16 land in neighbouring slots (CRM ids are
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
