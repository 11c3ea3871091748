/**
 * Load every input into records: open → detect layout → stream rows through the normalizers →
 * merge ids → settle. Nothing is lost: every row read is used or rejected, and every rejection and
 * warning is an issue with its position. Records end up in columnar tables (src/records/table);
 * `Lead`/`Call`/`InvoiceLine` objects are built only when a caller asks for them.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { RawRow, ReaderInfo } from '../ingest/types.js';
import { cellText, spreadFar } from '../ingest/types.js';
import { makeIssue, type Issue } from '../errors/issue.js';
import { inputError } from '../errors/kpi-error.js';
import type { Call, InvoiceLine, Kind, Lead } from '../records/types.js';
import type { FileRef } from '../records/normalize/context.js';
import type { NormalizeSettings } from '../records/normalize/settings.js';
import type { RecordTables } from '../records/table/tables.js';
import { LeadRow, LEAD_EXCLUDED } from '../records/table/lead-table.js';
import { CallRow } from '../records/table/call-table.js';
import type { TextDict } from '../records/table/dict.js';
import { openTable } from './open-table.js';
import { setupTable, type TableSetup } from './table-setup.js';
import { FileLoader, MAX_WAITING, type LoadSink, type SampleRef } from './load-file.js';
import { makeNormalizer, type AnyNormalizer } from './make-normalizer.js';
import { newStores, type RecordStore, type Stores } from './merge-store.js';
import { newStats, type InputStats, type RejectRow } from './stats.js';
import type { InputSpec } from './inputs.js';
import { formatIssueLine } from '../errors/format.js';
import { caseVariants, crossFileDuplicates, namesOf } from './cross-checks.js';
import { unreadSheets } from './unread-sheets.js';
import type { Progress } from './progress.js';
import { estimateRows } from '../ingest/estimate.js';
import { readRows } from './read-rows.js';
import { PipedRows } from '../ingest/csv/piped-rows.js';
import { planCut, startPart, type ParallelRun } from './parallel/start.js';
import type { PipeOptions } from '../ingest/csv/piped-rows.js';
import type { IdColumn } from '../records/table/base.js';
import type { InvoiceTable } from '../records/table/invoice-table.js';

const HEAD_ROWS = 30;

/** What inspect shows per file. */
export interface FileReport {
  spec: InputSpec;
  info: ReaderInfo;
  setup: TableSetup;
  stats: InputStats;
  /** Detected format per mapped field (date pattern, decimal mark…). */
  formats: Record<string, string | null>;
  /** First few records produced from this file. */
  samples: unknown[];
  /** File-level problems (they abort `report`, inspect shows them). */
  problems: Issue[];
  /** 2 when a worker thread read the second half of the file (see parallel/part.ts), else 1. */
  parts: number;
  /**
   * Rows read that a file-level problem holds back, neither a record nor rejected: every data row
   * of a file whose header or kind fails, the rows that waited for a column left undecided at the
   * end of the file (`report` refuses such a file; inspect shows read = records + merged +
   * rejected + held).
   */
  held: number;
}

export interface LoadOptions {
  /** Keep raw row text for --rejects. */
  keepRaw: boolean;
  /** inspect: record file-level problems instead of throwing. */
  lenient: boolean;
  /** Shows how far reading has got (big files on a terminal); null for none. */
  progress?: Progress | null;
  /** Read big CSV files with a second thread (needs the config to compile settings there). */
  parallel?: ParallelRun | null;
  /** Read big CSV files on a second thread while this one loads the rows (not with `parallel`). */
  pipe?: PipeOptions | null;
}

export type { ParallelRun } from './parallel/start.js';

export interface LoadResult {
  /** The records, in columns: what the metric engine reads. */
  tables: RecordTables;
  /** The records as objects, built on first access (memory-hungry on big inputs). */
  readonly leads: Lead[];
  readonly calls: Call[];
  readonly invoices: InvoiceLine[];
  files: FileReport[];
  issues: Issue[];
  rejects: RejectRow[];
  /** Which kinds had at least one readable input. */
  has: Record<Kind, boolean>;
  /** Some lead source maps status or won_at. */
  wonSource: boolean;
  /** Some invoice source maps cost, unit_cost or profit. */
  costKnown: boolean;
  /** Some call source can tell answered (answered, status or duration column). */
  answeredKnown: boolean;
}

