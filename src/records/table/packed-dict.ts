/**
 * A dictionary for columns with hundreds of thousands of distinct short texts whose text the
 * report rarely needs (invoice numbers, a call log's phone numbers). Same contract as
 * `StringDict` — distinct texts ↔ dense ids in first-seen order — but the texts are not kept as
 * JS strings: their characters sit end to end in one typed array, and a typed-array hash table
 * finds them. 450 000 invoice numbers cost ~17 MB here against ~35 MB of strings and Map
 * entries, and nothing of it is traced by the garbage collector.
 *
 * A text is turned back into a string only when asked (`value`), e.g. for a listed call's number.
 */
import { grow } from './base.js';
import { NARROW_IDS, type TextDict } from './dict.js';

const EMPTY = 0;

/**
 * Where the ids of a reading worker's dictionary start in a record while its file is read — a
 * lead's phone, a call's numbers, an invoice's number (src/ingest/csv/cell-codes.ts): this plus
 * the worker's own id, renumbered once its dictionary is absorbed (`absorb`; see
 * src/records/normalize/merge.ts). Never seen after loading.
 */
export const PENDING_IDS = 1 << 30;

/** 32-bit FNV-1a over UTF-16 code units, then a final mix (the slot is taken from the low bits). */
function hashText(s: string, a = 0, b = s.length): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix(h);
}

/** `hashText` of the text whose code units are `c[a, b)`. */
function hashCodes(c: Uint8Array | Uint16Array, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) h = Math.imul(h ^ (c[i] as number), 0x01000193);
  return mix(h);
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * A `PackedDict`'s arrays as they are, to hand one from a thread to another (`PackedDict.parts`,
 * `PackedDict.absorb`): every buffer is transferable, none is copied.
 */
export interface PackedDictParts {
  chars: Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer>;
  used: number;
  start: Int32Array<ArrayBuffer>;
  hashes: Int32Array<ArrayBuffer>;
  slots: Int32Array<ArrayBuffer>;
  count: number;
}

export class PackedDict implements TextDict {
  /** Characters of every text, end to end; one byte a character until a text needs more. */
  private chars: Uint8Array | Uint16Array = new Uint8Array(4096);
  private used = 0;
  /** Text k is chars[start[k], start[k + 1]). */
  private start = new Int32Array(1025);
  private hashes = new Int32Array(1024);
  private count = 0;
  /** id + 1 per slot (0: empty); power-of-two length, at most 3/4 full. */
  private slots = new Int32Array(2048);

  get size(): number {
    return this.count;
  }

  /**
   * Run `widen` before the first id that does not fit an Int16 is handed out (at once if one
   * was): a table keeps a column of this dictionary's ids in an Int16Array until then (as
   * `StringDict.onWide`).
   */
  onWide(widen: () => void): void {
    if (this.count > NARROW_IDS) widen();
    else (this.wide ??= []).push(widen);
  }

  private wide: (() => void)[] | null = null;

  private widen(): void {
    const w = this.wide;
    this.wide = null;
    for (const f of w ?? []) f();
  }

  /** The id of `s`, adding it when new; -1 for null. */
  id(s: string | null): number {
    if (s === null) return -1;
    const h = hashText(s);
    const mask = this.slots.length - 1;
    let k = h & mask;
    for (;;) {
      const v = this.slots[k] as number;
      if (v === EMPTY) break;
      if (this.hashes[v - 1] === h && this.equals(v - 1, s)) return v - 1;
      k = (k + 1) & mask;
    }
    return this.insert(s, h, k);
  }

  /**
   * Add `s`, known to be absent (`find` said so): its slot is the first empty one — the one `find`
   * stopped at, when `s` is the text it just missed (a memo's find-then-add hashes and probes once).
   */
  add(s: string): number {
    if (s === this.missed) return this.insert(s, this.missedHash, this.missedSlot);
    const h = hashText(s);
    const mask = this.slots.length - 1;
    let k = h & mask;
    while (this.slots[k] !== EMPTY) k = (k + 1) & mask;
    return this.insert(s, h, k);
  }

  /** The text `find` last missed, its hash and the empty slot it stopped at (null: none since the last insert). */
  private missed: string | null = null;
  private missedHash = 0;
  private missedSlot = 0;

  private insert(s: string, h: number, slot: number): number {
    const id = this.count;
    this.append(s, h);
    if ((id + 1) * 4 > this.slots.length * 3) this.rehash();
    else this.slots[slot] = id + 1;
    return id;
  }

  /** The id of `s` if present, else -1 (never adds). */
  find(s: string): number {
    const h = hashText(s);
    const mask = this.slots.length - 1;
    for (let k = h & mask; ; k = (k + 1) & mask) {
      const v = this.slots[k] as number;
      if (v === EMPTY) {
        this.missed = s;
        this.missedHash = h;
        this.missedSlot = k;
        return -1;
      }
      if (this.hashes[v - 1] === h && this.equals(v - 1, s)) return v - 1;
    }
  }

