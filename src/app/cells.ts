/**
 * Typed access to one mapped column: text, dates, numbers, durations. CSV cells are text and go
 * through the per-column detectors of src/values; XLSX cells typed as numbers or dates are used as
 * they are (SPEC §2: declared formats apply to text cells only).
 */
import type { Cell } from '../ingest/types.js';
import { createDateColumn, type DateColumn } from '../values/dates.js';
import { createNumberColumn, type NumberColumn } from '../values/numbers.js';
import { parseDuration } from '../values/duration.js';

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

/** Excel serial (1900 system) → wall ms, for number cells that sit in a date column. */
export function serialToWall(serial: number): number {
  // Lotus bug: serials below 61 are one day early in the 1900 system.
  const s = serial < 61 ? serial + 1 : serial;
  return Math.round((EXCEL_EPOCH + s * DAY) / 1000) * 1000;
}

export type DateValue = { ok: true; wall: number } | { ok: false; empty: boolean };

/** A date column: observes text values for format detection, parses once decided. */
export class DateCell {
  readonly col: DateColumn;
  constructor(tz: string, declared: readonly string[] | null) {
    this.col = createDateColumn({ tz, declared });
  }
  observe(c: Cell, isNull: (s: string) => boolean): void {
    if (typeof c === 'string' && !isNull(c)) this.col.observe(c.trim());
  }
  get undecided(): boolean {
    return this.col.undecided;
  }
  read(c: Cell, isNull: (s: string) => boolean): DateValue {
    if (c === null) return { ok: false, empty: true };
    if (typeof c === 'string') {
      if (isNull(c)) return { ok: false, empty: true };
      const p = this.col.parse(c.trim());
      return p ? { ok: true, wall: p.wall } : { ok: false, empty: false };
    }
    if (c.t === 'd') return { ok: true, wall: c.v };
    if (c.t === 'n') {
      const t = c.text;
      if (/^\d{8}$/.test(t)) {
        const p = this.col.parse(t);
        if (p) return { ok: true, wall: p.wall };
      }
      if (c.v >= 1 && c.v < 2958466) return { ok: true, wall: serialToWall(c.v) };
      return { ok: false, empty: false };
    }
    return { ok: false, empty: false };
  }
}

export type NumValue = { ok: true; value: number } | { ok: false; empty: boolean };

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
  private dot = false;
  private comma = false;
  constructor(declared: ',' | '.' | null) {
    this.col = createNumberColumn({ declared });
    this.declared = declared !== null;
  }
  observe(c: Cell, isNull: (s: string) => boolean): void {
    if (typeof c !== 'string' || isNull(c)) return;
    const t = c.trim();
    this.col.observe(t);
    if (this.declared || !this.col.undecided) return;
    if (!this.dot && DOT_CURRENCY.test(t)) this.dot = true;
    if (!this.comma && COMMA_CURRENCY.test(t)) this.comma = true;
    if (this.dot !== this.comma) {
      this.col = createNumberColumn({ declared: this.dot ? '.' : ',' });
      this.declared = true;
    }
  }
  get undecided(): boolean {
    return this.col.undecided;
  }
  read(c: Cell, isNull: (s: string) => boolean): NumValue {
    if (c === null) return { ok: false, empty: true };
    if (typeof c === 'string') {
      if (isNull(c)) return { ok: false, empty: true };
      const v = this.col.parse(c.trim());
      return v === null || !Number.isFinite(v) ? { ok: false, empty: false } : { ok: true, value: v };
    }
    if (c.t === 'n') return Number.isFinite(c.v) ? { ok: true, value: c.v } : { ok: false, empty: false };
    return { ok: false, empty: false };
  }
}

/** Durations in seconds: `75`, `1:15`, `00:01:15`, XLSX numbers (seconds) or time cells. */
export function readDuration(c: Cell, isNull: (s: string) => boolean): NumValue {
  if (c === null) return { ok: false, empty: true };
  if (typeof c === 'string') {
    if (isNull(c)) return { ok: false, empty: true };
    const v = parseDuration(c.trim());
    return v === null ? { ok: false, empty: false } : { ok: true, value: v };
  }
  if (c.t === 'n') return c.v >= 0 ? { ok: true, value: c.v } : { ok: false, empty: false };
  if (c.t === 'd') {
    const s = (c.v - EXCEL_EPOCH) / 1000;
    if (s >= 0 && s < 10 * 86400) return { ok: true, value: Math.round(s) };
  }
  return { ok: false, empty: false };
}

/** Text of a cell for text fields (ids keep their exact digits). */
export function readText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c.trim();
  return c.text.trim();
}