class Loaded implements LoadResult {
  files: FileReport[] = [];
  issues: Issue[] = [];
  rejects: RejectRow[] = [];
  has: Record<Kind, boolean> = { leads: false, calls: false, invoices: false };
  wonSource = false;
  costKnown = false;
  answeredKnown = false;
  private objects: { leads?: Lead[]; calls?: Call[]; invoices?: InvoiceLine[] } = {};
  constructor(readonly tables: RecordTables) {}
  get leads(): Lead[] {
    return (this.objects.leads ??= this.tables.leads.toArray());
  }
  get calls(): Call[] {
    return (this.objects.calls ??= this.tables.calls.toArray());
  }
  get invoices(): InvoiceLine[] {
    return (this.objects.invoices ??= this.tables.invoices.toArray());
  }
}

export async function loadInputs(specs: readonly InputSpec[], s: NormalizeSettings, opts: LoadOptions): Promise<LoadResult> {
  const stores = newStores();
  const res = new Loaded({ leads: stores.leads.table, calls: stores.calls.table, invoices: stores.invoices.table });
  const sink: LoadSink = { issues: res.issues, rejects: opts.keepRaw ? res.rejects : null };
  const statsByInput: InputStats[] = [];
  const sampleRefs: SampleRef[][] = [];

  const sheetsRead = new Map<string, string>();
  for (const spec of specs) {
    // this input's index among the files read (a sheet read twice is skipped: see below)
    const inputIndex = statsByInput.length;
    const fileIssues: Issue[] = [];
    const table = await openTable(spec, fileIssues, opts.parallel ? null : (opts.pipe ?? null));
    // a workbook's sheet is known only once it is open: a source without `sheet:` reads the first
    // sheet with data, which another source may name — read once, as a file given twice is
    if (table.info.format === 'xlsx' && table.info.sheet !== null) {
      const key = `${realpathOrSame(spec.path)}\0${table.info.sheet}`;
      const prev = sheetsRead.get(key);
      if (prev !== undefined) {
        res.issues.push(...fileIssues, makeIssue('file_repeated', { file: spec.display, sheet: table.info.sheet }, { message: `${spec.display} [sheet ${table.info.sheet}] is the same sheet as ${prev}'s; it is read once` }));
        continue;
      }
      sheetsRead.set(key, spec.display);
    }
    const it = table.rows[Symbol.asyncIterator]();
    const head: RawRow[] = [];
    while (head.length < HEAD_ROWS) {
      const r = await it.next();
      if (r.done) break;
      head.push(r.value);
    }
    // the header search looks at every cell of the first rows: their far cells too (RawRow.far)
    for (const r of head) spreadFar(r);
    const ref: FileRef = { file: spec.display, sheet: table.info.sheet, letters: table.info.format === 'xlsx' };
    const setup = setupTable(spec.display, table.info.sheet, head, table.merges, spec.kind, spec.source);
    const stats = newStats(spec.display, setup.kind, table.info.sheet);
    statsByInput.push(stats);
    const report: FileReport = { spec, info: table.info, setup, stats, formats: {}, samples: [], problems: [...setup.problems], parts: 1, held: 0 };
    res.files.push(report);
    sampleRefs.push([]);
    for (const issue of fileIssues) res.issues.push(issue);
    res.issues.push(...setup.warnings);
    stats.warnings += setup.warnings.filter((w) => w.severity === 'warning').length;

    if (setup.kind === 'calls' && setup.mapping && setup.mapping.fields['direction' as never] === undefined && !setup.mapping.inboundOnly && !s.isInternal) {
      report.problems.push(makeIssue('direction_undecidable', { file: spec.display, sheet: table.info.sheet }, {
        message: 'calls without a direction column need `internal_numbers:` to tell inbound from outbound',
        hint: 'add e.g. `internal_numbers: ["^1\\\\d\\\\d$"]` (your extensions) to kpi.config.yaml',
      }));
    }
    if (report.problems.length > 0 || !setup.kind || !setup.mapping) {
      if (!opts.lenient) throw inputError(formatIssueLine(report.problems[0]!), { issue: report.problems[0]! });
      // inspect: still count the data rows
      const count = (r: RawRow) => {
        if (r.cells.every((c) => cellText(c).trim() === '') && (r.far === undefined || r.far.cells.every((c) => cellText(c).trim() === ''))) stats.rows_blank++;
        else stats.rows_read++;
      };
      head.slice(setup.headerIndex + 1).forEach(count);
      for (;;) {
        const r = await it.next();
        if (r.done) break;
        count(r.value);
      }
      report.held = stats.rows_read;
      res.issues.push(...report.problems);
      continue;
    }
    const kind = setup.kind;
    res.has[kind] = true;
    const norm: AnyNormalizer = makeNormalizer(kind, setup, s, spec.source, ref, stores);
    const f = setup.mapping.fields as Record<string, number | undefined>;
    if (kind === 'leads' && (f.status !== undefined || f.won_at !== undefined)) res.wonSource = true;
    if (kind === 'invoices' && 'costKnown' in norm && norm.costKnown) res.costKnown = true;
    if (kind === 'calls' && 'answeredUnknown' in norm && !norm.answeredUnknown) res.answeredKnown = true;

    const expected = estimateRows(spec.path, table.info, head.slice(setup.headerIndex + 1));
    const cut = opts.parallel ? planCut(spec, table.info, opts.parallel) : null;
    // a reading worker numbers the company names, so this thread finds their codes by index, and
    // codes a lead list's phones, a call log's numbers or an invoice register's invoice numbers
    // in a dictionary of its own, taken over at the end — from the row after the header, so that
    // it starts as this thread's does (the rows it reads itself) and is taken over as it is
    // (`PackedDict.absorb`); for a call log, only where the worker's share of the work stays the
    // smaller (it may hash every row besides)
    const checks = FileLoader.checksDuplicates(kind, setup);
    const numbered = norm.numberedColumns();
    const firstData = head[setup.headerIndex + 1];
    const codes = it instanceof PipedRows && firstData !== undefined ? norm.codeJob(firstData.line - 1, checks) : null;
    // a reading worker marks repeated rows, and this thread then keeps no hash of every row —
    // unless the worker codes a lead list's phones or more than one number column of a call log:
    // it still hashes each row, but this thread keeps the set (its probes made the worker the
    // slower thread: an id-less lead list 0.06 s slower, a call log with two number columns 0.05 s;
    // with one invoice number column, 0.07–0.08 s faster, with one call number, as fast:
    // docs/performance.md items 85 and 92)
    const ownRepeats = codes !== null && checks && (codes.form === 'lead' || codes.columns.length > 1);
    const marked = it instanceof PipedRows && !ownRepeats ? { before: head.slice(0, setup.headerIndex + 1) } : null;
    // with a cut, the table is still sized for the whole file: the worker's records are appended
    // into it, and regrowing then would hold two copies of the table at once
    const loader = new FileLoader(kind, norm, setup, ref, stats, inputIndex, stores, sink, { expectedRows: expected, marked });
    if (it instanceof PipedRows && (!checks || ownRepeats)) it.stopRepeats(ownRepeats);
    // the worker's rows come without the cells of the columns nothing reads
    if (it instanceof PipedRows) it.wantColumns(FileLoader.readColumns(setup));
    if (it instanceof PipedRows && (codes !== null || numbered.some((c) => c >= 0))) it.numberColumns(numbered, codes, norm.optionalNumbered());
    if (codes !== null) norm.useWorkerCodes();
    const split = cut && opts.parallel ? startPart(spec, table.info, setup, inputIndex, Math.ceil(expected * (1 - cut.share)), cut.start, opts.parallel, stores, loader.source, norm) : null;
    const progress = opts.progress?.start(spec, table.info) ?? null;
    for (const r of head.slice(setup.headerIndex + 1)) loader.add(r);
    const issuesBefore = res.issues.length;
    if (await readRows(it, loader, fileIssues, fileIssues.length, res.issues, progress, split)) report.parts = 2;
    // the reader's own warnings (unclosed quotes) count in the file's warnings like the rows' ones
    for (let k = issuesBefore; k < res.issues.length; k++) if (res.issues[k]!.code === 'unclosed_quote' && res.issues[k]!.file === spec.display) stats.warnings++;
    const undecided = loader.finish();
    // a piped file is read to its end (a file cut for a second thread is never piped), so the
    // worker's last message, with its dictionary, has come
    if (codes !== null) loader.adoptWorkerCodes((it as PipedRows).takeCodes());
    sampleRefs[inputIndex] = loader.samples;
    for (const w of mixedCurrencies(norm, setup, spec.display, table.info.sheet)) {
      stats.warnings++;
      res.issues.push(w);
    }
    for (const field of Object.keys(setup.mapping.fields)) report.formats[field] = norm.formatOf(field);
    if (undecided.length > 0) {
      const isDate = ['created_at', 'won_at', 'started_at', 'date', 'paid_at'].includes(undecided[0]!);
      const col = setup.headers?.[f[undecided[0]!]!] ?? undecided[0]!;
      const problem = makeIssue(isDate ? 'date_ambiguous' : 'decimal_ambiguous', { file: spec.display, sheet: table.info.sheet, column: col }, isDate
        ? { message: `column "${col}": every date could be day-first or month-first (no day above 12 in ${loader.waitedOut ? `the first ${MAX_WAITING}` : loader.waiting} rows)`, hint: `declare it: date_format: {${undecided[0]}: d/M/yyyy H:mm} (or M/d/yyyy) for this source` }
        : { message: `column "${col}": every amount reads either way (like 1,200 or 3.500), so the decimal mark is unknown`, hint: 'declare it: decimal_mark: "," or "." for this source' });
      report.problems.push(problem);
      report.held = loader.held;
      if (!opts.lenient) throw inputError(formatIssueLine(problem), { issue: problem });
      res.issues.push(problem);
    }
  }

  // samples show records as they ended up, so they are built once every row is merged
  res.files.forEach((report, i) => {
    report.samples = (sampleRefs[i] ?? []).map((ref) => ('snapshot' in ref ? ref.snapshot : sampleOf(stores, ref.kind, ref.index)));
  });
  settleKind(stores.leads, 'leads', statsByInput, res, opts.keepRaw);
  settleKind(stores.calls, 'calls', statsByInput, res, opts.keepRaw);

  // across files and records
  const counted = (issues: Issue[]) => {
    for (const i of issues) {
      const input = res.files.findIndex((f) => f.spec.display === i.file && (f.info.sheet ?? null) === (i.sheet ?? null));
      if (input >= 0) statsByInput[input]!.warnings++;
      res.issues.push(i);
    }
  };
  const t = res.tables;
  counted(crossFileDuplicates('leads', t.leads));
  counted(crossFileDuplicates('calls', t.calls));
  counted(crossFileDuplicates('invoices', t.invoices));
  if (res.costKnown) counted(costMissing(t.invoices));
  const managers = namesOf([t.leads, t.calls, t.invoices].map((x) => ({ dict: x.managers, ids: idsInOrder(x.manager, x.length, x.managers) })));
  const channels = namesOf([{ dict: t.leads.channels, ids: idsInOrder(t.leads.channel, t.leads.length, t.leads.channels) }]);
  res.issues.push(...caseVariants(managers, 'manager'), ...caseVariants(channels, 'channel'));
  res.issues.push(...unreadSheets(res.files));
  return res;
}

