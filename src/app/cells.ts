/**
 * Typed access to one mapped column: text, dates, numbers, durations. CSV cells are text and go
 * through the per-column detectors of src/values; XLSX cells typed as numbers or dates are used as
 * they are (SPEC §2: declared formats apply to text cells only).
 */
import type { Cell } from '../ingest/types.js';
import { createDateColumn, type DateColumn } from '../values/dates.js';
import { createNumberColumn, type NumberColumn } from '../values/numbers.js';
import { parseDuration } from '../values/duration.js';
import { wallInRange } from '../values/calendar.js';

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

/** Excel serial (1900 system) → wall ms, for number cells that sit in a date column. */
export function serialToWall(serial: number): number {
  // Lotus bug: serials below 61 are one day early in the 1900 system.
  const s = serial < 61 ? serial + 1 : serial;
  return Math.round((EXCEL_EPOCH + s * DAY) / 1000) * 1000;
}

/**
 * What `read` returns besides a value: {@link EMPTY} for an empty or null cell, NaN for text that
 * is not a valid value. Numbers, not result objects, so that reading a cell allocates nothing.
 */
export const EMPTY = Number.NEGATIVE_INFINITY;

/**
 * What a column's detector learned (dates: whether any value's reading depended on the others;
 * numbers: the decimal mark) — compared between the parts of a file read in parallel.
 */
export type ColumnState =
  | { field: string; date: true; sensitive: boolean }
  | { field: string; date: false; format: string | null; undecided: boolean; conflicting: boolean; currencies: string[] };

