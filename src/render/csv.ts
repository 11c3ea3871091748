/**
 * `-O csv` / `-O tsv` (SPEC §5, SPEC-DECISIONS #2, #4, #10, #24, #25, #48). Machine output: the
 * same values as JSON, each metric once under its home section, ids and labels never localized.
 *
 * - wide (default): `section,metric,group,<period…>` plus, with `--compare`, `<compare label>,
 *   delta,delta_pct` for the last period;
 * - tidy: `period,section,group_by,group,metric,value` (period-major) plus
 *   `compare_period,compare_value,delta,delta_pct` with `--compare` and `explain` with `--explain`.
 *
 * Cells: money sums with exactly 2 decimals, other numbers in shortest round-trip form (never
 * exponent notation), null as an empty cell, text neutralized against formula injection.
 * Default dialect: UTF-8 without BOM, `,` (or tab), LF, RFC 4180 quoting. `excel-ru`: BOM, `;`,
 * decimal comma, CRLF. Partial coverage (#12) and targets (#15) leave CSV unchanged.
 */
import type { Comparison, MetricRow, Report } from '../report/model.js';
import type { MetricDef, MetricKind, SectionId } from '../kpi/registry.js';
import { usageError } from '../errors/kpi-error.js';
import { neutralizeText } from './neutralize.js';
import { LINES_PER_PIECE } from './pieces.js';

export interface CsvOptions {
  layout: 'wide' | 'tidy';
  /** `,` for csv, tab for tsv. */
  delimiter: ',' | '\t';
  /** `excel-ru` only with `,` (it swaps it for `;`); with tab it is a usage error (#24). */
  dialect: 'default' | 'excel-ru';
}

/**
 * A finite number in plain decimal notation with the shortest digits that round-trip
 * (`String(x)` without its exponent form: `1e-7` → `0.0000001`, `1e21` → `1000000000000000000000`).
 * Non-finite numbers throw: a NaN reaching output is a bug upstream, and an empty cell would hide it.
 */
export function plainNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`csv: cannot write the number ${x}`);
  const s = String(x);
  const e = s.indexOf('e');
  if (e < 0) return s;
  // Re-place the decimal point of the shortest mantissa; the digits themselves stay exactly
  // those String() chose, so the result still round-trips.
  const neg = s.charCodeAt(0) === 45;
  const mant = s.slice(neg ? 1 : 0, e);
  const exp = Number(s.slice(e + 1));
  const dot = mant.indexOf('.');
  const digits = dot < 0 ? mant : mant.slice(0, dot) + mant.slice(dot + 1);
  const point = (dot < 0 ? mant.length : dot) + exp; // digits before the decimal point
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return neg ? '-' + out : out;
}

/**
 * A metric value as a CSV cell (Decision #24): `money` with exactly 2 decimals, everything else
 * (counts, ratios, per-client averages, minutes) unrounded; null → empty; `decimalComma` for excel-ru.
 */
export function csvNumber(x: number | null, kind: MetricKind, decimalComma: boolean): string {
  if (x === null) return '';
  let s: string;
  if (kind === 'money') {
    if (!Number.isFinite(x)) throw new Error(`csv: cannot write the money value ${x}`);
    s = x.toFixed(2);
    if (s === '-0.00') s = '0.00'; // a refund netting to zero is not "negative zero"
    // toFixed switches to exponent form from 1e21; no company has that much money, but never print `e`.
    if (s.indexOf('e') >= 0) s = plainNumber(x) + '.00';
  } else {
    s = plainNumber(x);
  }
  return decimalComma ? s.replace('.', ',') : s;
}

/** Ungrouped kinds (Decision #11a) are reported by input kind; a metric is split by the kind it tallies. */
function tallyKind(def: MetricDef): string | undefined {
  // Mirrors src/kpi/compute.ts: invoice-based metrics tally invoices even when they need leads too.
  return def.needs.includes('invoices') ? 'invoices' : def.needs[0];
}

interface Writer {
  text(s: string | null): void;
  num(x: number | null, kind: MetricKind): void;
  end(): void;
  /** Lines enough for a piece are waiting. */
  full(): boolean;
  /** The lines so far, each ending in the line break (the first piece with the BOM); '' for none. */
  take(): string;
}

/** Collects cells into lines; one string per line, joined a piece at a time. */
function writer(o: CsvOptions): Writer {
  const excel = o.dialect === 'excel-ru';
  const sep = excel ? ';' : o.delimiter;
  const sepCode = sep.charCodeAt(0);
  const eol = excel ? '\r\n' : '\n';
  const lines: string[] = [];
  let cells: string[] = [];
  let bom = excel ? '\uFEFF' : '';
  const quote = (s: string): string => {
    // Char-code scan: quote only when the cell holds the separator, a quote or a line break.
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === sepCode || c === 34 || c === 10 || c === 13) return '"' + s.replaceAll('"', '""') + '"';
    }
    return s;
  };
  return {
    text(s) {
      cells.push(s === null ? '' : quote(neutralizeText(s)));
    },
    num(x, kind) {
      // Numbers are never neutralized (a negative profit stays a number); with a decimal comma
      // and `;` they need no quoting either.
      cells.push(csvNumber(x, kind, excel));
    },
    end() {
      lines.push(cells.join(sep));
      cells = [];
    },
    full() {
      return lines.length >= LINES_PER_PIECE;
    },
    take() {
      const text = lines.length === 0 ? '' : bom + lines.join(eol) + eol;
      if (text !== '') bom = '';
      lines.length = 0;
      return text;
    },
  };
}

