/**
 * The tokenizer in position mode, for reading on a worker thread (see piped-rows.ts): instead of
 * cutting each cell out as a string, it writes where records and cells are into an Int32Array,
 * handed out with the text they point into — one {@link Piece} per chunk of text. Sending that
 * to the main thread costs a copy of the text and no per-cell work; the main thread makes the
 * same strings the string tokenizer would (`unpackPiece`) and has done no scanning.
 */
import type { RawRow } from '../types.js';
import { TokenizerCore } from './tokenizer.js';
import { HashSet, hashRange, lastHash } from '../row-hash.js';
import { PackedDict, type PackedDictParts } from '../../records/table/packed-dict.js';
import { CellCodes, type CodeJob } from './cell-codes.js';

/** Numbers before a record's cells in `Piece.ints`. */
const HEAD = 7;

/**
 * Records found in `text`. `ints` holds, per record: its physical line, the start and end of its
 * raw text in `text`, the two halves of the raw text's duplicate-check hash (`hashRange`), whether
 * an earlier record of the file had the same hash (`RawRow.repeat`), its number of cells, then
 * each cell's start and end. A cell whose `""` must become `"` has its
 * start stored as `~start` (negative). Then `keys` numbers: the ids of the record's cells in the
 * numbered columns (see `PositionTokenizer.numberColumns`), -1 where a cell has none, and after
 * them, when columns are coded, their cells' codes (phones, invoice numbers: see `CellCodes`).
 */
export interface Piece {
  text: string;
  ints: Int32Array;
  keys: number;
}

/** Distinct texts past which numbering that mostly misses gives up (as the memos do). */
const IDS_GIVE_UP = 200_000;
/**
 * Distinct texts numbered at most (later new texts get -1, known ones keep their ids): the worker
 * keeps a copy of each while it reads, beside the main thread's dictionary — half a million
 * Cyrillic company names cost it ~20 MB, packed.
 */
const IDS_LIMIT = 500_000;

/**
 * Dense ids 0, 1, 2, … for the distinct texts of one column, in first-seen order. A column of
 * mostly distinct texts gives up (every later cell gets -1) rather than hold them all.
 */
class TextIds {
  /** The texts, packed: a lookup hashes the cell where it is, without cutting it out. */
  private dict = new PackedDict();
  private asked = 0;
  private found = 0;
  private off = false;

  /**
   * The id of the cell `text[start, end)`; -1 for an empty cell, or once numbering gave up. An
   * `escaped` cell (its `""` to become `"`) is keyed apart, marked, so that it never shares an id
   * with an unquoted cell written the same way, which keeps its `""`.
   */
  id(text: string, start: number, end: number, escaped: boolean): number {
    if (this.off || end === start) return -1;
    this.asked++;
    const d = this.dict;
    const size = d.size;
    const add = size < IDS_LIMIT;
    const id = escaped ? (add ? d.id('\u0001' + text.slice(start, end)) : d.find('\u0001' + text.slice(start, end))) : d.idRange(text, start, end, add);
    if (id < size) {
      if (id >= 0) this.found++;
      return id;
    }
    if (id + 1 >= IDS_GIVE_UP && this.found * 2 < this.asked) {
      this.off = true;
      this.dict = new PackedDict();
    }
    return id;
  }
}

/** Cells of the record in progress: start/end pairs, grown as needed. */
class PairList {
  a = new Int32Array(64);
  n = 0;

  push(x: number, y: number): void {
    if (this.n + 2 > this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x;
    this.a[this.n++] = y;
  }
}

export class PositionTokenizer extends TokenizerCore<Piece> {
  private cur = new PairList();
  private recs: Int32Array = new Int32Array(16_384);
  private n = 0;
  /** The numbered columns (see `numberColumns`) and their ids, for the piece being written. */
  private numbered: Int32Array = new Int32Array(0);
  private ids: TextIds[] = [];
  /** Each column's numbering by column index, kept for the whole file. */
  private readonly idsOf = new Map<number, TextIds>();
  /** The coder of the coded columns (see `numberColumns`), or null. */
  private coder: CellCodes | null = null;
  /** Numbers after each record's cells: `numbered.length`, plus one per column of `coder`. */
  private keys = 0;
  /** Columns to number from the next piece on (undefined: no change). */
  private nextNumbered: Int32Array | undefined;
  private nextCoder: CodeJob | null = null;
  /**
   * The hashes of every record so far, to mark each record that repeats an earlier one
   * (`RawRow.repeat`); null once the reader said the marks are not wanted (`stopRepeats`).
   */
  private repeats: HashSet | null = new HashSet();

  /**
   * Stop marking repeated records (their mark is then -1) and drop the set of hashes: the main
   * thread checks no duplicates in this file (its records have ids, merged instead) — or, with
   * `keepHashes`, checks them itself, from the hash each record still carries (the worker codes
   * cells of the file and would be the slower thread with the set's probes besides).
   */
  stopRepeats(keepHashes = false): void {
    this.repeats = null;
    this.hashes = keepHashes;
    // the records waiting for their marks keep none (-1)
    this.marks = 0;
  }

