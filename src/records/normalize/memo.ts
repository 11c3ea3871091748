/**
 * Per-column memos: cell text → an integer code (usually a dictionary id, sometimes with flag
 * bits). A column's values repeat — sixteen managers, fifty thousand clients over a million rows —
 * so each distinct text is worked out (rules, normalization, dictionary) once, and every other
 * row costs one lookup. The lookup is the per-row cost, and hashing a fresh string (every cell
 * is one) is most of it, so:
 * - a text equal to the previous row's is answered by one comparison (`Last`);
 * - a column with few distinct texts (managers, channels, statuses) is answered by a `Front`:
 *   candidates of the same length compared with `===`, which never hashes;
 * - `TextMemo`: a Map keyed by the text (any column);
 * - `DictMemo`: the column's dictionary *is* the memo when it stores the texts as they are
 *   (client names, statuses, invoice numbers) — one table instead of two;
 * - `PackedMemo`: short texts of digits and phone punctuation (phones, ИНН) are packed into two
 *   exact numbers and found in a typed-array hash table, without hashing a string at all.
 */
import { flatten, type StringDict, type TextDict } from '../table/dict.js';
import { hashNumber } from '../table/id-index.js';

/** Beyond this many distinct texts a column is free text: the rest is worked out every time. */
const LIMIT = 200_000;

export interface Memo {
  of(text: string): number;
}

/**
 * The previous row's text and code: exports list an invoice's lines, a client's rows, a day's
 * calls one after another, so a cell often repeats the cell above — one `===` answers it.
 */
class Last {
  text: string | null = null;
  code = 0;
  set(text: string, code: number): number {
    this.text = text;
    this.code = code;
    return code;
  }
}

/** Distinct texts a `Front` holds before it gives up: beyond that a Map is cheaper. */
const FRONT_SIZE = 32;

/**
 * The first few distinct texts of a column and their codes, bucketed by length: a lookup is one
 * or two `===` comparisons (length first, then characters) and no string hashing.
 */
export class Front {
  private readonly byLength: (number[] | undefined)[] = [];
  private readonly texts: string[] = [];
  private readonly codes: number[] = [];
  /** True once more distinct texts arrived than it holds: callers stop asking. */
  full = false;

  /** The code of `text`, or -2 when it is not held (codes are ≥ -1). */
  get(text: string): number {
    const bucket = this.byLength[text.length & 63];
    if (bucket !== undefined) {
      for (let k = 0; k < bucket.length; k++) {
        const at = bucket[k] as number;
        if (this.texts[at] === text) return this.codes[at] as number;
      }
    }
    return -2;
  }

  /** Remember a flat text's code (ignored once full). */
  add(flat: string, code: number): void {
    if (this.full) return;
    if (this.texts.length === FRONT_SIZE) {
      this.full = true;
      return;
    }
    const at = this.texts.length;
    this.texts.push(flat);
    this.codes.push(code);
    (this.byLength[flat.length & 63] ??= []).push(at);
  }
}

export class TextMemo implements Memo {
  private readonly memo = new Map<string, number>();
  private readonly front = new Front();
  private readonly last = new Last();
  /** Map lookups so far, and how many found their text. */
  private asked = 0;
  private found = 0;
  /** Set once the Map is full and answered fewer than half the lookups: it is dropped. */
  private off = false;

  /**
   * `compute` gets a flat copy of the text, so caches behind it never pin a file chunk — unless
   * `copies`: it keeps nothing of the text but copies (a `PackedDict` of what it derives), and
   * the copy is made only for the memo's own key.
   */
  constructor(
    private readonly compute: (text: string) => number,
    private readonly copies = false,
  ) {}

  of(text: string): number {
    if (text === this.last.text) return this.last.code;
    return this.last.set(text, this.lookup(text));
  }

  private lookup(text: string): number {
    if (!this.front.full) {
      const f = this.front.get(text);
      if (f !== -2) return f;
    }
    // a column of mostly distinct texts (e-mails, a log's numbers): hashing and keeping them
    // costs more than working each one out
    if (this.off) return this.compute(this.copies ? text : flatten(text));
    this.asked++;
    const hit = this.memo.get(text);
    if (hit !== undefined) {
      this.found++;
      return hit;
    }
    const flat = flatten(text);
    const v = this.compute(flat);
    if (this.memo.size < LIMIT) this.memo.set(flat, v);
    else if (this.found * 2 < this.asked) {
      this.off = true;
      this.memo.clear();
    }
    this.front.add(flat, v);
    return v;
  }
}