function isTenDigits(t: string): boolean {
  if (t.length !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The last text cell a column observed and what it came to — its trimmed text, or null when it
 * is empty or null-like — so the row's read right after its observe skips a second `isNull` and
 * `trim` (both are pure: a different cell with the same text comes to the same).
 */
class LastText {
  /** The last cell asked about (`DateCell.observe` skips a cell equal to it). */
  cell: string | null = null;
  private text: string | null = null;

  /** The trimmed text of `c`, or null when null-like (remembered for the next call). */
  of(c: string, isNull: (s: string) => boolean): string | null {
    if (c === this.cell) return this.text;
    this.cell = c;
    return (this.text = isNull(c) ? null : c.trim());
  }
}

/** A date column: observes text values for format detection, parses once decided. */
export class DateCell {
  readonly col: DateColumn;
  constructor(tz: string, declared: readonly string[] | null) {
    this.col = createDateColumn({ tz, declared });
    this.declared = declared !== null && declared.length > 0;
  }
  /**
   * True once a value was seen whose reading depends on the column's other values (a slashed
   * date — day- or month-first — or ten digits that may be Unix seconds). Without such values,
   * every value reads the same whatever came before it, which lets a file be read in parts.
   */
  sensitive = false;
  private readonly declared: boolean;
  private readonly last = new LastText();
  observe(c: Cell, isNull: (s: string) => boolean): void {
    if (typeof c !== 'string') return;
    // the text of the cell asked about last (a register's lines of one day): it was observed
    // then, and observing a text again changes nothing — what a date column learns is a set of
    // facts (the forms seen, day-first or month-first evidence), not counts
    if (c === this.last.cell) return;
    const t = this.last.of(c, isNull);
    if (t === null) return;
    this.col.observe(t);
    if (!this.sensitive && !this.declared && (t.indexOf('/') >= 0 || isTenDigits(t))) this.sensitive = true;
  }
  get undecided(): boolean {
    return this.col.undecided;
  }
  state(field: string): ColumnState {
    return { field, date: true, sensitive: this.sensitive };
  }
  /** Wall ms of the cell; {@link EMPTY} when empty, NaN when not a date. */
  read(c: Cell, isNull: (s: string) => boolean): number {
    if (c === null) return EMPTY;
    if (typeof c === 'string') {
      const t = this.last.of(c, isNull);
      return t === null ? EMPTY : this.col.wall(t);
    }
    // typed cells obey the same 1900–2200 range as text dates: a 31.12.9999 placeholder is no date
    if (c.t === 'd') return wallInRange(c.v) ? c.v : NaN;
    if (c.t === 'n') {
      const t = c.text;
      if (/^\d{8}$/.test(t)) {
        const p = this.col.parse(t);
        if (p) return p.wall;
      }
      if (c.v >= 1 && c.v < 2958466) {
        const w = serialToWall(c.v);
        return wallInRange(w) ? w : NaN;
      }
      return NaN;
    }
    return NaN;
  }
}

/** Currency marks that settle an ambiguous decimal mark: `$1,200` is US style, `1.200 ₽` Russian. */
const DOT_CURRENCY = /\$|£|\bUSD\b|\bGBP\b/i;
const COMMA_CURRENCY = /₽|\bруб|\bр\.|\bRUB\b/i;

/**
 * A number column (amounts, quantities, prices). When every value read so far is ambiguous
 * (`1,200`), a currency mark decides: `$`/`£` write a dot decimal, `₽`/`руб.` a comma
 * (SPEC-DECISIONS #23 asks for evidence; the currency is evidence — documented in docs/decisions.md).
 */
export class NumberCell {
  col: NumberColumn;
  private declared: boolean;
  /** Currencies seen by columns this one replaced (a currency mark may settle the decimal mark). */
  private earlier: readonly string[] = [];
  private dot = false;
  private comma = false;
  private readonly last = new LastText();
  constructor(declared: ',' | '.' | null) {
    this.col = createNumberColumn({ declared });
    this.declared = declared !== null;
  }
  observe(c: Cell, isNull: (s: string) => boolean): void {
    if (typeof c !== 'string') return;
    const t = this.last.of(c, isNull);
    if (t === null) return;
    this.col.observe(t);
    if (this.declared || !this.col.undecided) return;
    if (!this.dot && DOT_CURRENCY.test(t)) this.dot = true;
    if (!this.comma && COMMA_CURRENCY.test(t)) this.comma = true;
    if (this.dot !== this.comma) {
      this.earlier = this.currencies();
      this.col = createNumberColumn({ declared: this.dot ? '.' : ',' });
      this.declared = true;
    }
  }
  get undecided(): boolean {
    return this.col.undecided;
  }
  state(field: string): ColumnState {
    return { field, date: false, format: this.col.format(), undecided: this.col.undecided, conflicting: this.col.conflicting, currencies: this.currencies() };
  }
  /** The currencies whose marks the column's values carry (`RUB`, `USD`, …; `₽` and `руб.` are one). */
  currencies(): string[] {
    const all = new Set([...this.earlier, ...this.col.currencies]);
    return [...all].sort();
  }
  /** The cell's number; {@link EMPTY} when empty, NaN when not a number. */
  read(c: Cell, isNull: (s: string) => boolean): number {
    if (c === null) return EMPTY;
    if (typeof c === 'string') {
      const t = this.last.of(c, isNull);
      if (t === null) return EMPTY;
      const v = this.col.value(t);
      return Number.isFinite(v) ? v : NaN;
    }
    if (c.t === 'n') return Number.isFinite(c.v) ? c.v : NaN;
    return NaN;
  }
}

/**
 * Durations in seconds: `75`, `1:15`, `00:01:15`, XLSX numbers (seconds) or time cells;
 * {@link EMPTY} when empty, NaN when not a duration.
 */
export function readDuration(c: Cell, isNull: (s: string) => boolean): number {
  if (c === null) return EMPTY;
  if (typeof c === 'string') {
    if (isNull(c)) return EMPTY;
    const v = parseDuration(c.trim());
    return v === null ? NaN : v;
  }
  if (c.t === 'n') return c.v >= 0 ? c.v : NaN;
  if (c.t === 'd') {
    const s = (c.v - EXCEL_EPOCH) / 1000;
    if (s >= 0 && s < 10 * 86400) return Math.round(s);
  }
  return NaN;
}

/** Text of a cell for text fields (ids keep their exact digits). */
export function readText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c.trim();
  return c.text.trim();
}