  /**
   * Where the repeat marks of the piece's records go (`recs` offsets), probed in the set together
   * when the piece is handed out (`markRepeats`): the set is far larger than the cache, and probes
   * made one after another overlap their misses where probes between records' other work cannot
   * (the batching of the main thread's `DuplicateRows`).
   */
  private markAt = new Int32Array(1024);
  private marks = 0;

  private markRepeats(): void {
    const seen = this.repeats;
    const r = this.recs;
    const at = this.markAt;
    if (seen !== null) {
      for (let i = 0; i < this.marks; i++) {
        const k = at[i] as number;
        r[k] = seen.add((r[k - 2] as number) >>> 0, (r[k - 1] as number) >>> 0) ? 0 : 1;
      }
    }
    this.marks = 0;
  }

  /** With no set of hashes (`stopRepeats`): whether records still get their hash. */
  private hashes = true;

  /** Room for the hashes of `n` records in all, so the set is not regrown (see `HashSet.reserve`). */
  expectRecords(n: number): void {
    this.repeats?.reserve(n);
  }

  /**
   * Number the cells of these columns (company names), each column's distinct texts 0, 1, 2, …
   * in first-seen order, and write the ids after each record's cells: the main thread then finds
   * a cell's code by index (`IdCodes` in src/records/normalize/memo.ts) instead of looking its
   * text up in a Map far larger than the cache. Takes effect with the next piece; a column index
   * of -1 gets -1 ids. With `codes`, each record's cells in its columns also get their codes after
   * the ids (see `CellCodes`); the dictionary behind the codes is `codeParts()` once all is read.
   */
  numberColumns(columns: readonly number[], codes: CodeJob | null = null): void {
    this.nextNumbered = Int32Array.from(columns);
    this.nextCoder = codes;
    if (this.n === 0) this.applyNumbered();
  }

  /** The dictionary of the cell codes handed out (null when none were asked for). */
  codeParts(): PackedDictParts | null {
    return this.coder?.parts() ?? null;
  }

  private applyNumbered(): void {
    const next = this.nextNumbered;
    if (next === undefined) return;
    this.nextNumbered = undefined;
    this.numbered = next;
    // a column numbered before goes on with its ids (the main thread keeps the codes it found
    // for them): `numberColumns` may come again, a column switched off and on (see `PipeBalance`)
    this.ids = Array.from(next, (c) => {
      let t = this.idsOf.get(c);
      if (t === undefined) this.idsOf.set(c, (t = new TextIds()));
      return t;
    });
    // the codes count in one dictionary for the whole file: asked for once
    if (this.nextCoder !== null && this.coder === null) this.coder = new CellCodes(this.nextCoder);
    this.nextCoder = null;
    this.keys = next.length + (this.coder !== null ? this.coder.columns.length : 0);
  }

  /** The ids of the record's numbered cells, whose start/end pairs are `recs[from, from + 2·cells)`. */
  private writeIds(from: number, cells: number): void {
    if (this.keys === 0) return;
    const cols = this.numbered;
    const k = cols.length;
    this.room(this.keys);
    const r = this.recs;
    for (let j = 0; j < k; j++) {
      const c = cols[j] as number;
      let id = -1;
      if (c >= 0 && c < cells) {
        const s = r[from + 2 * c] as number;
        // a cell with `""` has its start stored negative
        id = (this.ids[j] as TextIds).id(this.buf, s < 0 ? ~s : s, r[from + 2 * c + 1] as number, s < 0);
      }
      r[this.n++] = id;
    }
    const ph = this.coder;
    if (ph === null) return;
    // the record's line is the first number of its head
    const coded = (r[from - HEAD] as number) > ph.fromLine;
    for (const c of ph.columns) {
      let code = -1;
      if (coded) {
        const s = c < cells ? (r[from + 2 * c] as number) : 0;
        code = c >= cells ? 0 : ph.code(this.buf, s < 0 ? ~s : s, r[from + 2 * c + 1] as number, s < 0);
      }
      r[this.n++] = code;
    }
  }

  private room(k: number): void {
    if (this.n + k <= this.recs.length) return;
    const b = new Int32Array(Math.max(this.recs.length * 2, this.n + k));
    b.set(this.recs.subarray(0, this.n));
    this.recs = b;
  }

  protected plainRecord(_out: (p: Piece) => void, start: number, end: number): void {
    this.room(HEAD);
    const head = this.n;
    this.head(start, end);
    this.n += HEAD;
    const buf = this.buf;
    const d = this.delim;
    let cells = 0;
    let from = start;
    for (;;) {
      const at = buf.indexOf(d, from);
      this.room(2);
      this.recs[this.n++] = from;
      cells++;
      if (at < 0 || at >= end) {
        this.recs[this.n++] = end;
        break;
      }
      this.recs[this.n++] = at;
      from = at + 1;
    }
    this.recs[head + HEAD - 1] = cells;
    this.writeIds(head + HEAD, cells);
  }

