/**
 * Stream one input through its normalizer: blank rows, repeated headers, undecided columns
 * (rows wait until the column's format is settled), exact duplicates, total rows, and records
 * handed to their kind's store. Counts are kept so that read = used + rejected.
 *
 * The per-row path allocates as little as it can: one scratch record and one issue collector per
 * file are reused; exact duplicates are found by duplicate-rows.ts.
 */
import type { RawRow } from '../ingest/types.js';
import { cellText, completeCells, forEachFilled, spreadFar, type Cell } from '../ingest/types.js';
import { makeIssue, type Issue } from '../errors/issue.js';
import type { Kind } from '../records/types.js';
import { plainIssue, RowIssues, type FileRef } from '../records/normalize/context.js';
import type { LeadNormalizer } from '../records/normalize/lead.js';
import type { CallNormalizer } from '../records/normalize/call.js';
import type { InvoiceNormalizer } from '../records/normalize/invoice.js';
import { LeadRow, PHONE_PENDING } from '../records/table/lead-table.js';
import type { PackedDictParts } from '../records/table/packed-dict.js';
import { adoptWorkerCallPhones, adoptWorkerNumbers, adoptWorkerPhones, isPendingIssue } from '../records/normalize/merge.js';
import { CallRow, DIR_UNKNOWN } from '../records/table/call-table.js';
import { InvoiceRow } from '../records/table/invoice-table.js';
import { normalizeHeader } from '../mapping/header.js';
import { joinMoment, type SplitMoment } from '../mapping/split-moment.js';
import { DuplicateRows, type DeferredHashes } from './duplicate-rows.js';
import { rowText } from './row-text.js';
import type { InputStats, RejectRow } from './stats.js';
import type { TableSetup } from './table-setup.js';
import type { Stores } from './merge-store.js';
import type { AnyNormalizer } from './make-normalizer.js';

/** Overrides #37: the first non-empty cell of an unusable row names a total (\b is ASCII-only, so a lookahead). */
/**
 * Overrides #37: the first words of a total or footer row (checked only on a row that cannot be
 * used as a record); besides the override's words, their plurals (Salesforce "Grand Totals (15
 * records)", QuickBooks "TOTAL"/"Total for …") and a report footer's fixed lines (Salesforce
 * "Confidential Information - Do Not Distribute", "Copyright (c) 2000-2026 salesforce.com…").
 */
const TOTAL_RE = /^(итого|всего|totals?|grand totals?|subtotals?|сумма|confidential information|copyright)(?![\p{L}\p{N}])/iu;

/** Where issues and rejected rows go (shared by all inputs, in reading order). */
export interface LoadSink {
  issues: Issue[];
  /** Rejected rows with their text, when --rejects asks for them; else null. */
  rejects: RejectRow[] | null;
}

/** A sample record of this file: a table index (materialized once loading ends) or a snapshot. */
export type SampleRef = { kind: Kind; index: number } | { snapshot: unknown };

/** How a file's rows are read, for the duplicate check (see `FileLoader`). */
export interface LoaderOptions {
  /** Rows this file is expected to hold (0: unknown), to size tables once. */
  expectedRows?: number;
  /** Keep duplicate hashes for the main thread instead of checking them (see `DuplicateRows`). */
  deferDuplicates?: boolean;
  /**
   * A reading worker marks the rows that repeat an earlier record (`RawRow.repeat`): this thread
   * then keeps no hash of every row. `before` are the file's records above its first data row
   * (the header and any title lines), which the worker's marks count too.
   */
  marked?: { before: readonly RawRow[] } | null;
}

/**
 * Rows held back at most while a column's format is undecided (every date could be day- or
 * month-first, every amount read either way): past this many, the column stays undecided — the
 * file-level error asking for `date_format:` / `decimal_mark:` — and the later rows are counted,
 * not kept. A million such rows held ~840 MB; a file that settles the format only after this
 * many rows is an export sorted so that its first 100,000 rows all fall on days 1–12.
 */
export const MAX_WAITING = 100_000;

