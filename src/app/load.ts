/**
 * Load every input into records: open → detect layout → stream rows through the normalizers →
 * merge ids → settle. Nothing is lost: every row read is used or rejected, and every rejection and
 * warning is an issue with its position.
 */
import type { RawRow, ReaderInfo } from '../ingest/types.js';
import { cellText } from '../ingest/types.js';
import { makeIssue, type Issue } from '../errors/issue.js';
import { inputError } from '../errors/kpi-error.js';
import type { Call, InvoiceLine, Kind, Lead } from '../records/types.js';
import type { FileRef } from '../records/normalize/context.js';
import type { NormalizeSettings } from '../records/normalize/settings.js';
import { openTable } from './open-table.js';
import { setupTable, type TableSetup } from './table-setup.js';
import { FileLoader, makeNormalizer, type AnyNormalizer } from './load-file.js';
import { MergeStore, settleCalls, settleLeads } from './merge-store.js';
import { newStats, type InputStats, type RejectRow } from './stats.js';
import type { InputSpec } from './inputs.js';
import { formatIssueLine } from '../errors/format.js';
import { caseVariants, crossFileDuplicates } from './cross-checks.js';

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
}

export interface LoadOptions {
  /** Keep raw row text for --rejects. */
  keepRaw: boolean;
  /** inspect: record file-level problems instead of throwing. */
  lenient: boolean;
}

