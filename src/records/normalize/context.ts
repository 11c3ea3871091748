/**
 * Shared plumbing for the per-kind normalizers: where a cell is, and how a row collects its
 * rejection and warnings (SPEC §6: a bad required field rejects the row, a bad optional field
 * empties that field and warns; messages name file, line, column, value, expectation, hint).
 */
import type { Cell, RawRow } from '../../ingest/types.js';
import { cellText } from '../../ingest/types.js';
import { ISSUE_CODES, type Issue, type IssueCode, type Severity } from '../../errors/issue.js';
import { flatten } from '../../values/flat.js';

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

/** How a row issue's message goes on after its column (see `RowIssue`). */
const PLAIN = 0;
/** `found <value>, <text>` */
const FOUND = 1;
/** `found <value or nothing>, expected <expected>` */
const EXPECTED = 2;
/** `found <value>, expected <expected>; the field is left empty` */
const LEFT_EMPTY = 3;

/**
 * An issue raised by one row. A messy export can raise one on every row, so the message — most of
 * an issue's memory — is put together when it is read (`message`), from the column, the value and
 * a shared text, instead of being kept. Everything else is a plain field, as in `makeIssue`.
 * The message is not an own property: to send one to another thread or spread it, use
 * {@link plainIssue}.
 */
export class RowIssue implements Issue {
  severity: Severity;
  value: string | null;
  readonly #where: string;
  readonly #text: string;
  readonly #form: number;

  constructor(
    public code: IssueCode,
    public file: string,
    public sheet: string | null,
    public line: number | null,
    public column: string | null,
    public columnIndex: number | null,
    value: string | null,
    public expected: string | null,
    public hint: string | null,
    where: string,
    text: string,
    form: number,
  ) {
    this.severity = ISSUE_CODES[code];
    // an issue outlives its row: a value cut from a cell must not pin the file's chunk
    this.value = value === null ? null : flatten(value);
    this.#where = where;
    this.#text = text;
    this.#form = form;
  }

  get message(): string {
    const v = this.value === null ? 'nothing' : JSON.stringify(this.value);
    switch (this.#form) {
      case FOUND: return `${this.#where}: found ${v}, ${this.#text}`;
      case EXPECTED: return `${this.#where}: found ${v}, expected ${this.expected}`;
      case LEFT_EMPTY: return `${this.#where}: found ${v}, expected ${this.expected}; the field is left empty`;
      default: return `${this.#where}: ${this.#text}`;
    }
  }
}

/**
 * `issue` as a plain object with its message as a field (for `postMessage`, spreading, tests): a
 * `RowIssue`, or any other issue class whose message is a getter (merge.ts).
 */
export function plainIssue(issue: Issue): Issue {
  if (Object.getPrototypeOf(issue) === Object.prototype) return issue;
  const { severity, code, file, sheet, line, column, columnIndex, value, expected, hint, message } = issue;
  return { severity, code, file, sheet, line, column, columnIndex, value, expected, hint, message };
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

  /** `column "Сумма" (7)` (or `row`), made once per column. */
  private readonly wheres = new Map<ColumnRef | null, string>();

  private where(col: ColumnRef | null): string {
    let w = this.wheres.get(col);
    if (w === undefined) {
      w = col ? `column "${col.header}" (${this.ref.letters ? columnLetter(col.index) : col.index + 1})` : 'row';
      this.wheres.set(col, w);
    }
    return w;
  }

  private issue(code: IssueCode, col: ColumnRef | null, value: string | null, expected: string | null, hint: string | null, text: string, form: number): RowIssue {
    // a text built for this row (not a shared one) must not pin the file's chunk either
    const t = form === PLAIN ? flatten(text) : text;
    return new RowIssue(code, this.ref.file, this.ref.sheet, this.row.line, col ? col.header : null, col ? col.index + 1 : null, value, expected, hint, this.where(col), t, form);
  }

  /** Reject the row (the first rejection wins; later ones are dropped as noise). */
  reject(code: IssueCode, col: ColumnRef | null, value: string | null, expected: string, hint: string | null): void {
    if (this.rejection) return;
    this.rejection = this.issue(code, col, value, expected, hint, '', EXPECTED);
  }

  /** Warn about a cell; the row is still used. `message` follows the column's name. */
  warn(code: IssueCode, col: ColumnRef | null, value: string | null, message: string, hint: string | null = null, expected: string | null = null): void {
    this.warnings.push(this.issue(code, col, value, expected, hint, message, PLAIN));
  }

  /** Warn with `found <value>, <text>` (`text` is shared by every row: nothing is built per row). */
  warnFound(code: IssueCode, col: ColumnRef | null, value: string, text: string, hint: string | null = null): void {
    this.warnings.push(this.issue(code, col, value, null, hint, text, FOUND));
  }

  /** Warn that an optional cell could not be read; the field is left empty. */
  badOptional(col: ColumnRef, cell: Cell, expected: string, hint: string | null = null): void {
    this.warnings.push(this.issue('bad_optional', col, cellText(cell), expected, hint, '', LEFT_EMPTY));
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
