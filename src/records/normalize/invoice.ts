/**
 * One row → an invoice line (SPEC §2 invoices, SPEC-DECISIONS #23 line amount, #30 cost, #53).
 * Lines are never merged: each row is validated at once.
 */
import type { Cell, RawRow } from '../../ingest/types.js';
import { cellText } from '../../ingest/types.js';
import type { InvoiceLine } from '../types.js';
import { DateCell, NumberCell, readText } from '../../app/cells.js';
import { normalizeClientId } from '../../values/client.js';
import { tryCents } from '../../values/numbers.js';
import { colRef, RowIssues, type ColumnRef, type FileRef } from './context.js';
import type { NormalizeSettings } from './settings.js';
import type { DateFormats } from './lead.js';

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

export class InvoiceNormalizer {
  private readonly date: DateCell;
  private readonly paidAt: DateCell;
  private readonly nums: Partial<Record<NumericField, NumberCell>> = {};
  private readonly refs: Record<string, ColumnRef | null> = {};
  readonly costKnown: boolean;

  constructor(
    private readonly cols: InvoiceColumns,
    headers: readonly string[] | null,
    private readonly s: NormalizeSettings,
    formats: DateFormats,
    decimal: ',' | '.' | null,
    private readonly file: FileRef,
  ) {
    this.date = new DateCell(s.tz, formats('date'));
    this.paidAt = new DateCell(s.tz, formats('paid_at'));
    for (const f of NUMERIC) if (cols[f] !== undefined) this.nums[f] = new NumberCell(decimal);
    for (const [f, i] of Object.entries(cols)) this.refs[f] = colRef(headers, i);
    this.costKnown = cols.cost !== undefined || cols.profit !== undefined || (cols.unit_cost !== undefined && cols.quantity !== undefined);
  }

