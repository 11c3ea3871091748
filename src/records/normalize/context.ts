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
 * What the issues of one kind on one column of a file share: everything but the line and the
 * value. Kept once per (code, column, texts) by `RowIssues`, so an issue costs a small object.
 */
class IssueShape {
  readonly severity: Severity;
  constructor(
    readonly code: IssueCode,
    readonly file: string,
    readonly sheet: string | null,
    readonly col: ColumnRef | null,
    readonly expected: string | null,
    readonly hint: string | null,
    readonly where: string,
    readonly text: string,
    readonly form: number,
  ) {
    this.severity = ISSUE_CODES[code];
  }

  /** Whether an issue with these parts has this shape (strings compare by content; a shared text is the same string). */
  is(code: IssueCode, col: ColumnRef | null, expected: string | null, hint: string | null, text: string, form: number): boolean {
    return this.code === code && this.col === col && this.expected === expected && this.hint === hint && this.text === text && this.form === form;
  }
}

/**
 * An issue raised by one row. A messy export can raise one on every row, so an issue holds its
 * line, its value and its shape (what the issues of its kind and column share); the message —
 * most of an issue's memory — is put together when it is read (`message`), from the column, the
 * value and the shape's text. Fields other than `line` and `value` are getters: to send one to
 * another thread or spread it, use {@link plainIssue}.
 */
export class RowIssue implements Issue {
  readonly value: string | null;
  readonly #shape: IssueShape;

  constructor(
    shape: IssueShape,
    readonly line: number | null,
    value: string | null,
  ) {
    this.#shape = shape;
    // an issue outlives its row: a value cut from a cell must not pin the file's chunk
    this.value = value === null ? null : flatten(value);
  }

  get severity(): Severity {
    return this.#shape.severity;
  }
  get code(): IssueCode {
    return this.#shape.code;
  }
  get file(): string {
    return this.#shape.file;
  }
  get sheet(): string | null {
    return this.#shape.sheet;
  }
  get column(): string | null {
    return this.#shape.col ? this.#shape.col.header : null;
  }
  get columnIndex(): number | null {
    return this.#shape.col ? this.#shape.col.index + 1 : null;
  }
  get expected(): string | null {
    return this.#shape.expected;
  }
  get hint(): string | null {
    return this.#shape.hint;
  }

  get message(): string {
    const sh = this.#shape;
    const v = this.value === null ? 'nothing' : JSON.stringify(this.value);
    switch (sh.form) {
      case FOUND: return `${sh.where}: found ${v}, ${sh.text}`;
      case EXPECTED: return `${sh.where}: found ${v}, expected ${sh.expected}`;
      case LEFT_EMPTY: return `${sh.where}: found ${v}, expected ${sh.expected}; the field is left empty`;
      default: return `${sh.where}: ${sh.text}`;
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

/** Shapes kept per column (more only when messages are made per row, and then they never match). */
const MAX_SHAPES = 16;

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

  /** The shape last used, and the shapes kept per column (a few each: see `shape`). */
  private last: IssueShape | null = null;
  private readonly shapes = new Map<ColumnRef | null, IssueShape[]>();

  /** The shape of an issue with these parts, shared with earlier issues of the same parts. */
  private shape(code: IssueCode, col: ColumnRef | null, expected: string | null, hint: string | null, text: string, form: number): IssueShape {
    const last = this.last;
    if (last !== null && last.is(code, col, expected, hint, text, form)) return last;
    let list = this.shapes.get(col);
    if (list === undefined) this.shapes.set(col, (list = []));
    for (const sh of list) {
      if (sh.is(code, col, expected, hint, text, form)) return (this.last = sh);
    }
    // a text built for this row (not a shared one) must not pin the file's chunk either
    const sh = new IssueShape(code, this.ref.file, this.ref.sheet, col, expected, hint, this.where(col), form === PLAIN ? flatten(text) : text, form);
    // texts made per row (a message naming the value) never repeat: keep only a few shapes a column
    if (list.length < MAX_SHAPES) list.push(sh);
    return (this.last = sh);
  }

  private issue(code: IssueCode, col: ColumnRef | null, value: string | null, expected: string | null, hint: string | null, text: string, form: number): RowIssue {
    return new RowIssue(this.shape(code, col, expected, hint, text, form), this.row.line, value);
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