  /**
   * The string of an id (built anew on each call); null for -1. Decoded by Buffer from the
   * characters' bytes — latin1 for one byte a character, UTF-16LE (code units as they are, a
   * lone surrogate too) for two: one flat string, where adding the characters one by one built
   * a rope (identity reads every text of a million-entry dictionary).
   */
  value(id: number): string | null {
    if (id < 0) return null;
    const a = this.start[id] as number;
    const b = this.start[id + 1] as number;
    const c = this.chars;
    const bytes = (this.bytes ??= Buffer.from(c.buffer, c.byteOffset, c.byteLength));
    return c instanceof Uint8Array ? bytes.toString('latin1', a, b) : bytes.toString('utf16le', 2 * a, 2 * b);
  }

  /** The code units of every text: text k is `units[startOf(k), startOf(k + 1))` (read, never written). */
  get units(): Uint8Array | Uint16Array {
    return this.chars;
  }

  /** Where text `id` starts in `units` (`startOf(id + 1)`: where it ends). */
  startOf(id: number): number {
    return this.start[id] as number;
  }

  /** `chars` seen as bytes, for `value` (dropped when `chars` is replaced). */
  private bytes: Buffer | null = null;

  /** Whether text `id` has a code unit in [lo, hi] (no string is built). */
  hasCodeIn(id: number, lo: number, hi: number): boolean {
    const c = this.chars;
    const end = this.start[id + 1] as number;
    for (let i = this.start[id] as number; i < end; i++) {
      const u = c[i] as number;
      if (u >= lo && u <= hi) return true;
    }
    return false;
  }

  /** Every text by id, as strings (allocates them all: for handing a table over, not for loops). */
  get values(): string[] {
    const out: string[] = new Array<string>(this.count);
    for (let k = 0; k < this.count; k++) out[k] = this.value(k)!;
    return out;
  }

  /** This dictionary's arrays (see `PackedDictParts`); it must not be used afterwards. */
  parts(): PackedDictParts {
    // allocated here, never shared: plain ArrayBuffers
    return { chars: this.chars as PackedDictParts['chars'], used: this.used, start: this.start, hashes: this.hashes, slots: this.slots, count: this.count };
  }

  /**
   * Add every text of another dictionary (one built on a reading thread: `parts`), in its id
   * order. Returns what each of its ids is here, or null when they are the same ids: when this
   * one's texts are the other's first ones, in order (the reading thread saw the file's rows
   * from the top, this thread only its first ones), it takes the other's arrays as they are.
   * Else its hashes are reused: no text is hashed or made a string.
   */
  absorb(p: PackedDictParts): Int32Array | null {
    if (this.isPrefixOf(p)) {
      this.chars = p.chars;
      this.used = p.used;
      this.start = p.start;
      this.hashes = p.hashes;
      this.slots = p.slots;
      this.count = p.count;
      this.bytes = null;
      this.missed = null;
      if (this.count > NARROW_IDS && this.wide !== null) this.widen();
      return null;
    }
    const map = new Int32Array(p.count);
    const pc = p.chars;
    for (let k = 0; k < p.count; k++) map[k] = this.idOfRange(pc, p.start[k] as number, p.start[k + 1] as number, p.hashes[k] as number);
    return map;
  }

  /**
   * `id` of the text whose code units are `codes[a, b)` (a reading thread builds a number's E.164
   * form there, from the digits of a cell).
   */
  idCodes(codes: Uint8Array | Uint16Array, a: number, b: number): number {
    return this.idOfRange(codes, a, b, hashCodes(codes, a, b));
  }

