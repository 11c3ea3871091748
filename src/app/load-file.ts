/**
 * Stream one input through its normalizer: blank rows, repeated headers, undecided columns
 * (rows wait until the column's format is settled), exact duplicates, total rows, and records
 * handed to their kind's store. Counts are kept so that read = used + rejected.
 *
 * The per-row path allocates as little as it can: one scratch record and one issue collector per
 * file are reused, duplicates are found by hashing the row's raw text into a typed-array set.
 */
import type { RawRow } from '../ingest/types.js';
import { cellText } from '../ingest/types.js';
import { makeIssue, type Issue } from '../errors/issue.js';
import type { Kind } from '../records/types.js';
import { RowIssues, type FileRef } from '../records/normalize/context.js';
import type { LeadNormalizer } from '../records/normalize/lead.js';
import type { CallNormalizer } from '../records/normalize/call.js';
import type { InvoiceNormalizer } from '../records/normalize/invoice.js';
import { LeadRow } from '../records/table/lead-table.js';
import { CallRow, DIR_UNKNOWN } from '../records/table/call-table.js';
import { InvoiceRow } from '../records/table/invoice-table.js';
import { normalizeHeader } from '../mapping/header.js';
import { joinMoment, type SplitMoment } from '../mapping/split-moment.js';
import { HashSet, hashText, hashTexts, lastHash, setLastHash } from '../ingest/row-hash.js';
import { rowText } from './row-text.js';
import type { InputStats, RejectRow } from './stats.js';
import type { TableSetup } from './table-setup.js';
import type { Stores } from './merge-store.js';
import type { AnyNormalizer } from './make-normalizer.js';

/** Overrides #37: the first non-empty cell of an unusable row names a total (\b is ASCII-only, so a lookahead). */
const TOTAL_RE = /^(итого|всего|total|grand total|subtotal|сумма)(?![\p{L}\p{N}])/iu;

/** Where issues and rejected rows go (shared by all inputs, in reading order). */
export interface LoadSink {
  issues: Issue[];
  /** Rejected rows with their text, when --rejects asks for them; else null. */
  rejects: RejectRow[] | null;
}

/** A sample record of this file: a table index (materialized once loading ends) or a snapshot. */
export type SampleRef = { kind: Kind; index: number } | { snapshot: unknown };

/** Rows whose duplicate hashes are probed together (see `FileLoader.endBatch`). */
const BATCH = 2048;

/** How a file's rows are read, for the duplicate check (see `FileLoader`). */
export interface LoaderOptions {
  /** Rows this file is expected to hold (0: unknown), to size tables once. */
  expectedRows?: number;
  /** Keep duplicate hashes for the main thread instead of checking them (see `deferred`). */
  deferDuplicates?: boolean;
  /**
   * A reading worker marks the rows that repeat an earlier record (`RawRow.repeat`): this thread
   * then keeps no hash of every row. `before` are the file's records above its first data row
   * (the header and any title lines), which the worker's marks count too.
   */
  marked?: { before: readonly RawRow[] } | null;
}