/** The per-file streaming state machine. */
export class FileLoader {
  private pending: RawRow[] = [];
  /** Set once `MAX_WAITING` rows waited for an undecided column: later rows are only counted. */
  private gaveUp = false;
  /** Rows read and not (yet) made a record or rejected: waiting, or dropped once `gaveUp`. */
  private heldRows = 0;
  private readonly headerKey: string | null;
  private readonly headerFirst: string | null;
  private readonly hasRecordId: boolean;
  /** The date and time columns of a moment written in two (their cells are joined in the date's). */
  private readonly split: SplitMoment | null;
  private readonly out: RowIssues;
  private readonly leadRow = new LeadRow();
  private readonly callRow = new CallRow();
  private readonly invoiceRow = new InvoiceRow();
  /** This file's source index in its kind's table. */
  readonly source: number;
  /** Exact repeats of earlier rows (see duplicate-rows.ts). */
  private readonly duplicates: DuplicateRows;
  /** The first three records produced (inspect shows them). */
  readonly samples: SampleRef[] = [];
  /** The last column a field is read from (an XLSX row's far cells from there on are spread). */
  private readonly lastRead: number;

  constructor(
    private readonly kind: Kind,
    private readonly norm: AnyNormalizer,
    setup: TableSetup,
    private readonly ref: FileRef,
    readonly stats: InputStats,
    input: number,
    private readonly stores: Stores,
    private readonly sink: LoadSink,
    { expectedRows = 0, deferDuplicates = false, marked = null }: LoaderOptions = {},
  ) {
    this.headerKey = setup.headers ? setup.headers.map(normalizeHeader).join('\u001f') : null;
    this.headerFirst = setup.headers ? (setup.headers[0] ?? '').trim() : null;
    this.hasRecordId = !FileLoader.checksDuplicates(kind, setup);
    this.split = setup.mapping!.split ?? null;
    const read = FileLoader.readColumns(setup);
    this.lastRead = read === null ? setup.mapping!.byIndex.length - 1 : read.lastIndexOf(1);
    this.out = new RowIssues(ref, { line: 0, cells: [] });
    this.duplicates = new DuplicateRows(ref, sink, stats, deferDuplicates, marked?.before ?? null);
    this.source = stores[kind].addSource(ref.file, ref.sheet, input);
    if (expectedRows > 0) {
      stores[kind].reserve(expectedRows, this.hasRecordId);
      // with a worker's marks this thread's set holds only the rows it read itself
      if (!this.hasRecordId && marked === null) this.duplicates.reserve(expectedRows);
    }
  }

  /** Whether this file's rows are checked for exact duplicates (not when its records have ids). */
  get checksDuplicates(): boolean {
    return !this.hasRecordId;
  }

  /**
   * The columns this file's rows are read by (1): the mapped ones and their fallbacks, a split moment's two, and the
   * first (the repeated-header test looks at it on every row); null when that is every column of
   * the header. A reading worker's rows then come without the others' cells (`PipedRows.wantColumns`).
   */
  static readColumns(setup: TableSetup): Uint8Array | null {
    const m = setup.mapping!;
    const width = m.byIndex.length;
    const want = new Uint8Array(width);
    want[0] = 1;
    for (const c of Object.values(m.fields) as (number | undefined)[]) if (c !== undefined && c < width) want[c] = 1;
    for (const list of Object.values(m.fallbacks ?? {}) as number[][]) for (const c of list) if (c < width) want[c] = 1;
    if (m.split) {
      if (m.split.date < width) want[m.split.date] = 1;
      if (m.split.time < width) want[m.split.time] = 1;
    }
    return want.every((x) => x === 1) ? null : want;
  }

  /** `checksDuplicates` of a file of `kind` laid out as `setup`, before its loader is made. */
  static checksDuplicates(kind: Kind, setup: TableSetup): boolean {
    return kind === 'invoices' || setup.mapping!.fields['id' as never] === undefined;
  }

