/**
 * Stream one input through its normalizer: blank rows, repeated headers, undecided columns
 * (rows wait until the column's format is settled), exact duplicates, total rows, and rows with
 * ids handed to the merge store. Counts are kept so that read = used + rejected.
 */
import type { RawRow } from '../ingest/types.js';
import { cellText } from '../ingest/types.js';
import { makeIssue, type Issue } from '../errors/issue.js';
import type { Kind, InvoiceLine } from '../records/types.js';
import { RowIssues, type FileRef } from '../records/normalize/context.js';
import { LeadNormalizer, type PartialLead, type LeadColumns } from '../records/normalize/lead.js';
import { CallNormalizer, type PartialCall, type CallColumns } from '../records/normalize/call.js';
import { InvoiceNormalizer, type InvoiceColumns } from '../records/normalize/invoice.js';
import type { NormalizeSettings } from '../records/normalize/settings.js';
import { normalizeHeader } from '../mapping/header.js';
import { makeAnsweredReader, makeDirectionParser } from '../mapping/vocab.js';
import { makeNullTest } from '../values/nulls.js';
import { parseBool } from '../values/bool.js';
import { hashTexts } from './row-hash.js';
import type { InputStats } from './stats.js';
import type { SourceConfig } from './config-types.js';
import type { TableSetup } from './table-setup.js';

/** Overrides #37: the first non-empty cell of an unusable row names a total (\b is ASCII-only, so a lookahead). */
const TOTAL_RE = /^(итого|всего|total|grand total|subtotal|сумма)(?![\p{L}\p{N}])/iu;

/** Where finished rows go; implemented by the loader (merge store, record lists, rejects). */
export interface RowSink {
  lead(p: PartialLead, row: RawRow, held: Issue | null): void;
  call(p: PartialCall, row: RawRow, held: Issue | null): void;
  invoice(l: InvoiceLine): void;
  reject(row: RawRow, issue: Issue): void;
  warn(issue: Issue): void;
}

export type AnyNormalizer = LeadNormalizer | CallNormalizer | InvoiceNormalizer;

function dateFormats(src: SourceConfig | null): (field: string) => readonly string[] | null {
  const df = src?.date_format ?? null;
  if (df === null) return () => null;
  if (typeof df === 'string') return () => [df];
  if (Array.isArray(df)) return () => df;
  return (field) => {
    const v = df[field];
    return v === undefined ? null : typeof v === 'string' ? [v] : v;
  };
}

export function makeNormalizer(kind: Kind, setup: TableSetup, base: NormalizeSettings, src: SourceConfig | null, ref: FileRef): AnyNormalizer {
  // per-source vocabulary and null sentinels (config `direction_values`, `null_values`)
  const s: NormalizeSettings = {
    ...base,
    ...(src?.direction_values ? { direction: makeDirectionParser(src.direction_values) } : {}),
    ...(src?.null_values ? { isNull: makeNullTest(src.null_values) } : {}),
  };
  const cols = setup.mapping!.fields as Record<string, number>;
  const formats = dateFormats(src);
  const dec = src?.decimal_mark ?? null;
  if (kind === 'leads') return new LeadNormalizer(cols as LeadColumns, setup.headers, s, formats, dec, ref);
  if (kind === 'calls') {
    const read = setup.mapping!.answeredRead;
    return new CallNormalizer(cols as CallColumns, setup.headers, s, formats, ref, read ? makeAnsweredReader(read) : parseBool);
  }
  return new InvoiceNormalizer(cols as InvoiceColumns, setup.headers, s, formats, dec, ref);
}

/** The per-file streaming state machine. */
export class FileLoader {
  private pending: RawRow[] = [];
  private readonly seen = new Set<number>();
  private readonly headerKey: string | null;
  private readonly headerFirst: string | null;
  private readonly hasRecordId: boolean;

  constructor(
    private readonly kind: Kind,
    private readonly norm: AnyNormalizer,
    private readonly setup: TableSetup,
    private readonly s: NormalizeSettings,
    private readonly ref: FileRef,
    readonly stats: InputStats,
    private readonly sink: RowSink,
  ) {
    this.headerKey = setup.headers ? setup.headers.map(normalizeHeader).join('\u001f') : null;
    this.headerFirst = setup.headers ? (setup.headers[0] ?? '').trim() : null;
    this.hasRecordId = kind !== 'invoices' && setup.mapping!.fields['id' as never] !== undefined;
  }