/** The real path of a file (links and `..` resolved), or the path as given when it cannot be. */
function realpathOrSame(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** A stored record as inspect shows it (a merged record in its final state). */
function sampleOf(stores: Stores, kind: Kind, i: number): unknown {
  if (kind === 'leads') {
    const t = stores.leads.table;
    return t.describe(t.read(i, new LeadRow()), t.originOf(i));
  }
  if (kind === 'calls') {
    const t = stores.calls.table;
    return t.describe(t.read(i, new CallRow()), t.originOf(i));
  }
  return stores.invoices.table.get(i);
}

/**
 * Settle the merged records of one kind: held-back problems become warnings or rejections, each
 * credited to its own file; the table keeps only complete records, in output order.
 */
function settleKind(store: RecordStore<RecordTables['leads'] | RecordTables['calls'], unknown>, kind: Kind, statsByInput: InputStats[], res: Loaded, keepRaw: boolean): void {
  const settled = store.settle();
  for (const w of settled.warnings) {
    statsByInput[w.row.input]!.warnings++;
    res.issues.push(w.issue);
  }
  for (const rj of settled.rejected) {
    const stats = statsByInput[rj.row.input]!;
    stats.rows_rejected++;
    stats.rows_used--;
    if (rj.merged) stats.rows_merged--; // merged rows are among the used ones (SPEC §5)
    res.issues.push(rj.issue);
    if (keepRaw) res.rejects.push({ file: rj.row.file, sheet: rj.row.sheet, line: rj.row.line, kind, code: rj.issue.code, column: rj.issue.column, value: rj.issue.value, reason: rj.issue.message, raw: rj.row.raw ?? '' });
  }
  const t = store.table;
  if (kind === 'leads') {
    // a merged lead counts as excluded in the file of its first row
    const flags = (t as RecordTables['leads']).flags;
    for (const i of settled.order) {
      if (t.hasId(i) && ((flags[i] as number) & LEAD_EXCLUDED) !== 0) statsByInput[store.inputOf[t.source[i] as number]!]!.rows_excluded++;
    }
  }
  if (!isIdentity(settled.order, t.length)) t.select(settled.order);
}

/**
 * SPEC-DECISIONS #30: when some source gives costs, one `cost_missing` warning per file whose
 * counted (non-void) lines include some without a cost — profit is null wherever such a line counts.
 */
function costMissing(t: InvoiceTable): Issue[] {
  const missing = new Int32Array(t.sources.length);
  const lines = new Int32Array(t.sources.length);
  const cost = t.cost;
  for (let i = 0; i < t.length; i++) {
    if (t.isVoid[i] === 1) continue;
    const s = t.source[i] as number;
    lines[s]!++;
    if (cost === null || cost[i] !== cost[i]) missing[s]!++;
  }
  const out: Issue[] = [];
  t.sources.forEach((src, s) => {
    const n = missing[s] as number;
    if (n === 0) return;
    out.push(makeIssue('cost_missing', { file: src.file, sheet: src.sheet }, {
      value: String(n),
      message: `${n} of ${lines[s]} invoice line${lines[s] === 1 ? '' : 's'} ${n === 1 ? 'has' : 'have'} no cost (no cost, unit cost or profit value); profit and profit per client are null for the periods that count them, never computed with a cost of 0`,
      hint: 'fill in the cost of these lines, or leave cost out of every source',
    }));
  });
  return out;
}

/** SPEC-DECISIONS #23: one `mixed_currency` warning per amount column whose values carry two currencies. */
function mixedCurrencies(norm: AnyNormalizer, setup: TableSetup, file: string, sheet: string | null): Issue[] {
  const out: Issue[] = [];
  const fields = setup.mapping!.fields as Record<string, number | undefined>;
  for (const st of norm.detection()) {
    if (st.date || st.currencies.length < 2) continue;
    const index = fields[st.field];
    const column = (index !== undefined ? setup.headers?.[index] : undefined) ?? st.field;
    out.push(makeIssue('mixed_currency', { file, sheet, column }, {
      value: st.currencies.join(', '),
      message: `column "${column}" (${st.field}) holds amounts in ${st.currencies.join(' and ')}; they are added up as they are, without conversion`,
      hint: 'split the export by currency, or convert the amounts to one currency first',
    }));
  }
  return out;
}

function isIdentity(order: Int32Array, n: number): boolean {
  if (order.length !== n) return false;
  for (let k = 0; k < n; k++) if (order[k] !== k) return false;
  return true;
}

/** The ids of `col[0..n)` of `dict`, in first-use order, each once. */
function idsInOrder(col: IdColumn | Int32Array, n: number, dict: TextDict): Int32Array {
  const seen = new Uint8Array(dict.size);
  const out = new Int32Array(dict.size);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const id = col[i] as number;
    if (id < 0 || seen[id] === 1) continue;
    seen[id] = 1;
    out[k++] = id;
  }
  return out.subarray(0, k);
}