export interface LoadResult {
  leads: Lead[];
  calls: Call[];
  invoices: InvoiceLine[];
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

function rawOf(row: RawRow): string {
  if (row.raw !== undefined) return row.raw;
  return row.cells.map((c) => {
    const t = cellText(c);
    return /[",\r\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
  }).join(',');
}

export async function loadInputs(specs: readonly InputSpec[], s: NormalizeSettings, opts: LoadOptions): Promise<LoadResult> {
  const res: LoadResult = {
    leads: [], calls: [], invoices: [], files: [], issues: [], rejects: [],
    has: { leads: false, calls: false, invoices: false }, wonSource: false, costKnown: false, answeredKnown: false,
  };
  const store = new MergeStore();
  const statsByInput: InputStats[] = [];
  const kindOfInput: Kind[] = [];

  for (let inputIndex = 0; inputIndex < specs.length; inputIndex++) {
    const spec = specs[inputIndex]!;
    const fileIssues: Issue[] = [];
    const table = await openTable(spec, fileIssues);
    const it = table.rows[Symbol.asyncIterator]();
    const head: RawRow[] = [];
    while (head.length < HEAD_ROWS) {
      const r = await it.next();
      if (r.done) break;
      head.push(r.value);
    }
    const ref: FileRef = { file: spec.display, sheet: table.info.sheet, letters: table.info.format === 'xlsx' };
    const setup = setupTable(spec.display, table.info.sheet, head, table.merges, spec.kind, spec.source);
    const stats = newStats(spec.display, setup.kind, table.info.sheet);
    statsByInput.push(stats);
    const report: FileReport = { spec, info: table.info, setup, stats, formats: {}, samples: [], problems: [...setup.problems] };
    res.files.push(report);
    res.issues.push(...fileIssues, ...setup.warnings);
    stats.warnings += setup.warnings.filter((w) => w.severity === 'warning').length;

    if (setup.kind === 'calls' && setup.mapping && setup.mapping.fields['direction' as never] === undefined && !s.isInternal) {
      report.problems.push(makeIssue('direction_undecidable', { file: spec.display, sheet: table.info.sheet }, {
        message: 'calls without a direction column need `internal_numbers:` to tell inbound from outbound',
        hint: 'add e.g. `internal_numbers: ["^1\\\\d\\\\d$"]` (your extensions) to kpi.config.yaml',
      }));
    }
    if (report.problems.length > 0 || !setup.kind || !setup.mapping) {
      if (!opts.lenient) throw inputError(formatIssueLine(report.problems[0]!), { issue: report.problems[0]! });
      // inspect: still count the data rows
      const count = (r: RawRow) => {
        if (r.cells.every((c) => cellText(c).trim() === '')) stats.rows_blank++;
        else stats.rows_read++;
      };
      head.slice(setup.headerIndex + 1).forEach(count);
      for (;;) {
        const r = await it.next();
        if (r.done) break;
        count(r.value);
      }
      res.issues.push(...report.problems);
      continue;
    }
    const kind = setup.kind;
    kindOfInput.push(kind);
    res.has[kind] = true;
    const norm: AnyNormalizer = makeNormalizer(kind, setup, s, spec.source, ref);
    const f = setup.mapping.fields as Record<string, number | undefined>;
    if (kind === 'leads' && (f.status !== undefined || f.won_at !== undefined)) res.wonSource = true;
    if (kind === 'invoices' && 'costKnown' in norm && norm.costKnown) res.costKnown = true;
    if (kind === 'calls' && 'answeredUnknown' in norm && !norm.answeredUnknown) res.answeredKnown = true;

    const samples = report.samples;
    const loader = new FileLoader(kind, norm, setup, s, ref, stats, {
      lead: (p, row, held) => {
        if (p.id === null) {
          if (p.createdAt === null) {
            stats.rows_rejected++;
            pushReject(row, held ?? makeIssue('missing_required', { file: ref.file, sheet: ref.sheet, line: row.line, column: 'created_at' }, { expected: 'a created date', message: 'the lead has no created date', hint: null }));
            return;
          }
          stats.rows_used++;
          if (p.excluded) stats.rows_excluded++;
          res.leads.push(p as Lead);
          if (samples.length < 3) samples.push(p);
          return;
        }
        const r = store.addLead(p, { input: inputIndex, line: row.line, file: ref.file, sheet: ref.sheet, raw: opts.keepRaw ? rawOf(row) : null, held });
        for (const w of r.issues) {
          stats.warnings++;
          res.issues.push(w);
        }
        if (samples.length < 3) samples.push(p);
      },
      call: (p, row, held) => {
        if (p.id === null) {
          if (p.startedAt === null || p.direction === null) {
            stats.rows_rejected++;
            pushReject(row, held ?? makeIssue('missing_required', { file: ref.file, sheet: ref.sheet, line: row.line, column: 'started_at' }, { expected: 'a call start time', message: 'the call has no start time', hint: null }));
            return;
          }
          stats.rows_used++;
          res.calls.push(p as Call);
          if (samples.length < 3) samples.push(p);
          return;
        }
        store.addCall(p, { input: inputIndex, line: row.line, file: ref.file, sheet: ref.sheet, raw: opts.keepRaw ? rawOf(row) : null, held });
        if (samples.length < 3) samples.push(p);
      },
      invoice: (l) => {
        res.invoices.push(l);
        if (samples.length < 3) samples.push(l);
      },
      reject: (row, issue) => pushReject(row, issue),
      warn: (issue) => res.issues.push(issue),
    });
    function pushReject(row: RawRow, issue: Issue): void {
      res.issues.push(issue);
      if (opts.keepRaw) res.rejects.push({ file: ref.file, sheet: ref.sheet, line: row.line, kind, code: issue.code, column: issue.column, value: issue.value, reason: issue.message, raw: rawOf(row) });
    }
    for (const r of head.slice(setup.headerIndex + 1)) loader.add(r);
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      loader.add(r.value);
    }
    const undecided = loader.finish();
    for (const field of Object.keys(setup.mapping.fields)) report.formats[field] = (norm as { formatOf(f: string): string | null }).formatOf(field);
    if (undecided.length > 0) {
      const isDate = ['created_at', 'won_at', 'started_at', 'date', 'paid_at'].includes(undecided[0]!);
      const col = setup.headers?.[f[undecided[0]!]!] ?? undecided[0]!;
      const problem = makeIssue(isDate ? 'date_ambiguous' : 'decimal_ambiguous', { file: spec.display, sheet: table.info.sheet, column: col }, isDate
        ? { message: `column "${col}": every date could be day-first or month-first (no day above 12 in ${loader.waiting} rows)`, hint: `declare it: date_format: {${undecided[0]}: d/M/yyyy H:mm} (or M/d/yyyy) for this source` }
        : { message: `column "${col}": every amount reads either way (like 1,200 or 3.500), so the decimal mark is unknown`, hint: 'declare it: decimal_mark: "," or "." for this source' });
      report.problems.push(problem);
      if (!opts.lenient) throw inputError(formatIssueLine(problem), { issue: problem });
      res.issues.push(problem);
    }
  }

  // settle merged records, crediting each row to its own file
  const leads = settleLeads(store);
  const calls = settleCalls(store);
  for (const [settled, kind] of [[leads, 'leads'], [calls, 'calls']] as const) {
    for (const g of kind === 'leads' ? store.leads.values() : store.calls.values()) {
      g.rows.forEach((r, i) => {
        if (i > 0) statsByInput[r.input]!.rows_merged++;
      });
    }
    for (const w of settled.warnings) {
      statsByInput[w.row.input]!.warnings++;
      res.issues.push(w.issue);
    }
    for (const rj of settled.rejected) {
      statsByInput[rj.row.input]!.rows_rejected++;
      res.issues.push(rj.issue);
      if (opts.keepRaw) res.rejects.push({ file: rj.row.file, sheet: rj.row.sheet, line: rj.row.line, kind, code: rj.issue.code, column: rj.issue.column, value: rj.issue.value, reason: rj.issue.message, raw: rj.row.raw ?? '' });
    }
  }
  const rejectedRows = new Set<object>();
  for (const rj of [...leads.rejected, ...calls.rejected]) rejectedRows.add(rj.row);
  for (const m of [store.leads, store.calls]) {
    for (const g of m.values()) for (const r of g.rows) if (!rejectedRows.has(r)) statsByInput[r.input]!.rows_used++;
  }
  for (const l of leads.records) if (l.excluded) {
    const input = store.leads.get(l.id!)!.rows[0]!.input;
    statsByInput[input]!.rows_excluded++;
  }
  // a loop, not push(...xs): spreading a million records overflows the call stack
  for (const l of leads.records) res.leads.push(l);
  for (const c of calls.records) res.calls.push(c);
  // across files and records
  const counted = (issues: Issue[]) => {
    for (const i of issues) {
      const input = res.files.findIndex((f) => f.spec.display === i.file && (f.info.sheet ?? null) === (i.sheet ?? null));
      if (input >= 0) statsByInput[input]!.warnings++;
      res.issues.push(i);
    }
  };
  counted(crossFileDuplicates('leads', res.leads));
  counted(crossFileDuplicates('calls', res.calls));
  counted(crossFileDuplicates('invoices', res.invoices));
  const managers = new Set<string>();
  const channels = new Set<string>();
  for (const l of res.leads) {
    managers.add(l.manager);
    channels.add(l.channel);
  }
  for (const c of res.calls) managers.add(c.manager);
  for (const l of res.invoices) managers.add(l.manager);
  res.issues.push(...caseVariants(managers, 'manager'), ...caseVariants(channels, 'channel'));
  return res;
}