/**
 * Text → its id in `dict`, which holds the texts unchanged. `accept` rejects texts that mean
 * "no value" (→ -1). The dict may be shared by files with other null sentinels, so each id is
 * checked by this memo once before it is trusted (`onNew` runs then, e.g. to classify a status).
 */
export class DictMemo implements Memo {
  private checked = new Uint8Array(64);
  private readonly front = new Front();
  private readonly last = new Last();

  constructor(
    private readonly dict: TextDict,
    private readonly accept: (text: string) => boolean,
    private readonly onNew: ((id: number, text: string) => void) | null = null,
  ) {}

  of(text: string): number {
    if (text === this.last.text) return this.last.code;
    return this.last.set(text, this.lookup(text));
  }

  private lookup(text: string): number {
    if (!this.front.full) {
      const f = this.front.get(text);
      if (f !== -2) return f;
    }
    const id = this.dict.find(text);
    if (id >= 0 && id < this.checked.length && this.checked[id] === 1) return id;
    const code = this.first(text, id);
    if (!this.front.full) this.front.add(flatten(text), code);
    return code;
  }

  private first(text: string, found: number): number {
    if (!this.accept(text)) return -1;
    // `found` is -1 only when `find` just missed: added without a second lookup
    const id = found >= 0 ? found : this.dict.add(text);
    if (id >= this.checked.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.checked.length * 2));
      grown.set(this.checked);
      this.checked = grown;
    }
    this.checked[id] = 1;
    this.onNew?.(id, this.dict.value(id)!);
    return id;
  }
}

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
  /** Table lookups so far, and how many found their text. */
  private asked = 0;
  private found = 0;
  /** Set once the tables hold many texts and answered fewer than half the lookups: dropped. */
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
    // a column of mostly distinct numbers (a big log's callers): the tables cost a miss and a
    // slot per value for nothing, so they are dropped, as a TextMemo drops its Map
    if (this.off) return this.compute(this.copies ? text : flatten(text));
    const table = b === 0 ? this.short : this.long;
    this.asked++;
    const hit = table.get(a, b);
    if (hit !== -2) {
      this.found++;
      return hit;
    }
    const v = this.compute(this.copies ? text : flatten(text));
    if (table.size < PACKED_LIMIT) table.set(a, b, v);
    if (this.short.size + this.long.size >= PACKED_GIVE_UP && this.found * 2 < this.asked) {
      this.off = true;
      this.short = new PackedTable(false);
      this.long = new PackedTable(true);
    }
    return v;
  }
}

/** Not yet known, in {@link IdCodes} (codes are ≥ -1). */
const UNSET = -2;

/**
 * The codes of one column's cells by the ids a reading worker gave them (`TextIds` in
 * src/ingest/csv/positions.ts: the same id for the same cell text, in first-seen order). The
 * first cell with an id asks the memo; every later one reads an array — the text was looked up
 * on the worker's thread. A cell without an id (-1: an empty or `""` cell, or the worker gave up
 * on the column) asks the memo.
 */
export class IdCodes {
  private codes = new Int32Array(0);

  constructor(private readonly memo: Memo) {}

  of(text: string, id: number): number {
    if (id < 0) return this.memo.of(text);
    const codes = this.codes;
    if (id < codes.length) {
      const v = codes[id] as number;
      if (v !== UNSET) return v;
    } else this.grow(id);
    const v = this.memo.of(text);
    this.codes[id] = v;
    return v;
  }

  private grow(id: number): void {
    const grown = new Int32Array(Math.max(1024, id + 1, this.codes.length * 2)).fill(UNSET);
    grown.set(this.codes);
    this.codes = grown;
  }
}

/**
 * Guesses one column's dictionary id from another's: a client's name from its ИНН, which in real
 * exports go together. A guess is verified with `===` against the text (no hashing), so a wrong
 * guess only costs the comparison; the memo is asked then, and the pair is learned.
 */
export class Predictor {
  private last = new Int32Array(256).fill(-1);

  constructor(private readonly dict: StringDict) {}

  /** The id of `text` if it is what `key` was last seen with; else -1. */
  guess(key: number, text: string): number {
    if (key < 0 || key >= this.last.length) return -1;
    const g = this.last[key] as number;
    return g >= 0 && this.dict.values[g] === text ? g : -1;
  }

  learn(key: number, id: number): void {
    if (key < 0 || id < 0) return;
    if (key >= this.last.length) {
      const grown = new Int32Array(Math.max(key + 1, this.last.length * 2)).fill(-1);
      grown.set(this.last);
      this.last = grown;
    }
    this.last[key] = id;
  }
}
