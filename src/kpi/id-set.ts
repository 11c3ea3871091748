/**
 * A set of dense integer ids (clients, invoices, phone numbers — dictionary ids, not strings)
 * for the tallies. A million-line year puts hundreds of thousands of ids into the sets of the
 * report's spans; as JS Sets that is ~30 bytes an id. A set of many ids becomes a bitset over
 * the range of words its ids span — one bit per possible id from the lowest to the highest — so
 * a month's invoices (ids are numbered in file order: a month of a dated export is a run of them)
 * cost a few KB instead of megabytes.
 *
 * A set whose ids are few for their range stays a Set: a month × manager cell of an export in
 * random date order holds ~2,000 of a million invoice ids, and a bitset from the lowest to the
 * highest would cost 125 KB where the Set costs ~60 KB. (Before, every set of 1,024 ids or more
 * became a bitset from id 0: grouped by manager, 480 such cells cost 60 MB.)
 *
 * Equal sets may be laid out differently (the choice is made as ids arrive): compare them by
 * content (`equals`, or `forEach`), never by structure.
 */

/** Size from which a set considers turning into a bitset. */
const BITS_FROM = 1024;
/**
 * A bitset is chosen when its words cost at most this many bytes per id held (a Set costs ~30;
 * this leaves a margin, so a set of ids spread thin stays a Set).
 */
const BYTES_PER_ID = 16;

export class IdSet {
  /** Ids while the set is small or sparse, and negative ids always. */
  private small = new Set<number>();
  /** Bit k of word w set ⇔ id (base + w) × 32 + k is in the set. */
  private bits: Uint32Array | null = null;
  /** The word index of `bits[0]`. */
  private base = 0;
  private inBits = 0;
  /** The size of `small` at which it is next weighed for a bitset. */
  private nextCheck = BITS_FROM;
  /**
   * The id added last (NaN before the first): lines come in file order, so an invoice's lines,
   * a client's invoices and a caller's calls add the same id several times in a row, and the
   * repeat costs a comparison instead of a hash probe. Sets only grow, so it stays a member.
   */
  private last = NaN;

  get size(): number {
    return this.small.size + this.inBits;
  }

  add(id: number): void {
    if (id === this.last) return;
    this.last = id;
    if (id >= 0 && this.bits !== null) {
      this.setBit(id);
      return;
    }
    this.small.add(id);
    if (this.small.size >= this.nextCheck) this.weigh();
  }

  has(id: number): boolean {
    if (id >= 0 && this.bits !== null) {
      const w = (id >>> 5) - this.base;
      return w >= 0 && w < this.bits.length && ((this.bits[w] as number) & (1 << (id & 31))) !== 0;
    }
    return this.small.has(id);
  }

  /** Call `fn` with every id (a method, not an iterator: sets compare by content, not order). */
  forEach(fn: (id: number) => void): void {
    this.small.forEach((x) => fn(x));
    const b = this.bits;
    if (b === null) return;
    for (let w = 0; w < b.length; w++) {
      let word = b[w] as number;
      const at = (this.base + w) * 32;
      while (word !== 0) {
        const low = word & -word;
        fn(at + (31 - Math.clz32(low)));
        word ^= low;
      }
    }
  }

  /** The ids in ascending order (tests, messages). */
  sorted(): number[] {
    const out: number[] = [];
    this.forEach((x) => out.push(x));
    return out.sort((a, b) => a - b);
  }

  /** How the ids are held: words of the bitset, ids in the Set (tests, memory checks). */
  layout(): { words: number; inSet: number } {
    return { words: this.bits?.length ?? 0, inSet: this.small.size };
  }

  /** Same ids, whatever the layout. */
  equals(other: IdSet): boolean {
    if (other.size !== this.size) return false;
    let same = true;
    this.forEach((x) => {
      if (same && !other.has(x)) same = false;
    });
    return same;
  }

  /** The union of two sets (a new set). */
  static union(a: IdSet, b: IdSet): IdSet {
    const out = new IdSet();
    const add = (x: number) => out.add(x);
    a.forEach(add);
    b.forEach(add);
    return out;
  }

  private setBit(id: number): void {
    let w = (id >>> 5) - this.base;
    if (w < 0 || w >= this.bits!.length) w = this.widen(id >>> 5);
    const b = this.bits!;
    const m = 1 << (id & 31);
    if (((b[w] as number) & m) === 0) {
      b[w] = (b[w] as number) | m;
      this.inBits++;
    }
  }

  /** Grow `bits` (doubling, to either side) until it covers `word`; its index there. */
  private widen(word: number): number {
    const old = this.bits!;
    let lo = this.base;
    let len = old.length;
    while (word < lo) {
      lo = Math.max(0, lo - len);
      len *= 2;
    }
    while (word >= lo + len) len *= 2;
    const grown = new Uint32Array(len);
    grown.set(old, this.base - lo);
    this.bits = grown;
    this.base = lo;
    return word - lo;
  }

  /** Move the non-negative ids into a bitset if it costs little enough per id, else wait. */
  private weigh(): void {
    this.nextCheck *= 2;
    let min = Infinity;
    let max = -1;
    let n = 0;
    for (const x of this.small) {
      if (x < 0) continue;
      n++;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    if (n === 0) return;
    const words = (max >>> 5) - (min >>> 5) + 1;
    if (words * 4 > n * BYTES_PER_ID) return;
    let len = 1;
    while (len < words) len *= 2;
    this.bits = new Uint32Array(len);
    this.base = min >>> 5;
    for (const x of [...this.small]) {
      if (x < 0) continue;
      this.small.delete(x);
      this.setBit(x);
    }
  }
}