  /** Feed one data row (rows after the header). */
  add(row: RawRow): void {
    const cells = row.cells;
    let blank = true;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (c !== null && c !== undefined && (typeof c !== 'string' || c.trim() !== '')) {
        blank = false;
        break;
      }
    }
    if (blank) {
      this.stats.rows_blank++;
      return;
    }
    // cheap first-cell test before the full comparison (this runs for every row)
    if (this.headerKey !== null && cells.length >= 2 && this.headerFirst !== null && cellText(cells[0] ?? null).trim() === this.headerFirst) {
      const key = cells.map((c) => normalizeHeader(cellText(c))).join('\u001f');
      if (key === this.headerKey) {
        this.sink.warn(makeIssue('repeated_header', { file: this.ref.file, sheet: this.ref.sheet, line: row.line }, { message: 'the header row repeats here (two exports glued together?); skipped' }));
        return;
      }
    }
    this.stats.rows_read++;
    this.norm.observe(row);
    if (this.pending.length > 0 || this.norm.undecided().length > 0) {
      this.pending.push(row);
      if (this.norm.undecided().length === 0) this.flush();
      return;
    }
    this.process(row);
  }

  private flush(): void {
    const rows = this.pending;
    this.pending = [];
    for (const r of rows) this.process(r);
  }

  /** End of file: settle waiting rows. Returns the still-undecided fields (a file-level error). */
  finish(): string[] {
    const und = this.norm.undecided();
    if (und.length === 0) this.flush();
    return und;
  }

  /** Rows held back because a column's format is still undecided (for inspect). */
  get waiting(): number {
    return this.pending.length;
  }

  private process(row: RawRow): void {
    const out = new RowIssues(this.ref, row);
    const stats = this.stats;
    if (this.kind === 'invoices') {
      const line = (this.norm as InvoiceNormalizer).normalize(row, out);
      this.emitWarnings(out);
      if (!line) {
        this.rejectRow(row, out.rejection!);
        return;
      }
      this.checkDuplicate(row);
      stats.rows_used++;
      if (line.void) stats.rows_void++;
      this.sink.invoice(line);
      return;
    }
    const partial = this.kind === 'leads' ? (this.norm as LeadNormalizer).normalize(row, out) : (this.norm as CallNormalizer).normalize(row, out);
    this.emitWarnings(out);
    if (partial.id === null) {
      if (!this.hasRecordId) this.checkDuplicate(row);
      // validated at once: no other row can complete it
      if (out.rejection) {
        this.rejectRow(row, out.rejection);
        return;
      }
    } else if (out.rejection && !this.canBeFilled(out.rejection)) {
      this.rejectRow(row, out.rejection);
      return;
    }
    if (this.kind === 'leads') this.sink.lead(partial as PartialLead, row, out.rejection);
    else this.sink.call(partial as PartialCall, row, out.rejection);
  }

  /** A rejection another row with the same id may cure (a missing or bad required field). */
  private canBeFilled(issue: Issue): boolean {
    return issue.code === 'bad_date' || issue.code === 'missing_required' || issue.code === 'call_direction_unknown';
  }

  private rejectRow(row: RawRow, issue: Issue): void {
    let iss = issue;
    const first = row.cells.find((c) => cellText(c).trim() !== '');
    if (first !== undefined && TOTAL_RE.test(cellText(first).trim())) {
      iss = { ...issue, code: 'total_row', message: `a total/footer row (${JSON.stringify(cellText(first).trim())}), not a record; ${issue.message}`, hint: 'nothing to fix if this is the export\'s own total line' };
    }
    this.stats.rows_rejected++;
    this.sink.reject(row, iss);
  }

  private emitWarnings(out: RowIssues): void {
    for (const w of out.warnings) {
      this.stats.warnings++;
      this.sink.warn(w);
    }
  }

  private checkDuplicate(row: RawRow): void {
    const h = hashTexts(row.cells.map(cellText));
    if (this.seen.has(h)) {
      this.stats.warnings++;
      this.sink.warn(makeIssue('duplicate_row', { file: this.ref.file, sheet: this.ref.sheet, line: row.line }, {
        message: 'this row repeats an earlier row of the same file exactly; both are counted',
        hint: 'if the export doubled rows, remove the copies at the source',
      }));
    } else this.seen.add(h);
  }
}