/** The per-file streaming state machine. */
export class FileLoader {
  private pending: RawRow[] = [];
  private readonly seen = new HashSet();
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
  /**
   * A worker reading part of a file cannot see the rows before its part, so it only hashes rows
   * for duplicates: hash halves, line, and where in its issue list a warning would go.
   */
  private deferred: { h: Uint32Array; line: Int32Array; at: Int32Array; n: number } | null = null;
  /** Duplicate hashes of the rows since the last `endBatch`: halves, line, where a warning goes. */
  private readonly batch = { h: new Uint32Array(2 * BATCH), line: new Int32Array(BATCH), at: new Int32Array(BATCH), dup: new Uint8Array(BATCH), n: 0 };
  /** The first three records produced (inspect shows them). */
  readonly samples: SampleRef[] = [];
  /**
   * Hash halves of the records above the first data row, when a worker marks repeats: a data row
   * marked a repeat because it equals one of those is checked against this thread's own set.
   */
  private readonly before: Uint32Array | null = null;

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
    if (deferDuplicates) this.deferred = { h: new Uint32Array(2048), line: new Int32Array(1024), at: new Int32Array(1024), n: 0 };
    if (marked !== null) {
      this.before = new Uint32Array(2 * marked.before.length);
      marked.before.forEach((r, k) => {
        hashRow(r);
        this.before![2 * k] = lastHash().h1;
        this.before![2 * k + 1] = lastHash().h2;
      });
    }
    this.headerKey = setup.headers ? setup.headers.map(normalizeHeader).join('\u001f') : null;
    this.headerFirst = setup.headers ? (setup.headers[0] ?? '').trim() : null;
    this.hasRecordId = kind !== 'invoices' && setup.mapping!.fields['id' as never] !== undefined;
    this.split = setup.mapping!.split ?? null;
    this.out = new RowIssues(ref, { line: 0, cells: [] });
    this.source = stores[kind].addSource(ref.file, ref.sheet, input);
    if (expectedRows > 0) {
      stores[kind].reserve(expectedRows, this.hasRecordId);
      // with a worker's marks this thread's set holds only the rows it read itself
      if (!this.hasRecordId && marked === null) this.seen.reserve(expectedRows);
    }
  }

  /** Whether this file's rows are checked for exact duplicates (not when its records have ids). */
  get checksDuplicates(): boolean {
    return !this.hasRecordId;
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
        this.sink.issues.push(makeIssue('repeated_header', { file: this.ref.file, sheet: this.ref.sheet, line: row.line }, { message: 'the header row repeats here (two exports glued together?); skipped' }));
        return;
      }
    }
    this.stats.rows_read++;
    const split = this.split;
    if (split !== null) cells[split.date] = joinMoment(cells[split.date] ?? null, cells[split.time] ?? null);
    this.norm.observe(row);
    if (this.pending.length > 0 || this.norm.isUndecided) {
      this.pending.push(row);
      if (!this.norm.isUndecided) this.flush();
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
    this.endBatch();
    return und;
  }

  /** Rows held back because a column's format is still undecided (for inspect). */
  get waiting(): number {
    return this.pending.length;
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
    this.checkDuplicate(row);
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
      if (!this.hasRecordId) this.checkDuplicate(row);
      // validated at once: no other row can complete it
      if (out.rejection) return this.rejectRow(row, out.rejection);
      if (r.createdAt !== r.createdAt) {
        return this.rejectMissing(row, makeIssue('missing_required', { file: this.ref.file, sheet: this.ref.sheet, line: row.line, column: 'created_at' }, { expected: 'a created date', message: 'the lead has no created date', hint: null }));
      }
      this.stats.rows_used++;
      if (r.excluded) this.stats.rows_excluded++;
      const i = this.stores.leads.addLoose(r, row.line, this.source);
      if (this.samples.length < 3) this.samples.push({ kind: 'leads', index: i });
      return;
    }
    if (out.rejection && !canBeFilled(out.rejection)) return this.rejectRow(row, out.rejection);
    const store = this.stores.leads;
    const at = store.table.length;
    const conflicts = store.addKeyed(r, row.line, this.source, out.rejection, this.sink.rejects ? row : null);
    this.keyedRow(conflicts, store.merged);
    if (this.samples.length < 3) this.samples.push(store.merged ? { snapshot: store.table.describe(r, this.originOf(row)) } : { kind: 'leads', index: at });
  }

  private processCall(row: RawRow, out: RowIssues): void {
    const r = this.callRow;
    (this.norm as CallNormalizer).normalize(row, out, r);
    this.emitWarnings(out);
    if (r.id === null) {
      if (!this.hasRecordId) this.checkDuplicate(row);
      if (out.rejection) return this.rejectRow(row, out.rejection);
      if (r.startedAt !== r.startedAt || r.direction < 0 || r.direction === DIR_UNKNOWN) {
        return this.rejectMissing(row, makeIssue('missing_required', { file: this.ref.file, sheet: this.ref.sheet, line: row.line, column: 'started_at' }, { expected: 'a call start time', message: 'the call has no start time', hint: null }));
      }
      this.stats.rows_used++;
      const i = this.stores.calls.addLoose(r, row.line, this.source);
      if (this.samples.length < 3) this.samples.push({ kind: 'calls', index: i });
      return;
    }
    if (out.rejection && !canBeFilled(out.rejection)) return this.rejectRow(row, out.rejection);
    const store = this.stores.calls;
    const at = store.table.length;
    store.addKeyed(r, row.line, this.source, out.rejection, this.sink.rejects ? row : null);
    this.keyedRow(null, store.merged);
    if (this.samples.length < 3) this.samples.push(store.merged ? { snapshot: store.table.describe(r, this.originOf(row)) } : { kind: 'calls', index: at });
  }

  /** Counts for a row handed to the merge store; its rejection, if any, is decided at settle. */
  private keyedRow(conflicts: Issue[] | null, merged: boolean): void {
    this.stats.rows_used++;
    if (merged) this.stats.rows_merged++;
    if (conflicts === null) return;
    for (const w of conflicts) {
      this.stats.warnings++;
      this.sink.issues.push(w);
    }
  }

  private originOf(row: RawRow) {
    return { file: this.ref.file, sheet: this.ref.sheet, line: row.line };
  }

  private rejectRow(row: RawRow, issue: Issue): void {
    let iss = issue;
    const first = row.cells.find((c) => cellText(c).trim() !== '');
    if (first !== undefined && TOTAL_RE.test(cellText(first).trim())) {
      iss = { ...issue, code: 'total_row', message: `a total/footer row (${JSON.stringify(cellText(first).trim())}), not a record; ${issue.message}`, hint: 'nothing to fix if this is the export\'s own total line' };
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

  private checkDuplicate(row: RawRow): void {
    const mark = row.repeat;
    // the reading worker compared the row with every earlier record of the file: a row it saw
    // nowhere before is new, and one it saw before is a repeat — of an earlier data row, unless
    // it equals a record above the header, which this thread's own set then decides
    if (mark === 0 && this.deferred === null) return;
    hashRow(row);
    if (this.deferred !== null) return this.defer(row.line);
    if (mark === 1 && !this.isBefore(lastHash().h1, lastHash().h2)) {
      this.stats.warnings++;
      this.sink.issues.push(this.duplicateIssue(row.line));
      return;
    }
    // probed in a batch (see `batch`): the set is far larger than the cache, and probes made one
    // after another overlap their misses where probes between rows' other work cannot
    const b = this.batch;
    const { h1, h2 } = lastHash();
    b.h[2 * b.n] = h1;
    b.h[2 * b.n + 1] = h2;
    b.line[b.n] = row.line;
    b.at[b.n] = this.sink.issues.length;
    if (++b.n === BATCH) this.endBatch();
  }

  /** Whether a record above the first data row has this hash. */
  private isBefore(h1: number, h2: number): boolean {
    const b = this.before;
    if (b === null) return false;
    for (let k = 0; k < b.length; k += 2) if (b[k] === h1 && b[k + 1] === h2) return true;
    return false;
  }

  /**
   * Check the duplicate hashes of the rows since the last call against the file's earlier rows,
   * and put a `duplicate_row` warning where each repeated row's warning belongs among the issues
   * pushed since. The row loop calls it after each batch of rows, `finish` at the end; until then
   * the file's issues lack the batch's duplicate warnings.
   */
  endBatch(): void {
    const b = this.batch;
    const n = b.n;
    if (n === 0) return;
    b.n = 0;
    let first = -1;
    for (let k = 0; k < n; k++) {
      const fresh = this.seen.add(b.h[2 * k] as number, b.h[2 * k + 1] as number);
      b.dup[k] = fresh ? 0 : 1;
      if (!fresh && first < 0) first = k;
    }
    if (first < 0) return;
    const out = this.sink.issues;
    const from = b.at[first] as number;
    const tail = out.splice(from);
    let next = 0;
    for (let k = first; k < n; k++) {
      if (b.dup[k] === 0) continue;
      const at = (b.at[k] as number) - from;
      while (next < at) out.push(tail[next++]!);
      this.stats.warnings++;
      out.push(this.duplicateIssue(b.line[k] as number));
    }
    while (next < tail.length) out.push(tail[next++]!);
  }

  private duplicateIssue(line: number): Issue {
    return makeIssue('duplicate_row', { file: this.ref.file, sheet: this.ref.sheet, line }, {
      message: 'this row repeats an earlier row of the same file exactly; both are counted',
      hint: 'if the export doubled rows, remove the copies at the source',
    });
  }

  private defer(line: number): void {
    let d = this.deferred!;
    if (d.n === d.line.length) {
      const grow = <T extends Uint32Array | Int32Array>(a: T, len: number): T => {
        const b = new (a.constructor as new (n: number) => T)(len);
        b.set(a);
        return b;
      };
      d = this.deferred = { h: grow(d.h, d.h.length * 2), line: grow(d.line, d.n * 2), at: grow(d.at, d.n * 2), n: d.n };
    }
    const { h1, h2 } = lastHash();
    d.h[2 * d.n] = h1;
    d.h[2 * d.n + 1] = h2;
    d.line[d.n] = line;
    d.at[d.n] = this.sink.issues.length;
    d.n++;
  }

  /** The duplicate hashes kept so far (a worker hands them to the main thread). */
  takeDeferred(): { h: Uint32Array; line: Int32Array; at: Int32Array } {
    const d = this.deferred ?? { h: new Uint32Array(0), line: new Int32Array(0), at: new Int32Array(0), n: 0 };
    return { h: d.h.slice(0, 2 * d.n), line: d.line.slice(0, d.n), at: d.at.slice(0, d.n) };
  }

  /**
   * Take over the issues of a later part of this file read elsewhere, checking its rows' hashes
   * against every row seen so far: a repeated row's warning goes where the part would have put it.
   */
  adoptIssues(issues: readonly Issue[], d: { h: Uint32Array; line: Int32Array; at: Int32Array }): void {
    const out = this.sink.issues;
    let next = 0;
    for (let k = 0; k < d.line.length; k++) {
      if (this.seen.add(d.h[2 * k] as number, d.h[2 * k + 1] as number)) continue;
      const at = d.at[k] as number;
      while (next < at) out.push(issues[next++]!);
      this.stats.warnings++;
      out.push(this.duplicateIssue(d.line[k] as number));
    }
    while (next < issues.length) out.push(issues[next++]!);
  }
}

/** Make the row's duplicate-check hash the last hash (`lastHash`). */
function hashRow(row: RawRow): void {
  if (row.h2 !== undefined) setLastHash(row.h1!, row.h2);
  else if (row.raw !== undefined) hashText(row.raw);
  else hashTexts(row.cells.map(cellText));
}

/** A rejection another row with the same id may cure (a missing or bad required field). */
function canBeFilled(issue: Issue): boolean {
  return issue.code === 'bad_date' || issue.code === 'missing_required' || issue.code === 'call_direction_unknown';
}
