/**
 * A set of dense integer ids (clients, invoices, phone numbers — dictionary ids, not strings)
 * for the tallies. A million-line year puts hundreds of thousands of ids into the sets of the
 * report's spans; as JS Sets that is ~30 bytes an id. Past `BITS_FROM` ids a set becomes a
 * bitset — one bit per possible id — so a span's invoices cost ~50 KB instead of megabytes.
 *
 * The representation depends only on the contents (size, largest id), never on the order of
 * adding, so two sets with the same ids are structurally equal (tests compare merged tallies).
 */

/** Size from which non-negative ids live in a bitset. */
const BITS_FROM = 1024;

export class IdSet {
  /** Ids while the set is small, and negative ids always (number-less invoice lines). */
  private small = new Set<number>();
  /** Bit k set ⇔ id k is in the set (power-of-two length, from the largest id). */
  private bits: Uint32Array | null = null;
  private inBits = 0;

  get size(): number {
    return this.small.size + this.inBits;
  }

  add(id: number): void {
    if (id >= 0 && this.bits !== null) {
      this.setBit(id);
      return;
    }
    this.small.add(id);
    if (this.small.size >= BITS_FROM && this.bits === null) this.toBits();
  }

  has(id: number): boolean {
    if (id >= 0 && this.bits !== null) {
      const w = id >>> 5;
      return w < this.bits.length && ((this.bits[w] as number) & (1 << (id & 31))) !== 0;
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
      while (word !== 0) {
        const low = word & -word;
        fn(w * 32 + (31 - Math.clz32(low)));
        word ^= low;
      }
    }
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
    let b = this.bits!;
    const w = id >>> 5;
    if (w >= b.length) {
      let len = b.length;
      while (len <= w) len *= 2;
      const grown = new Uint32Array(len);
      grown.set(b);
      this.bits = b = grown;
    }
    const m = 1 << (id & 31);
    if (((b[w] as number) & m) === 0) {
      b[w] = (b[w] as number) | m;
      this.inBits++;
    }
  }

  /** Move the non-negative ids into a bitset. */
  private toBits(): void {
    let max = 0;
    for (const x of this.small) if (x > max) max = x;
    let len = 1;
    while (len * 32 <= max) len *= 2;
    this.bits = new Uint32Array(len);
    for (const x of [...this.small]) {
      if (x < 0) continue;
      this.small.delete(x);
      this.setBit(x);
    }
  }
}
