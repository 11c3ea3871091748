/**
 * What the format readers (CSV, XLSX) hand to normalization: rows of cells with their physical
 * position. Readers know nothing about kinds, headers or fields; they only decode the file.
 */

/** A typed XLSX cell. CSV cells are plain strings. */
export type TypedCell =
  /** A number cell. `text` is the exact `<v>` text (19-digit ids survive), zero-padded when the
   *  cell's number format is all zeros (`0000000000` keeps an ИНН's leading zero). */
  | { t: 'n'; v: number; text: string }
  /** A number cell whose number format is a date/time format: `v` is the wall-clock time as
   *  milliseconds since 1970-01-01T00:00 *as if UTC* (no time-zone shift), 1900/1904 handled. */
  | { t: 'd'; v: number; text: string }
  | { t: 'b'; v: boolean; text: string }
  /** A formula error value such as `#REF!`: content, not blank. */
  | { t: 'e'; text: string };

/** One cell: text (CSV, XLSX strings), a typed XLSX cell, or null for an empty cell. */
export type Cell = string | TypedCell | null;

/** One record of the file as the reader saw it. */
export interface RawRow {
  /** 1-based physical line where the record starts (CSV) or the sheet row number (XLSX). */
  line: number;
  cells: Cell[];
  /** The record's original text, decoded (CSV only; XLSX rows are re-serialized on demand). */
  raw?: string;
  /** The duplicate-check hash of `raw` (src/ingest/row-hash.ts), when a reading worker made it. */
  h1?: number;
  h2?: number;
  /**
   * A reading worker's duplicate mark: 1 when an earlier record of the file — any record, the
   * lines before the header too — had the same hash, 0 when none had, -1 when it did not check
   * (see `PositionTokenizer.stopRepeats`). The worker reads the whole file in order, so the main
   * thread need not keep a hash of every row to find repeats (`FileLoader.checkDuplicate`).
   */
  repeat?: number;
  /**
   * Ids a reading worker gave the cells of the columns it was asked to number (see
   * `PositionTokenizer.numberColumns`): `ids[idAt + j]` for the j-th such column, -1 for none.
   * Null or absent when the row's cells were not numbered.
   */
  ids?: Int32Array | null;
  idAt?: number;
  /**
   * Set when a reading worker's row came without the cells of the columns nothing reads (null in
   * `cells`; see `PipedRows.wantColumns`): the text their positions point into, `spans[spansAt +
   * 2j]` … `+ 1` for cell j (a start stored negative, `~start`, has `""` to undo). `completeCells`
   * fills them in, for what looks at every cell (a blank row, a repeated header, a total row).
   */
  partialText?: string;
  spans?: Int32Array;
  spansAt?: number;
  /**
   * XLSX: the cells past a gap of more than {@link FAR_GAP} empty columns — a value typed far to
   * the right, in column XFD say — kept apart, so that such a row is not an array of 16,384 cells
   * (a far value on every row made each row cost ~0.3 ms and 64 KB). `cols[k]` (0-based,
   * ascending, past `cells`) is the column of `cells[k]`. `spreadFar` puts them into `cells`,
   * where a mapped column or a check of every cell needs them.
   */
  far?: FarCells;
}

/** The far cells of an XLSX row (`RawRow.far`). */
export interface FarCells {
  cols: number[];
  cells: Cell[];
}

/** Empty columns after which an XLSX row's further cells are kept apart (`RawRow.far`). */
export const FAR_GAP = 256;

/** Put a row's far cells into `cells` (see `RawRow.far`). */
export function spreadFar(row: RawRow): void {
  const far = row.far;
  if (far === undefined) return;
  const cells = row.cells;
  for (let k = 0; k < far.cols.length; k++) {
    const j = far.cols[k] as number;
    if (cells.length <= j) {
      const from = cells.length;
      cells.length = j + 1;
      cells.fill(null, from, j);
    }
    cells[j] = far.cells[k] as Cell;
  }
  row.far = undefined;
}

/** Call `fn` with every cell of the row that holds something, near or far, and its 0-based column. */
export function forEachFilled(row: RawRow, fn: (text: string, column: number) => void): void {
  const cells = row.cells;
  for (let j = 0; j < cells.length; j++) {
    const t = cellText(cells[j] ?? null);
    if (t !== '') fn(t, j);
  }
  const far = row.far;
  if (far === undefined) return;
  for (let k = 0; k < far.cols.length; k++) {
    const t = cellText(far.cells[k] ?? null);
    if (t !== '') fn(t, far.cols[k] as number);
  }
}

/** Fill in the cells a reading worker's row came without (see `RawRow.partialText`). */
export function completeCells(row: RawRow): void {
  const text = row.partialText;
  if (text === undefined) return;
  const s = row.spans!;
  const at = row.spansAt!;
  const cells = row.cells;
  for (let j = 0; j < cells.length; j++) {
    if (cells[j] !== null) continue;
    const a = s[at + 2 * j] as number;
    const b = s[at + 2 * j + 1] as number;
    cells[j] = a >= 0 ? text.slice(a, b) : text.slice(~a, b).replaceAll('""', '"');
  }
  row.partialText = undefined;
  row.spans = undefined;
}

/**
 * A row iterator that can also hand out every row it has ready at once: the row loop then awaits
 * once per chunk instead of once per row (a promise and a microtask per row cost ~0.3 µs each).
 */
export interface RowBatches {
  /** The rows ready now (at least one), or null at the end; never mixes with pending `next()` calls. */
  nextBatch(): Promise<readonly RawRow[] | null>;
}

/** True when the iterator offers {@link RowBatches}. */
export function hasBatches(it: object): it is RowBatches {
  return typeof (it as Partial<RowBatches>).nextBatch === 'function';
}

export type FileFormat = 'csv' | 'xlsx' | 'html';

/** What a reader detected about the file; shown by `inspect`. */
export interface ReaderInfo {
  format: FileFormat;
  /** CSV, HTML: the encoding used (`utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `windows-1251`, …). */
  encoding: string | null;
  /** True when the encoding was guessed without strong evidence (info `encoding_guessed`). */
  encodingGuessed: boolean;
  /**
   * CSV: set while every byte read so far is ASCII and the encoding was not declared: `encoding`
   * says UTF-8 but may still become windows-1251/1252 at the first non-ASCII bytes.
   */
  asciiSoFar?: boolean;
  /** CSV: the delimiter used. */
  delimiter: string | null;
  /** XLSX: the sheet read, and every sheet's name. */
  sheet: string | null;
  sheets: string[];
  /**
   * XLSX: the other visible worksheets that hold at least one value, in tab order (absent when
   * there are none). A workbook with a sheet per month must not report one month silently: the
   * loader names the sheets no input read (note `sheets_not_read`).
   */
  otherSheetsWithData?: string[];
  /** XLSX: other visible worksheets not looked at for data (a workbook of hundreds of sheets). */
  otherSheetsUnprobed?: number;
}

/** Text of a cell as a person would see it in the file; '' for empty. */
export function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c;
  return c.text;
}