  observe(row: RawRow): void {
    const c = this.cols;
    if (c.date !== undefined) this.date.observe(this.dateCell(row), this.s.isNull);
    if (c.paid_at !== undefined) this.paidAt.observe(row.cells[c.paid_at] ?? null, this.s.isNull);
    for (const f of NUMERIC) {
      const i = c[f];
      if (i !== undefined) this.nums[f]!.observe(row.cells[i] ?? null, this.s.isNull);
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

  undecided(): string[] {
    const out: string[] = [];
    if (this.cols.date !== undefined && this.date.undecided) out.push('date');
    if (this.cols.paid_at !== undefined && this.paidAt.undecided) out.push('paid_at');
    for (const f of NUMERIC) if (this.nums[f]?.undecided) out.push(f);
    return out;
  }

  formatOf(field: string): string | null {
    if (field === 'date') return this.date.col.format();
    if (field === 'paid_at') return this.paidAt.col.format();
    const n = this.nums[field as NumericField];
    return n ? n.col.format() : null;
  }

  /** Returns the line, or null when the row was rejected (see `out.rejection`). */
  normalize(row: RawRow, out: RowIssues): InvoiceLine | null {
    const c = this.cols;
    const s = this.s;
    const cell = (i: number | undefined) => (i === undefined ? null : row.cells[i] ?? null);
    const text = (i: number | undefined): string | null => {
      if (i === undefined) return null;
      const t = readText(cell(i));
      return t === '' || s.isNull(t) ? null : t;
    };
    const groupText = (i: number | undefined): string | null => {
      if (i === undefined) return null;
      const t = readText(cell(i));
      return t === '' ? null : t;
    };
    const num = (f: NumericField, required: boolean): number | null | 'bad' => {
      const i = c[f];
      if (i === undefined) return null;
      const v = this.nums[f]!.read(cell(i), s.isNull);
      if (v.ok) return v.value;
      if (v.empty) return null;
      if (!required) out.badOptional(this.refs[f]!, cell(i), 'a number such as 1 234,56 or 1234.56');
      return 'bad';
    };

    let date: number | null = null;
    if (c.date !== undefined) {
      const v = this.date.read(this.dateCell(row), s.isNull);
      if (v.ok) date = v.wall;
      else if (!v.empty && this.docMode) out.reject('bad_date', this.refs.date!, cellText(cell(c.date)), 'a document such as «Реализация … № 00012 от 05.03.2024»', 'map separate date and number columns under `columns:` if the file has them');
      else if (!v.empty) out.reject('bad_date', this.refs.date!, cellText(cell(c.date)), `a date (${this.date.col.format() ?? 'dd.MM.yyyy, yyyy-MM-dd, …'})`, 'set `date_format:` for this source if the column uses another form');
      else out.reject('missing_required', this.refs.date!, null, 'an invoice date', null);
    }

    const client = text(c.client);
    const cid = text(c.client_id);
    const clientId = cid === null ? null : normalizeClientId(cid);
    if (client === null && clientId === null) {
      out.reject('no_client', this.refs.client ?? this.refs.client_id ?? null, null, 'a client name or client id (ИНН)', null);
    }

    // amount: a mapped amount wins over quantity × unit price (Decision #23)
    let amount: number | null = null;
    const a = num('amount', true);
    const q = num('quantity', false);
    if (typeof a === 'number') {
      amount = tryCents(a);
      if (amount === null) out.reject('bad_amount', this.refs.amount!, cellText(cell(c.amount)), `an amount below ${9e13 / 100} in absolute value`, null);
    } else {
      const p = num('unit_price', a === null);
      if (typeof q === 'number' && typeof p === 'number') {
        amount = tryCents(q * p);
        if (amount === null) out.reject('bad_amount', this.refs.unit_price!, `${q} × ${p}`, 'a line amount (quantity × unit price) within range', null);
      }
      else if (a === 'bad') out.reject('bad_amount', this.refs.amount!, cellText(cell(c.amount)), 'an amount such as 1 234,56, 1,234.56 or (123.45)', 'set `decimal_mark:` for this source if the column uses another form');
      else if (p === 'bad') out.reject('bad_amount', this.refs.unit_price!, cellText(cell(c.unit_price)), 'a unit price such as 12.50', null);
      else out.reject('missing_required', this.refs.amount ?? this.refs.unit_price ?? this.refs.quantity ?? null, null, c.amount !== undefined ? 'an amount' : 'a quantity and a unit price', null);
    }

    // cost per line: profit > cost > unit_cost × quantity (Decision #30)
    let cost: number | null = null;
    const pr = num('profit', false);
    if (typeof pr === 'number' && amount !== null) {
      const pc = tryCents(pr);
      cost = pc === null ? null : amount - pc;
    }
    else {
      const co = num('cost', false);
      if (typeof co === 'number') cost = tryCents(co);
      else {
        const uc = num('unit_cost', false);
        if (typeof uc === 'number' && typeof q === 'number') cost = tryCents(uc * q);
      }
    }

    let paidAt: number | null = null;
    if (c.paid_at !== undefined) {
      const v = this.paidAt.read(cell(c.paid_at), s.isNull);
      if (v.ok) paidAt = v.wall;
      else if (!v.empty) out.badOptional(this.refs.paid_at!, cell(c.paid_at), 'a date');
    }

    if (out.rejection || date === null || amount === null) return null;
    const status = groupText(c.status);
    const seg = groupText(c.segment);
    const numberText = text(c.number);
    return {
      number: this.docMode && numberText !== null ? (documentParts(numberText)?.number ?? numberText) : numberText,
      date,
      client,
      clientId,
      amount,
      cost,
      manager: s.manager(groupText(c.manager)),
      segment: seg === null ? null : seg.replace(/\s+/g, ' ').trim(),
      status,
      void: status !== null && s.isVoid(status),
      paidAt,
      origin: { file: this.file.file, sheet: this.file.sheet, line: row.line },
    };
  }
}
