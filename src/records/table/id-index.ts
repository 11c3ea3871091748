/**
 * Record id key → record index, for merging rows that share an id (SPEC §2). An id key is one
 * number (a numeric id as itself, a text id by its index in the table's id dictionary: see
 * `TableBase.idKey`). The keys go into an open-addressing hash table of record indexes (4 bytes a
 * slot, nothing for the GC to trace): the key of a slot is read from the table's own id column
 * through `keyOf`, so the ids are not stored twice (a million ids: 8 MB instead of 24). While the
 * ids arrive sorted — most exports — there is no table at all (see `IdIndex.order`).
 */

const EMPTY = -1;
// Tables grow at 3/4 full: linear probing with a well-mixed hash stays short there, and a
// million ids fit 2^21 slots instead of 2^22.

export class IdIndex {
  /** The hash table; null while the keys arrive in order (see `order`). */
  private vals: Int32Array | null = null;
  private count = 0;
  /**
   * While every key claimed is above the one before (or every one below: exports are sorted by
   * id, either way), a key continuing the run is new without a lookup, and no table is kept —
   * only the claimed record indexes in claiming order (a key is found by binary search). The
   * first key out of order builds the table, for good. Null once the table is built.
   */
  private order: Int32Array | null = new Int32Array(1024);
  /** 1: keys rising, -1: falling, 0: not known yet (fewer than two keys). */
  private run = 0;
  private lastKey = NaN;
  /** Ids `reserve` made room for: the table is built that big. */
  private reserved = 0;

  /**
   * @param keyOf the id key of a stored record index. A record claimed with `claim(n, i)`
   *   must answer `keyOf(i) === n` before the next call (the caller stores the record right after).
   */
  constructor(private readonly keyOf: (index: number) => number) {}

  /** The record index stored for id key `n`, or -1. */
  get(n: number): number {
    const vals = this.vals;
    if (vals === null) return this.search(n);
    const mask = vals.length - 1;
    for (let s = slotOf(n) & mask; ; s = (s + 1) & mask) {
      const v = vals[s] as number;
      if (v === EMPTY) return -1;
      if (this.keyOf(v) === n) return v;
    }
  }

  /** The record index stored for id key `n`; when there is none, stores `index` and returns -1. */
  claim(n: number, index: number): number {
    if (this.order !== null) {
      const up = n > this.lastKey;
      const down = n < this.lastKey;
      const c = this.count;
      if (c === 0 || (up && this.run >= 0 && (c === 1 || this.run === 1)) || (down && this.run <= 0)) {
        if (c === 1) this.run = up ? 1 : -1;
        this.append(index);
        this.lastKey = n;
        return -1;
      }
      this.build();
    }
    const got = this.get(n);
    if (got >= 0) return got;
    if ((this.count + 1) * 4 > this.vals!.length * 3) this.rehash(this.vals!.length * 2);
    this.insert(slotOf(n), index);
    this.count++;
    return -1;
  }

  /** Make room for `n` ids without rehashing. */
  reserve(n: number): void {
    if (this.order !== null) {
      // untouched pages of the list cost nothing until written; at least 1.5× at a time, as the
      // table grows: each of 365 daily files reserving its own rows copied the whole list
      if (n > this.order.length) this.order = grown(this.order, Math.max(n, Math.ceil(this.order.length * 1.5)));
      this.reserved = Math.max(this.reserved, n);
      return;
    }
    let size = this.vals!.length;
    while (n * 4 > size * 3) size *= 2;
    if (size > this.vals!.length) this.rehash(size);
  }

  private append(index: number): void {
    if (this.count === this.order!.length) this.order = grown(this.order!, this.count * 2);
    this.order![this.count++] = index;
  }

  /** Binary search of the keys claimed in order. */
  private search(n: number): number {
    const order = this.order!;
    const rising = this.run >= 0;
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const i = order[mid] as number;
      const k = this.keyOf(i);
      if (k === n) return i;
      if (k < n === rising) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The first key out of order: the hash table of every record claimed so far. */
  private build(): void {
    const order = this.order!;
    this.order = null;
    let size = 1 << 12;
    while (Math.max(this.reserved, this.count + 1) * 4 > size * 3) size *= 2;
    this.vals = new Int32Array(size).fill(EMPTY);
    for (let k = 0; k < this.count; k++) this.insert(slotOf(this.keyOf(order[k] as number)), order[k] as number);
  }

  private insert(slot: number, index: number): void {
    const vals = this.vals!;
    const mask = vals.length - 1;
    let s = slot & mask;
    while (vals[s] !== EMPTY) s = (s + 1) & mask;
    vals[s] = index;
  }

  private rehash(size: number): void {
    const vals = this.vals!;
    this.vals = new Int32Array(size).fill(EMPTY);
    for (let s = 0; s < vals.length; s++) {
      const v = vals[s] as number;
      if (v !== EMPTY) this.insert(slotOf(this.keyOf(v)), v);
    }
  }
}

function grown(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
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
