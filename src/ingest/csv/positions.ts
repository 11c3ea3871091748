/**
 * The tokenizer in position mode, for reading on a worker thread (see piped-rows.ts): instead of
 * cutting each cell out as a string, it writes where records and cells are into an Int32Array,
 * handed out with the text they point into — one {@link Piece} per chunk of text. Sending that
 * to the main thread costs a copy of the text and no per-cell work; the main thread makes the
 * same strings the string tokenizer would (`unpackPiece`) and has done no scanning.
 */
import type { RawRow } from '../types.js';
import { TokenizerCore } from './tokenizer.js';
import { hashRange, lastHash } from '../../app/row-hash.js';

/** Numbers before a record's cells in `Piece.ints`. */
const HEAD = 6;

/**
 * Records found in `text`. `ints` holds, per record: its physical line, the start and end of its
 * raw text in `text`, the two halves of the raw text's duplicate-check hash (`hashRange`), its
 * number of cells, then each cell's start and end. A cell whose `""` must become `"` has its
 * start stored as `~start` (negative).
 */
export interface Piece {
  text: string;
  ints: Int32Array;
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
  }

  /** A record's head but its cell count: line, raw start and end, hash of the raw text. */
  private head(start: number, end: number): void {
    const r = this.recs;
    const k = this.n;
    r[k] = this.line;
    r[k + 1] = start;
    r[k + 2] = end;
    hashRange(this.buf, start, end);
    const h = lastHash();
    r[k + 3] = h.h1 | 0;
    r[k + 4] = h.h2 | 0;
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
    c.n = 0;
  }

  /**
   * Arrays to write the next pieces' positions into. A piece's `ints` is a view of the array it
   * was written in, handed over with it (a worker transfers it); whoever is done with one may put
   * it back here, so that reading a file does not allocate a new array per chunk.
   */
  readonly spare: Int32Array[] = [];

  protected flush(out: (p: Piece) => void): void {
    if (this.n === 0) return;
    out({ text: this.buf, ints: this.recs.subarray(0, this.n) });
    this.recs = this.spare.pop() ?? new Int32Array(this.recs.length);
    this.n = 0;
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
 * the raw text's hash besides), appended to `out`; the first `skip` records are dropped (an
 * Excel `sep=` line), and so are records starting on `afterLine` or before. Returns how many of
 * the `skip` are still to drop.
 */
export function unpackPiece(p: Piece, out: RawRow[], skip: number, afterLine = 0): number {
  const { text, ints } = p;
  const n = ints.length;
  let k = 0;
  while (k < n) {
    const line = ints[k]!;
    const start = ints[k + 1]!;
    const end = ints[k + 2]!;
    const h1 = ints[k + 3]! >>> 0;
    const h2 = ints[k + 4]! >>> 0;
    const count = ints[k + 5]!;
    k += HEAD;
    if (skip > 0 || line <= afterLine) {
      if (skip > 0) skip--;
      k += 2 * count;
      continue;
    }
    const cells: string[] = [];
    for (let j = 0; j < count; j++, k += 2) {
      const a = ints[k]!;
      cells.push(a >= 0 ? text.slice(a, ints[k + 1]!) : text.slice(~a, ints[k + 1]!).replaceAll('""', '"'));
    }
    out.push({ line, cells, raw: text.slice(start, end), h1, h2 });
  }
  return skip;
}
