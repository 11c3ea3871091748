/**
 * One row → an invoice line (SPEC §2 invoices, SPEC-DECISIONS #23 line amount, #30 cost, #53).
 * Lines are never merged: each row is validated at once. The line is written into a reused
 * `InvoiceRow` with dictionary ids.
 */
import type { Cell, RawRow } from '../../ingest/types.js';
import { cellText } from '../../ingest/types.js';
import { DateCell, EMPTY, NumberCell, readText, type ColumnState } from '../../app/cells.js';
import { normalizeClientId } from '../../values/client.js';
import { tryCents } from '../../values/numbers.js';
import { colRef, EXPONENT_FLAG, isExponentForm, RowIssues, warnExponent, type ColumnRef, type FileRef } from './context.js';
import type { NormalizeSettings } from './settings.js';
import type { DateFormats } from './lead.js';
import { DictMemo, IdCodes, Predictor, TextMemo, type Memo } from './memo.js';
import { PackedMemo } from './packed-memo.js';
import type { InvoiceRow, InvoiceTable } from '../table/invoice-table.js';
import { PENDING_IDS } from '../table/packed-dict.js';
import type { CodeJob } from '../../ingest/csv/cell-codes.js';

export type InvoiceColumns = Partial<Record<'number' | 'date' | 'client' | 'client_id' | 'amount' | 'quantity' | 'unit_price' | 'cost' | 'unit_cost' | 'profit' | 'manager' | 'segment' | 'status' | 'paid_at', number>>;

/**
 * 1C registers put the document in one cell: «Реализация (акт, накладная, УПД) № ФР150726/1 от
 * 15.07.2026» or «… 00БП-000862 от 11.12.2024 9:07:59» (EXPORT-FORMATS §3). When the number and
 * date fields share that column, both are read from it.
 */