  /** `idCodes` with the text's hash `h` known. */
  private idOfRange(src: Uint8Array | Uint16Array, a: number, b: number, h: number): number {
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const v = this.slots[slot] as number;
      if (v === EMPTY) break;
      if (this.hashes[v - 1] === h && this.equalsRange(v - 1, src, a, b)) return v - 1;
      slot = (slot + 1) & mask;
    }
    const id = this.count;
    this.appendRange(src, a, b, h);
    if ((id + 1) * 4 > this.slots.length * 3) this.rehash();
    else this.slots[slot] = id + 1;
    return id;
  }

  private isPrefixOf(p: PackedDictParts): boolean {
    const n = this.count;
    if (n > p.count) return false;
    for (let k = 0; k < n; k++) if (this.hashes[k] !== p.hashes[k] || this.start[k + 1] !== p.start[k + 1]) return false;
    const c = this.chars;
    const pc = p.chars;
    for (let i = 0; i < this.used; i++) if (c[i] !== pc[i]) return false;
    return true;
  }

  /**
   * `id` of the text `text[a, b)`, without making it a string (a reading thread numbers cells in
   * the text it decoded); with `add` false, -1 when it is absent.
   */
  idRange(text: string, a: number, b: number, add = true): number {
    const h = hashText(text, a, b);
    const mask = this.slots.length - 1;
    let k = h & mask;
    for (;;) {
      const v = this.slots[k] as number;
      if (v === EMPTY) break;
      if (this.hashes[v - 1] === h && this.equalsText(v - 1, text, a, b)) return v - 1;
      k = (k + 1) & mask;
    }
    if (!add) return -1;
    const id = this.count;
    this.append(text, h, a, b);
    if ((id + 1) * 4 > this.slots.length * 3) this.rehash();
    else this.slots[k] = id + 1;
    return id;
  }

  /** Whether the text of `id` is `text[a, b)`. */
  textIs(id: number, text: string, a: number, b: number): boolean {
    return this.equalsText(id, text, a, b);
  }

  private equalsText(id: number, text: string, a2: number, b2: number): boolean {
    const a = this.start[id] as number;
    if ((this.start[id + 1] as number) - a !== b2 - a2) return false;
    const c = this.chars;
    for (let i = 0; i < b2 - a2; i++) if (c[a + i] !== text.charCodeAt(a2 + i)) return false;
    return true;
  }

  private equalsRange(id: number, c2: Uint8Array | Uint16Array, a2: number, b2: number): boolean {
    const a = this.start[id] as number;
    if ((this.start[id + 1] as number) - a !== b2 - a2) return false;
    const c = this.chars;
    for (let i = 0; i < b2 - a2; i++) if (c[a + i] !== c2[a2 + i]) return false;
    return true;
  }

  /** `append` of the code units `src[a, b)`. */
  private appendRange(src: Uint8Array | Uint16Array, a: number, b: number, h: number): void {
    const n = b - a;
    let wide = false;
    if (src instanceof Uint16Array) for (let i = a; i < b; i++) if ((src[i] as number) > 255) wide = true;
    this.room(n, wide);
    this.chars.set(src.subarray(a, b), this.used);
    this.close(n, h);
  }

  private equals(id: number, s: string): boolean {
    return this.equalsText(id, s, 0, s.length);
  }

  /** Store `s[a, b)` as the next text, of hash `h`. */
  private append(s: string, h: number, a = 0, b = s.length): void {
    const n = b - a;
    this.room(n, false);
    let c = this.chars;
    const at = this.used - a;
    // one pass: a code unit above 255 in one-byte storage widens it, and the text is written again
    let i = a;
    for (; i < b; i++) {
      const u = s.charCodeAt(i);
      if (u > 255 && c instanceof Uint8Array) break;
      c[at + i] = u;
    }
    if (i < b) {
      this.room(n, true);
      c = this.chars;
      for (i = a; i < b; i++) c[at + i] = s.charCodeAt(i);
    }
    this.close(n, h);
  }

  /** Room for one more text of `n` code units (`wide`: one of them above 255). */
  private room(n: number, wide: boolean): void {
    const id = this.count;
    if (id + 2 > this.start.length) {
      // `hashes` stays one shorter than `start` (as `reserve` makes them): doubling both let it
      // fall behind, and a hash written past its end was lost — the text was never found again
      const len = this.start.length * 2;
      this.start = grow(this.start, len);
      this.hashes = grow(this.hashes, len - 1);
    }
    if (wide && this.chars instanceof Uint8Array) {
      const c = new Uint16Array(this.chars.length);
      c.set(this.chars.subarray(0, this.used));
      this.chars = c;
      this.bytes = null;
    }
    if (this.used + n > this.chars.length) {
      let size = this.chars.length * 2;
      while (this.used + n > size) size *= 2;
      this.chars = grow(this.chars, size);
      this.bytes = null;
    }
  }

  /** The text of `n` code units just written at `used` is text `count`, of hash `h`. */
  private close(n: number, h: number): void {
    // any text added, the slot `find` stopped at may be taken
    this.missed = null;
    const id = this.count;
    if (id === NARROW_IDS && this.wide !== null) this.widen();
    this.used += n;
    this.start[id + 1] = this.used;
    this.hashes[id] = h;
    this.count = id + 1;
  }

  /**
   * Make room for `n` texts without rehashing (the slots of a big input are placed once). Pages
   * of the new arrays are not touched until used, so an estimate above the truth costs address
   * space only.
   */
  reserve(n: number): void {
    if (n + 1 > this.start.length) {
      this.start = grow(this.start, n + 1);
      this.hashes = grow(this.hashes, n);
    }
    let size = this.slots.length;
    while (n * 4 > size * 3) size *= 2;
    if (size > this.slots.length) this.rehash(size);
  }

  private rehash(size = this.slots.length * 2): void {
    const slots = new Int32Array(size);
    const mask = slots.length - 1;
    for (let id = 0; id < this.count; id++) {
      let k = (this.hashes[id] as number) & mask;
      while (slots[k] !== EMPTY) k = (k + 1) & mask;
      slots[k] = id + 1;
    }
    this.slots = slots;
    this.missed = null;
  }
}
