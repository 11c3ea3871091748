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
 * - `PackedMemo` (packed-memo.ts): short texts of digits and phone punctuation (phones, ИНН) are
 *   packed into two exact numbers and found in a typed-array hash table, without hashing a string.
 */
import { flatten, type TextDict } from '../table/dict.js';
import type { PackedDict } from '../table/packed-dict.js';

/** Beyond this many distinct texts a column is free text: the rest is worked out every time. */
const LIMIT = 200_000;

export interface Memo {
  of(text: string): number;
}

/**
 * The previous row's text and code: exports list an invoice's lines, a client's rows, a day's
 * calls one after another, so a cell often repeats the cell above — one `===` answers it.
 */
export class Last {
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
 * exports go together. A guess is verified against the stored text (no hashing), so a wrong
 * guess only costs the comparison; the memo is asked then, and the pair is learned.
 */
export class Predictor {
  private last = new Int32Array(256).fill(-1);

  constructor(private readonly dict: PackedDict) {}

  /** The id of `text` if it is what `key` was last seen with; else -1. */
  guess(key: number, text: string): number {
    if (key < 0 || key >= this.last.length) return -1;
    const g = this.last[key] as number;
    return g >= 0 && this.dict.textIs(g, text, 0, text.length) ? g : -1;
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