interface MachineRow {
  section: SectionId;
  row: MetricRow;
  /** Empty `group_by` for rows that are not split (ungrouped kinds, Decision #25). */
  groupBy: string | null;
}

/** Rows of machine outputs: each metric once, under its home section unless a section was asked for (#2). */
function machineRows(r: Report): MachineRow[] {
  const by = r.meta.group_by;
  const ungrouped = new Set(r.meta.ungrouped);
  const out: MachineRow[] = [];
  for (const sec of r.sections) {
    for (const row of sec.rows) {
      if (r.only === null && row.def.home !== sec.id) continue;
      const kind = tallyKind(row.def);
      const split = by !== null && !(kind !== undefined && ungrouped.has(kind));
      out.push({ section: sec.id, row, groupBy: split ? by : null });
    }
  }
  return out;
}

function comparisonAt(r: Report, row: MetricRow, ci: number): Comparison | null {
  const basis = r.meta.compare;
  if (basis === null) return null;
  const list = basis === 'prev' ? row.compare.prev : basis === 'yoy' ? row.compare.yoy : row.compare.fixed;
  return list[ci] ?? null;
}

function explainText(row: MetricRow, ci: number): string {
  const terms = row.terms[ci];
  if (!terms) return row.def.formula;
  const parts: string[] = [];
  for (const k in terms) {
    const v = terms[k];
    parts.push(`${k}=${v === null || v === undefined ? 'null' : plainNumber(v)}`);
  }
  return parts.length ? `${row.def.formula}; ${parts.join(', ')}` : row.def.formula;
}

function* renderWide(r: Report, w: Writer, rows: readonly MachineRow[]): Generator<string> {
  const last = r.columns.length - 1;
  const withCompare = r.meta.compare !== null && last >= 0;
  w.text('section');
  w.text('metric');
  w.text('group');
  for (const c of r.columns) w.text(c.label);
  if (withCompare) {
    // The head names the compared period; rows whose comparison is undefined (ISO W53 yoy) leave it empty.
    let label: string | null = null;
    for (const m of rows) label ??= comparisonAt(r, m.row, last)?.period ?? null;
    w.text(label ?? 'compare');
    w.text('delta');
    w.text('delta_pct');
  }
  w.end();
  for (const { section, row } of rows) {
    w.text(section);
    w.text(row.def.id);
    w.text(row.group);
    for (let ci = 0; ci <= last; ci++) w.num(row.values[ci] ?? null, row.def.kind);
    if (withCompare) {
      const c = comparisonAt(r, row, last);
      w.num(c?.value ?? null, row.def.kind);
      // Δ is in the value's unit (money keeps 2 decimals); Δ% is a plain ratio.
      w.num(c?.delta ?? null, row.def.kind);
      w.num(c?.delta_pct ?? null, 'ratio');
    }
    w.end();
    if (w.full()) yield w.take();
  }
  yield w.take();
}

function* renderTidy(r: Report, w: Writer, rows: readonly MachineRow[]): Generator<string> {
  const withCompare = r.meta.compare !== null;
  const head = ['period', 'section', 'group_by', 'group', 'metric', 'value'];
  if (withCompare) head.push('compare_period', 'compare_value', 'delta', 'delta_pct');
  if (r.explain) head.push('explain');
  for (const h of head) w.text(h);
  w.end();
  // Period-major (Decision #25), like JSON rows.
  for (let ci = 0; ci < r.columns.length; ci++) {
    const col = r.columns[ci]!;
    for (const { section, row, groupBy } of rows) {
      w.text(col.label);
      w.text(section);
      w.text(groupBy);
      w.text(row.group);
      w.text(row.def.id);
      w.num(row.values[ci] ?? null, row.def.kind);
      if (withCompare) {
        const c = comparisonAt(r, row, ci);
        w.text(c?.period ?? null);
        w.num(c?.value ?? null, row.def.kind);
        w.num(c?.delta ?? null, row.def.kind);
        w.num(c?.delta_pct ?? null, 'ratio');
      }
      if (r.explain) w.text(explainText(row, ci));
      w.end();
      if (w.full()) yield w.take();
    }
  }
  yield w.take();
}

/**
 * The report as CSV or TSV. Throws a usage error (exit 2) for `excel-ru` with a tab delimiter
 * (Decision #24); the CLI should refuse that combination before any work, this is the backstop.
 */
export function renderCsv(r: Report, o: CsvOptions): string {
  return [...renderCsvChunks(r, o)].join('');
}

/** {@link renderCsv} in pieces, for writing as they are made (see pieces.ts). */
export function renderCsvChunks(r: Report, o: CsvOptions): Generator<string> {
  if (o.dialect === 'excel-ru' && o.delimiter !== ',') {
    throw usageError('--csv-dialect applies to csv only', 'drop --csv-dialect, or use -O csv');
  }
  const w = writer(o);
  const rows = machineRows(r);
  return o.layout === 'wide' ? renderWide(r, w, rows) : renderTidy(r, w, rows);
}
