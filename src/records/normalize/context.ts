/**
 * Shared plumbing for the per-kind normalizers: where a cell is, and how a row collects its
 * rejection and warnings (SPEC §6: a bad required field rejects the row, a bad optional field
 * empties that field and warns; messages name file, line, column, value, expectation, hint).
 */
import type { Cell, RawRow } from '../../ingest/types.js';
import { cellText } from '../../ingest/types.js';
import { makeIssue, type Issue, type IssueCode } from '../../errors/issue.js';

/** A column's identity for messages. */
export interface ColumnRef {
  index: number; // 0-based
  header: string;
}

/** Per-file constants for building messages. */
export interface FileRef {
  file: string;
  sheet: string | null;
  /** XLSX shows column letters, CSV 1-based indexes (SPEC-DECISIONS #40). */
  letters: boolean;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Collects what one row raised. One instance serves a whole file: `reset` starts the next row. */
export class RowIssues {
  rejection: Issue | null = null;
  warnings: Issue[] = [];
  constructor(
    readonly ref: FileRef,
    public row: RawRow,
  ) {}

  /** Start collecting for `row` (the previous row's issues must have been handed on). */
  reset(row: RawRow): void {
    this.row = row;
    this.rejection = null;
    if (this.warnings.length > 0) this.warnings = [];
  }

  private pos(col: ColumnRef | null) {
    return {
      file: this.ref.file,
      sheet: this.ref.sheet,
      line: this.row.line,
      column: col ? col.header : null,
      columnIndex: col ? col.index + 1 : null,
    };
  }

  /** Reject the row (the first rejection wins; later ones are dropped as noise). */
  reject(code: IssueCode, col: ColumnRef | null, value: string | null, expected: string, hint: string | null): void {
    if (this.rejection) return;
    const where = col ? `column "${col.header}" (${this.ref.letters ? columnLetter(col.index) : col.index + 1})` : 'row';
    const found = value === null ? 'nothing' : JSON.stringify(value);
    this.rejection = makeIssue(code, this.pos(col), {
      value,
      expected,
      hint,
      message: `${where}: found ${found}, expected ${expected}`,
    });
  }

  /** Warn about a cell; the row is still used. */
  warn(code: IssueCode, col: ColumnRef | null, value: string | null, message: string, hint: string | null = null, expected: string | null = null): void {
    const where = col ? `column "${col.header}" (${this.ref.letters ? columnLetter(col.index) : col.index + 1})` : 'row';
    this.warnings.push(makeIssue(code, this.pos(col), { value, expected, hint, message: `${where}: ${message}` }));
  }

  /** Warn that an optional cell could not be read; the field is left empty. */
  badOptional(col: ColumnRef, cell: Cell, expected: string, hint: string | null = null): void {
    const v = cellText(cell);
    this.warn('bad_optional', col, v, `found ${JSON.stringify(v)}, expected ${expected}; the field is left empty`, hint, expected);
  }
}

/** Build a ColumnRef from headers. */
export function colRef(headers: readonly string[] | null, index: number | undefined): ColumnRef | null {
  if (index === undefined) return null;
  const h = headers?.[index];
  return { index, header: h && h.trim() !== '' ? h.trim() : `#${index + 1}` };
}

/**
 * An id written in exponent form (`1.23457E+18`, `4,5E+15`): a spreadsheet stored it as a number
 * and lost its digits (SPEC-DECISIONS #55: warn `id_precision_lost`, keep the text as written).
 * The `indexOf` pre-test keeps the common case — plain digits — at one native call.
 */
export function isExponentForm(t: string): boolean {
  if (t.indexOf('E') < 0 && t.indexOf('e') < 0) return false;
  return EXPONENT.test(t);
}
const EXPONENT = /^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d{1,3}$/;

/** Flag a memo adds to a code whose text was in exponent form (codes stay below it). */
export const EXPONENT_FLAG = 1 << 30;

/** Warn that an id-like cell lost digits (see {@link isExponentForm}). */
export function warnExponent(out: RowIssues, col: ColumnRef | null, text: string, what: string): void {
  out.warn('id_precision_lost', col, text, `the ${what} ${JSON.stringify(text)} is in exponent form: its digits were lost before the export; it is kept as written`, 'export the column as text (in Excel: format the cells as Text before typing or pasting the ids)');
}