  /** Feed one data row (rows after the header). */
  add(row: RawRow): void {
    const cells = row.cells;
    // an XLSX row's far cells stay apart unless a field is read from their columns (RawRow.far)
    if (row.far !== undefined && (row.far.cols[0] as number) <= this.lastRead) spreadFar(row);
    let blank = isBlank(cells) && (row.far === undefined || isBlank(row.far.cells));
    // a row whose read cells are blank may have text in the others (the reader left them out)
    if (blank && row.partialText !== undefined) {
      completeCells(row);
      blank = isBlank(cells);
    }
    if (blank) {
      this.stats.rows_blank++;
      return;
    }
    // cheap first-cell test before the full comparison (this runs for every row; the first
    // column is always cut out)
    if (this.headerKey !== null && cells.length >= 2 && this.headerFirst !== null && cellText(cells[0] ?? null).trim() === this.headerFirst) {
      completeCells(row);
      spreadFar(row);
      const key = cells.map((c) => normalizeHeader(cellText(c))).join('\u001f');
      if (key === this.headerKey) {
        this.sink.issues.push(makeIssue('repeated_header', { file: this.ref.file, sheet: this.ref.sheet, line: row.line }, { message: 'the header row repeats here (two exports glued together?); skipped' }));
        return;
      }
    }
    this.stats.rows_read++;
    // no longer observed either: a later row must not decide the column the held rows were dropped for
    if (this.gaveUp) {
      this.heldRows++;
      return;
    }
    const split = this.split;
    if (split !== null) cells[split.date] = joinMoment(cells[split.date] ?? null, cells[split.time] ?? null);
    this.norm.observe(row);
    if (this.pending.length > 0 || this.norm.isUndecided) {
      this.heldRows++;
      if (this.pending.length >= MAX_WAITING && this.norm.isUndecided) {
        this.gaveUp = true;
        this.pending = [];
        return;
      }
      this.pending.push(row);
      if (!this.norm.isUndecided) this.flush();
      return;
    }
    this.process(row);
  }

  private flush(): void {
    const rows = this.pending;
    this.pending = [];
    this.heldRows -= rows.length;
    for (const r of rows) this.process(r);
  }

  /** End of file: settle waiting rows. Returns the still-undecided fields (a file-level error). */
  finish(): string[] {
    const und = this.norm.undecided();
    if (und.length === 0) this.flush();
    this.duplicates.endBatch();
    return und;
  }

  /** Rows held back because a column's format is still undecided (for inspect). */
  get waiting(): number {
    return this.pending.length;
  }

  /**
   * Rows read that are neither a record nor rejected: at the end of a file whose column stayed
   * undecided, those that waited for it (and, once `MAX_WAITING` waited, every later one) — the
   * file-level error holds them back; 0 once the column is decided.
   */
  get held(): number {
    return this.heldRows;
  }

  /** Whether `MAX_WAITING` rows waited for an undecided column, which then stays undecided. */
  get waitedOut(): boolean {
    return this.gaveUp;
  }

  private process(row: RawRow): void {
    const out = this.out;
    out.reset(row);
    if (this.kind === 'invoices') this.processInvoice(row, out);
    else if (this.kind === 'leads') this.processLead(row, out);
    else this.processCall(row, out);
  }

  private processInvoice(row: RawRow, out: RowIssues): void {
    const r = this.invoiceRow;
    const ok = (this.norm as InvoiceNormalizer).normalize(row, out, r);
    this.emitWarnings(out);
    if (!ok) {
      this.rejectRow(row, out.rejection!);
      return;
    }
    this.duplicates.check(row);
    this.stats.rows_used++;
    if (r.void) this.stats.rows_void++;
    const i = this.stores.invoices.addLoose(r, row.line, this.source);
    if (this.samples.length < 3) this.samples.push({ kind: 'invoices', index: i });
  }