  /** A record's head but its cell count: line, raw start and end, hash of the raw text, repeat mark. */
  private head(start: number, end: number): void {
    const r = this.recs;
    const k = this.n;
    r[k] = this.line;
    r[k + 1] = start;
    r[k + 2] = end;
    const seen = this.repeats;
    if (seen === null && !this.hashes) {
      // no marks wanted (the records have ids): no hash either — ~0.2 s of a 1M-row list's
      // reading thread; the main thread hashes the few rows it checks (`RawRow.h2` absent)
      r[k + 3] = 0;
      r[k + 4] = 0;
      r[k + 5] = -1;
      return;
    }
    hashRange(this.buf, start, end);
    const h = lastHash();
    r[k + 3] = h.h1 | 0;
    r[k + 4] = h.h2 | 0;
    r[k + 5] = -1;
    if (seen === null) return;
    if (this.marks === this.markAt.length) {
      const a = new Int32Array(this.marks * 2);
      a.set(this.markAt);
      this.markAt = a;
    }
    this.markAt[this.marks++] = k + 5;
  }

  protected addCell(start: number, end: number, escaped: boolean): void {
    this.cur.push(escaped ? ~start : start, end);
  }

  protected record(_out: (p: Piece) => void, termPos: number): void {
    const c = this.cur;
    this.room(HEAD + c.n);
    this.head(this.recStart, termPos);
    const r = this.recs;
    let k = this.n + HEAD;
    r[k - 1] = c.n >> 1;
    r.set(c.a.subarray(0, c.n), k);
    this.n = k + c.n;
    this.writeIds(k, c.n >> 1);
    c.n = 0;
  }

  /**
   * Arrays to write the next pieces' positions into. A piece's `ints` is a view of the array it
   * was written in, handed over with it (a worker transfers it); whoever is done with one may put
   * it back here, so that reading a file does not allocate a new array per chunk.
   */
  readonly spare: Int32Array[] = [];

  protected flush(out: (p: Piece) => void): void {
    if (this.n === 0) return this.applyNumbered();
    this.markRepeats();
    out({ text: this.buf, ints: this.recs.subarray(0, this.n), keys: this.keys });
    this.recs = this.spare.pop() ?? new Int32Array(this.recs.length);
    this.n = 0;
    this.applyNumbered();
  }

  /** The record in progress keeps its cells across the drop of consumed text: shift them. */
  protected override rebase(): void {
    const k = this.recStart;
    super.rebase();
    if (k === 0) return;
    const a = this.cur.a;
    for (let i = 0; i < this.cur.n; i += 2) {
      const s = a[i]!;
      a[i] = s < 0 ? ~(~s - k) : s - k;
      a[i + 1] = a[i + 1]! - k;
    }
  }
}

/**
 * The rows of a piece, as the string tokenizer makes them (same cells, raw text and lines, and
 * the raw text's hash, its repeat mark and the numbered cells' ids besides), appended to `out`; the first `skip`
 * records are dropped (an Excel `sep=` line), and so are records starting on `afterLine` or
 * before. Returns how many of the `skip` are still to drop.
 */
export function unpackPiece(p: Piece, out: RawRow[], skip: number, afterLine = 0, want: Uint8Array | null = null): number {
  const { text, ints, keys } = p;
  // the ids (and, for rows left without some cells, the positions) stay readable after `ints`
  // goes back to the worker (rows may wait, undecided)
  const copy = keys > 0 || want !== null ? ints.slice() : null;
  const ids = keys > 0 ? copy : null;
  const w = want === null ? 0 : want.length;
  const n = ints.length;
  let k = 0;
  while (k < n) {
    const line = ints[k]!;
    const start = ints[k + 1]!;
    const end = ints[k + 2]!;
    const h1 = ints[k + 3]! >>> 0;
    const h2 = ints[k + 4]! >>> 0;
    const repeat = ints[k + 5]!;
    const count = ints[k + 6]!;
    k += HEAD;
    if (skip > 0 || line <= afterLine) {
      if (skip > 0) skip--;
      k += 2 * count + keys;
      continue;
    }
    const at = k;
    const cells: (string | null)[] = [];
    // with `want`, only the cells of the columns it marks (1) are cut out: the others are null,
    // and the row keeps where they are (`RawRow.partialText`, `completeCells`) — a wide export
    // (a CRM's forty columns, eight read) then costs a string per cell read, not per cell
    let left = false;
    for (let j = 0; j < count; j++, k += 2) {
      if (want !== null && (j >= w || want[j] !== 1)) {
        cells.push(null);
        left = true;
        continue;
      }
      const a = ints[k]!;
      cells.push(a >= 0 ? text.slice(a, ints[k + 1]!) : text.slice(~a, ints[k + 1]!).replaceAll('""', '"'));
    }
    // a hash's second half is odd (`lastHash`): 0 is none
    out.push({ line, cells, raw: text.slice(start, end), h1, h2: h2 === 0 ? undefined : h2, repeat, ids, idAt: k, partialText: left ? text : undefined, spans: left ? copy! : undefined, spansAt: left ? at : undefined });
    k += keys;
  }
  return skip;
}