const DOC_RE = /(?:№\s*)?([^\s№]+)\s+от\s+(\d{1,2}\.\d{1,2}\.\d{2,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*$/u;

export function documentParts(text: string): { number: string; date: string } | null {
  const m = DOC_RE.exec(text.trim());
  return m ? { number: m[1]!, date: m[2]! } : null;
}

const NUMERIC = ['amount', 'quantity', 'unit_price', 'cost', 'unit_cost', 'profit'] as const;
type NumericField = (typeof NUMERIC)[number];
/** Positions in NUMERIC (same order): the row loop reads numeric columns by index, not by name. */
const N_AMOUNT = 0, N_QUANTITY = 1, N_UNIT_PRICE = 2, N_COST = 3, N_UNIT_COST = 4, N_PROFIT = 5;

/** A read number: the value, EMPTY (no value) or NaN (unreadable); see `num`. */
const isValue = (v: number): boolean => v === v && v !== EMPTY;

export class InvoiceNormalizer {
  private readonly date: DateCell;
  private readonly paidAt: DateCell;
  /**
   * Per NUMERIC position: the column (-1 when unmapped) and its cell (null when unmapped).
   * Looking a field up by a name that varies (`cols[f]`) is a megamorphic keyed load in V8:
   * ~0.3 s of 1M invoice lines.
   */
  private readonly numCol: number[] = [];
  private readonly numCell: (NumberCell | null)[] = [];
  private readonly refs: Record<string, ColumnRef | null> = {};
  readonly costKnown: boolean;
  private readonly numberMemo: Memo;
  private readonly clientMemo: Memo;
  /** Its codes by the ids a reading worker gave the cells (see `numberedColumns`). */
  private readonly clientCodes: IdCodes;
  /** Client name guessed from the client id (they repeat together). */
  private readonly clientGuess: Predictor;
  private readonly clientIdMemo: Memo;
  private readonly managerMemo: Memo;
  private readonly segmentMemo: Memo;
  private readonly statusMemo: Memo;
  /** Per status id: 1 when it is a void status. */
  private readonly voidStatus: number[] = [];
  private readonly noManager: number;

  constructor(
    private readonly cols: InvoiceColumns,
    headers: readonly string[] | null,
    private readonly s: NormalizeSettings,
    formats: DateFormats,
    decimal: ',' | '.' | null,
    private readonly file: FileRef,
    table: InvoiceTable,
  ) {
    this.date = new DateCell(s.tz, formats('date'));
    this.paidAt = new DateCell(s.tz, formats('paid_at'));
    for (const f of NUMERIC) {
      const col = cols[f];
      this.numCol.push(col ?? -1);
      this.numCell.push(col === undefined ? null : new NumberCell(decimal));
    }
    for (const [f, i] of Object.entries(cols)) this.refs[f] = colRef(headers, i);
    this.costKnown = cols.cost !== undefined || cols.profit !== undefined || (cols.unit_cost !== undefined && cols.quantity !== undefined);
    const t = table;
    const doc = this.docMode;
    const notNull = (raw: string) => !s.isNull(raw);
    this.numberMemo = doc
      ? new TextMemo((raw) => (s.isNull(raw) ? -1 : t.numbers.id(documentParts(raw)?.number ?? raw)))
      : new DictMemo(t.numbers, notNull);
    this.clientMemo = new DictMemo(t.clients, notNull);
    this.clientCodes = new IdCodes(this.clientMemo);
    this.clientGuess = new Predictor(t.clients);
    // the ИНН goes into a dictionary, which copies it
    this.clientIdMemo = new PackedMemo((raw) => (s.isNull(raw) ? -1 : t.clientIds.id(normalizeClientId(raw)) + (isExponentForm(raw) ? EXPONENT_FLAG : 0)), true);
    this.noManager = t.managers.id(s.manager(null));
    this.managerMemo = new TextMemo((raw) => t.managers.id(s.manager(raw)));
    this.segmentMemo = new TextMemo((raw) => t.segments.id(raw.replace(/\s+/g, ' ').trim()));
    this.statusMemo = new DictMemo(t.statuses, () => true, (id, raw) => {
      this.voidStatus[id] = s.isVoid(raw) ? 1 : 0;
    });
  }

  /**
   * The columns whose cells a reading worker numbers (`RawRow.ids`): the client name when there is
   * no client id (ИНН) column — the name is then looked up on every line (a register of 1M lines
   * and 50,000 clients: 6 % faster). With an ИНН the name is guessed from it instead, and
   * numbering made 1M 1C lines only 3 % faster for 10 MB more at the peak.
   */
  numberedColumns(): number[] {
    return this.cols.client !== undefined && this.cols.client_id === undefined ? [this.cols.client] : [];
  }

  /** Indexes into `numberedColumns` numbered only when that pays: none. */
  optionalNumbered(): number[] {
    return [];
  }

  /**
   * What a reading worker needs to code the invoice numbers as `numberMemo` would (see
   * src/ingest/csv/cell-codes.ts), rows after line `fromLine` only; null without a number column,
   * without the null texts to test cells against, or when the number is read out of a 1C document
   * cell. A register has no record ids, so the worker also hashes its rows, and leaves the set of
   * hashes to this thread (docs/performance.md, items 84–86: a register of 500k invoice numbers
   * 7 % faster; one whose numbers repeat line after line, like UCI's, within the noise).
   */
  codeJob(fromLine: number, _hashesRows = false): CodeJob | null {
    const c = this.cols.number;
    const nulls = this.s.nullValues;
    if (c === undefined || nulls === undefined || this.docMode) return null;
    return { columns: [c], form: 'text', country: this.s.defaultCountry, nulls, internal: [], fromLine };
  }

  /** The worker codes the invoice numbers from now on: each coded record's code follows its ids. */
  useWorkerCodes(): void {
    this.codeAt = this.numberedColumns().length;
  }

  /** Where a coded record's invoice number code sits after its ids (`useWorkerCodes`); -1: none. */
  private codeAt = -1;

  observe(row: RawRow): void {
    const c = this.cols;
    if (c.date !== undefined) this.date.observe(this.dateCell(row), this.s.isNull);
    if (c.paid_at !== undefined) this.paidAt.observe(row.cells[c.paid_at] ?? null, this.s.isNull);
    for (let k = 0; k < NUMERIC.length; k++) {
      const cell = this.numCell[k];
      if (cell) cell.observe(row.cells[this.numCol[k]!] ?? null, this.s.isNull);
    }
  }

  /** True when date and number are read from one 1C document column. */
  private get docMode(): boolean {
    return this.cols.date !== undefined && this.cols.date === this.cols.number;
  }

  private dateCell(row: RawRow): Cell {
    const c = row.cells[this.cols.date!] ?? null;
    if (!this.docMode || c === null) return c;
    const parts = documentParts(cellText(c));
    return parts ? parts.date : c;
  }

  get isUndecided(): boolean {
    if (this.cols.date !== undefined && this.date.undecided) return true;
    if (this.cols.paid_at !== undefined && this.paidAt.undecided) return true;
    for (let k = 0; k < NUMERIC.length; k++) if (this.numCell[k]?.undecided) return true;
    return false;
  }

  undecided(): string[] {
    const out: string[] = [];
    if (this.cols.date !== undefined && this.date.undecided) out.push('date');
    if (this.cols.paid_at !== undefined && this.paidAt.undecided) out.push('paid_at');
    NUMERIC.forEach((f, k) => {
      if (this.numCell[k]?.undecided) out.push(f);
    });
    return out;
  }

  /** What the date and number columns learned (see `ColumnState`). */
  detection(): ColumnState[] {
    const out: ColumnState[] = [];
    if (this.cols.date !== undefined) out.push(this.date.state('date'));
    if (this.cols.paid_at !== undefined) out.push(this.paidAt.state('paid_at'));
    NUMERIC.forEach((f, k) => {
      const n = this.numCell[k];
      if (n) out.push(n.state(f));
    });
    return out;
  }

  formatOf(field: string): string | null {
    if (field === 'date') return this.date.col.format();
    if (field === 'paid_at') return this.paidAt.col.format();
    const n = this.numCell[NUMERIC.indexOf(field as NumericField)];
    return n ? n.col.format() : null;
  }

  private raw(row: RawRow, i: number | undefined): string {
    return i === undefined ? '' : readText(row.cells[i] ?? null);
  }

  private cell(row: RawRow, i: number | undefined): Cell {
    return i === undefined ? null : (row.cells[i] ?? null);
  }

  /** A numeric field: its value, EMPTY when unmapped or empty, NaN when unreadable (an optional one warns). */
  private num(row: RawRow, out: RowIssues, k: number, required: boolean): number {
    const i = this.numCol[k] as number;
    if (i < 0) return EMPTY;
    const v = this.numCell[k]!.read(this.cell(row, i), this.s.isNull);
    if (v !== v && !required) out.badOptional(this.refs[NUMERIC[k]!]!, this.cell(row, i), 'a number such as 1 234,56 or 1234.56');
    return v;
  }

  /**
   * Reject a line that has no amount, naming the cell that is empty (with its text, when it is a
   * null word such as «-»): the amount when there is no quantity × unit price to fall back on or
   * both of those are empty too, else the empty one of quantity and unit price — not always the
   * unit price, which sent the user to a filled cell.
   */
  private rejectNoAmount(row: RawRow, out: RowIssues, q: number, p: number): void {
    const c = this.cols;
    const pair = c.quantity !== undefined && c.unit_price !== undefined;
    let field: 'amount' | 'quantity' | 'unit_price';
    let expected: string;
    if (!pair || (c.amount !== undefined && q === EMPTY && p === EMPTY)) {
      field = c.amount !== undefined ? 'amount' : c.unit_price !== undefined ? 'unit_price' : 'quantity';
      expected = pair ? 'an amount, or a quantity and a unit price' : 'an amount';
    } else if (q === EMPTY) {
      field = 'quantity';
      expected = 'a quantity (the line amount is quantity × unit price)';
    } else {
      field = 'unit_price';
      expected = 'a unit price (the line amount is quantity × unit price)';
    }
    const text = c[field] === undefined ? '' : cellText(this.cell(row, c[field]));
    out.reject('missing_required', this.refs[field] ?? null, text === '' ? null : text, expected, 'an invoice line needs its amount: check this row of the export (a note or subtotal row?)');
  }

  /** Parse `row` into `r`; returns false when the row was rejected (see `out.rejection`). */
  normalize(row: RawRow, out: RowIssues, r: InvoiceRow): boolean {
    const c = this.cols;
    const s = this.s;

    let date = NaN;
    if (c.date !== undefined) {
      const v = this.date.read(this.dateCell(row), s.isNull);
      if (isValue(v)) date = v;
      else if (v !== EMPTY && this.docMode) out.reject('bad_date', this.refs.date!, cellText(this.cell(row, c.date)), 'a document such as «Реализация … № 00012 от 05.03.2024»', 'map separate date and number columns under `columns:` if the file has them');
      else if (v !== EMPTY) out.reject('bad_date', this.refs.date!, cellText(this.cell(row, c.date)), `a date (${this.date.col.format() ?? 'dd.MM.yyyy, yyyy-MM-dd, …'})`, 'set `date_format:` for this source if the column uses another form');
      else out.reject('missing_required', this.refs.date!, null, 'an invoice date', 'an invoice line needs its date: check this row of the export (a note or subtotal row?)');
    }

    const cid = this.raw(row, c.client_id);
    let clientId = cid === '' ? -1 : this.clientIdMemo.of(cid);
    if (clientId >= EXPONENT_FLAG) {
      clientId -= EXPONENT_FLAG;
      warnExponent(out, this.refs.client_id!, cid, 'client id (ИНН)');
    }
    const cl = this.raw(row, c.client);
    let client = -1;
    // numbered by a reading worker: the code by index, no guess or lookup
    const nid = row.ids ? (row.ids[row.idAt!] as number) : -1;
    if (cl === '') client = -1;
    else if (nid >= 0) client = this.clientCodes.of(cl, nid);
    else {
      client = this.clientGuess.guess(clientId, cl);
      if (client < 0) this.clientGuess.learn(clientId, (client = this.clientMemo.of(cl)));
    }
    if (client < 0 && clientId < 0) {
      out.reject('no_client', this.refs.client ?? this.refs.client_id ?? null, null, 'a client name or client id (ИНН)', 'an invoice line needs its client: check this row of the export, or name the client column under `columns: {client: …}`');
    }

    // amount: a mapped amount wins over quantity × unit price (Decision #23)
    let amount: number | null = null;
    const a = this.num(row, out, N_AMOUNT, true);
    // with no amount and a unit price column, the quantity is required: a bad one rejects the row
    // (below) instead of warning that an optional field was left empty
    const qRequired = a === EMPTY && (this.numCol[N_UNIT_PRICE] as number) >= 0;
    const q = this.num(row, out, N_QUANTITY, qRequired);
    if (isValue(a)) {
      amount = tryCents(a);
      if (amount === null) out.reject('bad_amount', this.refs.amount!, cellText(this.cell(row, c.amount)), `an amount below ${9e13 / 100} in absolute value`, 'check the cell: an amount this large is a typo or another column');
    } else {
      const p = this.num(row, out, N_UNIT_PRICE, a === EMPTY);
      if (isValue(q) && isValue(p)) {
        amount = tryCents(q * p);
        if (amount === null) out.reject('bad_amount', this.refs.unit_price!, `${q} × ${p}`, 'a line amount (quantity × unit price) within range', 'check the quantity and unit price cells: their product is out of range');
      }
      else if (a !== a) out.reject('bad_amount', this.refs.amount!, cellText(this.cell(row, c.amount)), 'an amount such as 1 234,56, 1,234.56 or (123.45)', 'set `decimal_mark:` for this source if the column uses another form');
      else if (p !== p) out.reject('bad_amount', this.refs.unit_price!, cellText(this.cell(row, c.unit_price)), 'a unit price such as 12.50', 'set `decimal_mark:` for this source if the column uses another form');
      else if (q !== q && qRequired) out.reject('bad_amount', this.refs.quantity!, cellText(this.cell(row, c.quantity)), 'a quantity such as 3 or 2,5', 'set `decimal_mark:` for this source if the column uses another form');
      else this.rejectNoAmount(row, out, q, p);
    }

    // cost per line: profit > cost > unit_cost × quantity (Decision #30)
    let cost: number | null = null;
    const pr = this.num(row, out, N_PROFIT, false);
    if (isValue(pr) && amount !== null) {
      const pc = tryCents(pr);
      cost = pc === null ? null : amount - pc;
    }
    else {
      const co = this.num(row, out, N_COST, false);
      if (isValue(co)) cost = tryCents(co);
      else {
        const uc = this.num(row, out, N_UNIT_COST, false);
        if (isValue(uc) && isValue(q)) cost = tryCents(uc * q);
      }
    }

    let paidAt = NaN;
    if (c.paid_at !== undefined) {
      const v = this.paidAt.read(this.cell(row, c.paid_at), s.isNull);
      if (isValue(v)) paidAt = v;
      else if (v !== EMPTY) out.badOptional(this.refs.paid_at!, this.cell(row, c.paid_at), 'a date');
    }

    // the invoice number, coded by the reading worker: its own dictionary's id, renumbered once
    // the file is read; while it codes the file, this thread numbers the rows it reads itself as
    // the worker does, rejected ones too, so that its dictionary stays the start of the worker's
    const wc = this.codeAt >= 0 && row.ids ? (row.ids[row.idAt! + this.codeAt] as number) : -1;
    const number = wc > 0 ? PENDING_IDS + wc - 1 : wc === 0 ? -1 : this.codeAt >= 0 ? this.numberOf(row) : NaN;
    if (out.rejection || date !== date || amount === null) return false;
    const st = this.raw(row, c.status);
    r.status = st === '' ? -1 : this.statusMemo.of(st);
    r.void = r.status >= 0 && this.voidStatus[r.status] === 1;
    const sg = this.raw(row, c.segment);
    r.segment = sg === '' ? -1 : this.segmentMemo.of(sg);
    r.number = number === number ? number : this.numberOf(row);
    const mg = this.raw(row, c.manager);
    r.manager = mg === '' ? this.noManager : this.managerMemo.of(mg);
    r.date = date;
    r.client = client;
    r.clientId = clientId;
    r.amount = amount;
    r.cost = cost ?? NaN;
    r.paidAt = paidAt;
    return true;
  }

  /** The invoice number of `row` as a `numbers` id (-1: none), by this thread's memo. */
  private numberOf(row: RawRow): number {
    const nb = this.raw(row, this.cols.number);
    return nb === '' ? -1 : this.numberMemo.of(nb);
  }

  /** Where this normalizer's records come from (for messages). */
  get ref(): FileRef {
    return this.file;
  }
}