  private processLead(row: RawRow, out: RowIssues): void {
    const r = this.leadRow;
    (this.norm as LeadNormalizer).normalize(row, out, r);
    this.emitWarnings(out);
    if (r.id === null) {
      if (!this.hasRecordId) this.duplicates.check(row);
      // validated at once: no other row can complete it
      if (out.rejection) return this.rejectRow(row, out.rejection);
      if (r.createdAt !== r.createdAt) return this.rejectRow(row, this.noCreatedDate(row));
      this.stats.rows_used++;
      if (r.excluded) this.stats.rows_excluded++;
      const i = this.stores.leads.addLoose(r, row.line, this.source);
      if (this.samples.length < 3) this.samples.push({ kind: 'leads', index: i });
      return;
    }
    if (out.rejection && !canBeFilled(out.rejection)) return this.rejectRow(row, out.rejection);
    // a footer whose total word sits in the id column: no other row completes it
    if ((out.rejection || r.createdAt !== r.createdAt) && isTotalKey(row, r.id)) return this.rejectRow(row, out.rejection ?? this.noCreatedDate(row));
    const store = this.stores.leads;
    const at = store.table.length;
    const conflicts = store.addKeyed(r, row.line, this.source, out.rejection, this.sink.rejects ? row : null);
    this.keyedRow(conflicts, store.merged);
    if (this.samples.length < 3) {
      // a phone the reading worker coded is not in the dictionary yet: a snapshot shows it now
      if (store.merged && r.phone >= PHONE_PENDING) r.phone = (this.norm as LeadNormalizer).phoneOf(row);
      this.samples.push(store.merged ? { snapshot: store.table.describe(r, this.originOf(row)) } : { kind: 'leads', index: at });
    }
  }

  /**
   * The file is read, cells of it coded by the reading worker (`PENDING_IDS`): take over the
   * worker's dictionary and, for a lead list, decide the phone conflicts that waited for it, each
   * warning where its row put it among the issues.
   */
  adoptWorkerCodes(parts: PackedDictParts | null): void {
    if (this.kind === 'calls') return adoptWorkerCallPhones(this.stores.calls.table, parts);
    if (this.kind === 'invoices') return adoptWorkerNumbers(this.stores.invoices.table, parts);
    const { found, dropped } = adoptWorkerPhones(this.stores.leads.table, parts);
    this.stats.warnings += found.length;
    if (dropped.length === 0) return;
    const gone = new Set(dropped);
    const issues = this.sink.issues;
    let k = 0;
    for (const x of issues) if (!gone.has(x)) issues[k++] = x;
    issues.length = k;
  }

  private processCall(row: RawRow, out: RowIssues): void {
    const r = this.callRow;
    (this.norm as CallNormalizer).normalize(row, out, r);
    this.emitWarnings(out);
    if (r.id === null) {
      if (!this.hasRecordId) this.duplicates.check(row);
      if (out.rejection) return this.rejectRow(row, out.rejection);
      if (r.startedAt !== r.startedAt || r.direction < 0 || r.direction === DIR_UNKNOWN) return this.rejectRow(row, this.noStartTime(row));
      this.stats.rows_used++;
      const i = this.stores.calls.addLoose(r, row.line, this.source);
      if (this.samples.length < 3) this.samples.push({ kind: 'calls', index: i });
      return;
    }
    if (out.rejection && !canBeFilled(out.rejection)) return this.rejectRow(row, out.rejection);
    if ((out.rejection || r.startedAt !== r.startedAt) && isTotalKey(row, r.id)) return this.rejectRow(row, out.rejection ?? this.noStartTime(row));
    const store = this.stores.calls;
    const at = store.table.length;
    store.addKeyed(r, row.line, this.source, out.rejection, this.sink.rejects ? row : null);
    this.keyedRow(null, store.merged);
    if (this.samples.length < 3) {
      // numbers the reading worker coded are not in the dictionary yet: a snapshot shows them now
      if (store.merged) (this.norm as CallNormalizer).settleNumbers(row, r);
      this.samples.push(store.merged ? { snapshot: store.table.describe(r, this.originOf(row)) } : { kind: 'calls', index: at });
    }
  }

  /** Counts for a row handed to the merge store; its rejection, if any, is decided at settle. */
  private keyedRow(conflicts: Issue[] | null, merged: boolean): void {
    this.stats.rows_used++;
    if (merged) this.stats.rows_merged++;
    if (conflicts === null) return;
    for (const w of conflicts) {
      // a phone conflict waiting for the worker's phones counts once decided
      if (!isPendingIssue(w)) this.stats.warnings++;
      this.sink.issues.push(w);
    }
  }

  private originOf(row: RawRow) {
    return { file: this.ref.file, sheet: this.ref.sheet, line: row.line };
  }

  private noCreatedDate(row: RawRow): Issue {
    return makeIssue('missing_required', { file: this.ref.file, sheet: this.ref.sheet, line: row.line, column: 'created_at' }, { expected: 'a created date', message: 'the lead has no created date', hint: 'a lead needs its created date: check this row of the export (a note or subtotal row?), or name the date column under `columns: {created_at: …}`' });
  }

  private noStartTime(row: RawRow): Issue {
    return makeIssue('missing_required', { file: this.ref.file, sheet: this.ref.sheet, line: row.line, column: 'started_at' }, { expected: 'a call start time', message: 'the call has no start time', hint: 'a call needs its start time: check this row of the export, or name the time column under `columns: {started_at: …}`' });
  }

  /** Reject a row that cannot be used; a total or footer row (Overrides #37) gets `total_row`. */
  private rejectRow(row: RawRow, issue: Issue): void {
    let iss = issue;
    completeCells(row);
    const first = firstFilled(row);
    if (first !== null && TOTAL_RE.test(first)) {
      iss = { ...plainIssue(issue), code: 'total_row', message: `a total/footer row (${JSON.stringify(first)}), not a record; ${issue.message}`, hint: 'nothing to fix if this is the export\'s own total line' };
    }
    this.rejectMissing(row, iss);
  }

  /** Reject the row with exactly this issue (no total-row check). */
  private rejectMissing(row: RawRow, issue: Issue): void {
    this.stats.rows_rejected++;
    this.sink.issues.push(issue);
    if (this.sink.rejects) {
      this.sink.rejects.push({ file: this.ref.file, sheet: this.ref.sheet, line: row.line, kind: this.kind, code: issue.code, column: issue.column, value: issue.value, reason: issue.message, raw: rowText(row) });
    }
  }

  private emitWarnings(out: RowIssues): void {
    for (const w of out.warnings) {
      this.stats.warnings++;
      this.sink.issues.push(w);
    }
  }

  /** See `DuplicateRows.endBatch`: the row loop calls it after each batch of rows. */
  endBatch(): void {
    this.duplicates.endBatch();
  }

  /** The duplicate hashes kept so far (a worker hands them to the main thread). */
  takeDeferred(): DeferredHashes {
    return this.duplicates.takeDeferred();
  }

  /** Take over the issues of a later part of this file read elsewhere (see `DuplicateRows.adopt`). */
  adoptIssues(issues: readonly Issue[], d: DeferredHashes): void {
    this.duplicates.adopt(issues, d);
  }
}

/** A rejection another row with the same id may cure (a missing or bad required field). */
function canBeFilled(issue: Issue): boolean {
  return issue.code === 'bad_date' || issue.code === 'missing_required' || issue.code === 'call_direction_unknown';
}

/**
 * Whether a record's id is a total or footer word that is also the row's first filled cell (a
 * footer whose label sits in the id column). A record whose id is a real id is never a total row,
 * whatever its first column says ("Total Rebuild" as a deal's title).
 */
function isTotalKey(row: RawRow, id: string | null): boolean {
  if (id === null || !TOTAL_RE.test(id)) return false;
  completeCells(row);
  return firstFilled(row) === id;
}

/** The trimmed text of the row's first cell that has any, near or far; null for none. */
function firstFilled(row: RawRow): string | null {
  let first: string | null = null;
  forEachFilled(row, (t) => {
    if (first === null && t.trim() !== '') first = t.trim();
  });
  return first;
}

/** Whether every cell is empty or blank. */
function isBlank(cells: readonly Cell[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c !== null && c !== undefined && (typeof c !== 'string' || c.trim() !== '')) return false;
  }
  return true;
}
