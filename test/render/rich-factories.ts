/**
 * `Report` builders for the html and xlsx tests: a four-month dashboard of every section with
 * hostile group, file and issue texts, comparisons built the way src/report/build.ts builds
 * them, sparkline history, targets (ok / missed / pending), a clipped first column and a
 * partial last column. Self-contained on purpose: the plain-format factories are edited by
 * their owner while these tests run.
 */
import type { Column } from '../../src/period/types.js';
import { formatDay, dayFromYmd } from '../../src/period/calendar.js';
import type { Comparison, GroupBy, MetricRow, Report, ReportSection, TargetStatus } from '../../src/report/model.js';
import type { Issue, IssueCode } from '../../src/errors/issue.js';
import { metricDef, type MetricId, type SectionId } from '../../src/kpi/registry.js';
import { compareGroups } from '../../src/kpi/groups.js';
import { NONE, UNATTRIBUTED } from '../../src/records/types.js';

/** Names that try to break HTML, spreadsheets, XML escaping or bidi layout. */
export const HOSTILE_NAMES = [
  '=HYPERLINK("http://evil.example/x","click")',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '</td></tr></table><b>',
  `O'Brien "Big" & Co`,
  'line1\nline2',
  'crlf\r\nhere',
  '\tleading tab',
  '+7 912 345-67-89',
  '-minus',
  '@SUM(A1)',
  'مرحبا بالعالم',
  'Иванов И.И.',
  '_x0041_ literal',
  'ctl\u0001char',
  '//evil.example/path',
  'javascript:alert(1)',
] as const;

/** The month `label` (`2026-10`) as a column, optionally clipped to days [from, to). */
export function month(label: string, clip?: { from: number; to: number }): Column {
  const [y, m] = label.split('-').map(Number) as [number, number];
  const fullStart = dayFromYmd(y, m, 1);
  const fullEnd = dayFromYmd(y, m + 1, 1);
  return {
    label,
    interval: 'month',
    start: clip ? dayFromYmd(y, m, clip.from) : fullStart,
    end: clip ? dayFromYmd(y, m, clip.to) : fullEnd,
    fullStart,
    fullEnd,
    clipped: clip !== undefined,
  };
}

/** A comparison as build.ts makes it (money deltas in cents, no delta_pct for ratios). */
export function comparison(id: MetricId, basis: Comparison['basis'], period: string, value: number | null, base: number | null): Comparison {
  const def = metricDef(id)!;
  const delta = value !== null && base !== null ? (def.kind === 'money' ? Math.round((value - base) * 100) / 100 : value - base) : null;
  const pct = delta !== null && base !== null && base !== 0 && def.kind !== 'ratio' ? delta / Math.abs(base) : null;
  return { basis, period, start: `${period}-01`, end: `${period}-28`, value: base, delta, delta_pct: pct };
}

/** A bare metric row; `extra` overrides any part. */
export function metricRow(id: MetricId, group: string | null, values: (number | null)[], extra: Partial<MetricRow> = {}): MetricRow {
  const def = metricDef(id);
  if (!def) throw new Error(`factory: unknown metric ${id}`);
  const none = () => values.map(() => null);
  return { def, group, values, terms: none(), compare: { prev: none(), yoy: none(), fixed: none() }, spark: null, targets: none(), ...extra };
}

export interface RichInit {
  groupBy?: GroupBy;
  compare?: 'prev' | 'yoy' | 'period' | null;
  explain?: boolean;
  groups?: readonly string[];
  /** Clip the first column to days 10–end (default true). */
  clipped?: boolean;
  /** Mark the last column partial for invoices (default true). */
  partial?: boolean;
  only?: SectionId | null;
}

export const LABELS = ['2026-07', '2026-08', '2026-09', '2026-10'] as const;

/** Headline values per metric over the four months (nulls and awkward numbers on purpose). */
const VALUES: Partial<Record<MetricId, (number | null)[]>> = {
  leads_total: [120, 1234, 0, 17],
  leads_inbound: [80, 1000, 0, 12],
  leads_outbound: [40, 234, 0, 5],
  leads_won: [null, 30, 3, 5],
  lead_conversion: [null, 30 / 1234, 1e-7, 5 / 17],
  calls_outbound: [610, 480, 700, 655],
  calls_outbound_answered: [300, 200, null, 320],
  new_sales_inbound: [4, 9, 0, 2],
  inbound_efficiency: [0.05, 0.009, null, 1 / 6],
  calls_inbound: [400, 410, 395, 430],
  calls_inbound_missed: [20, 31, 12, 9],
  missed_rate: [0.05, 31 / 410, 12 / 395, 9 / 430],
  missed_unreturned: [3, 0, 2, 1],
  callback_minutes_median: [12.5, 0.1 + 0.2, null, 7.25],
  revenue: [987654.32, 1234567.5, 0.1, 99.99],
  profit: [1200, -3, null, 0],
  revenue_per_client: [1234.5678, 2 / 3, null, 99.99],
  retention_rate: [0.9, 0.8, 1, 0],
};

const SECTION_METRICS: Record<SectionId, MetricId[]> = {
  leads: ['leads_total', 'leads_inbound', 'leads_outbound', 'leads_won', 'lead_conversion'],
  active: ['calls_outbound', 'calls_outbound_answered', 'leads_outbound'],
  inbound: ['leads_inbound', 'new_sales_inbound', 'inbound_efficiency'],
  calls: ['calls_inbound', 'calls_inbound_missed', 'missed_rate', 'missed_unreturned', 'callback_minutes_median', 'calls_outbound'],
  clients: ['revenue', 'profit', 'revenue_per_client', 'retention_rate'],
};

/** Targets (Decision #15) shown on total rows: one ok-then-missed min, one missed max, a ratio min. */
function targetsFor(id: MetricId, values: readonly (number | null)[]): (TargetStatus | null)[] {
  const status = (ok: boolean, i: number): TargetStatus['status'] => (i === values.length - 1 ? 'pending' : ok ? 'ok' : 'missed');
  if (id === 'calls_outbound') return values.map((v, i) => ({ min: 600, max: null, status: status(v !== null && v >= 600, i) }));
  if (id === 'missed_unreturned') return values.map((v, i) => ({ min: null, max: 0, status: status(v === 0, i) }));
  if (id === 'retention_rate') return values.map((v, i) => ({ min: 0.8, max: null, status: status(v !== null && v >= 0.8, i) }));
  return values.map(() => null);
}

/** Group names in report order (Decision #25): code point, placeholders last. */
export function orderedGroups(names: readonly string[]): string[] {
  return [...names].sort(compareGroups);
}

/** A group's share of a total, at the kind's precision (whole counts, money in cents). */
function share(id: MetricId, v: number | null, k: number): number | null {
  if (v === null) return null;
  const kind = metricDef(id)!.kind;
  return kind === 'count' ? Math.floor(v / k) : kind === 'money' ? Math.round((v * 100) / k) / 100 : v / k;
}

function richRow(id: MetricId, group: string | null, values: (number | null)[], basis: RichInit['compare']): MetricRow {
  const cmp = (b: 'prev' | 'yoy' | 'period') =>
    values.map((v, i) => (basis === b ? comparison(id, b, b === 'period' ? '2025-10' : (LABELS[i - 1] ?? '2026-06'), v, values[i - 1] ?? 3) : null));
  // Without --compare the table default: prev and yoy for the last column only (Decision #4).
  const last = values.length - 1;
  const dflt = (b: 'prev' | 'yoy') => values.map((v, i) => (i === last ? comparison(id, b, b === 'prev' ? '2026-09' : '2025-10', v, b === 'prev' ? (values[i - 1] ?? null) : 10) : null));
  const compare = basis ? { prev: cmp('prev'), yoy: cmp('yoy'), fixed: cmp('period') } : { prev: dflt('prev'), yoy: dflt('yoy'), fixed: values.map(() => null) };
  const spark = [...[3, 5, null, 8, 6, 9, 11, 10], ...values];
  return metricRow(id, group, values, {
    terms: values.map((v) => (v === null ? null : { num: v, den: 2 })),
    compare,
    spark: group === null ? spark : spark.map((x) => share(id, x, 2)),
    targets: group === null ? targetsFor(id, values) : values.map(() => null),
  });
}

export function issue(code: IssueCode, value: string | null, message: string): Issue {
  return { severity: 'error', code, file: 'crm/leads.csv', sheet: null, line: 7, column: 'Сумма', columnIndex: 3, value, expected: 'a number', hint: 'fix the cell', message };
}

/** The dashboard; see the module comment. */
export function richReport(o: RichInit = {}): Report {
  const columns = LABELS.map((l, i) => (i === 0 && o.clipped !== false ? month(l, { from: 10, to: 32 }) : month(l)));
  const groups = o.groupBy ? orderedGroups([...(o.groups ?? HOSTILE_NAMES), NONE, UNATTRIBUTED]) : [];
  const basis = o.compare ?? null;
  const ungrouped = o.groupBy === 'segment' ? ['calls'] : [];
  const sectionIds: SectionId[] = o.only ? [o.only] : ['leads', 'active', 'inbound', 'calls', 'clients'];
  const sections: ReportSection[] = sectionIds.map((id) => ({
    id,
    rows: SECTION_METRICS[id].flatMap((m) => {
      const values = VALUES[m] ?? [1, 2, 3, 4];
      const split = !(id === 'calls' && ungrouped.length);
      return [richRow(m, null, values, basis), ...(split ? groups.map((g, gi) => richRow(m, g, values.map((v) => share(m, v, gi + 2)), basis)) : [])];
    }),
  }));
  const partialKinds = (i: number) => (o.partial !== false && i === columns.length - 1 ? ['invoices'] : []);
  return {
    meta: {
      version: '0.0.0-test',
      today: '2026-11-15',
      timezone: 'Europe/Moscow',
      span: { start: formatDay(columns[0]!.start), end: formatDay(columns[columns.length - 1]!.end) },
      interval: 'month',
      group_by: o.groupBy ?? null,
      inputs: [
        { file: 'crm/<leads> & "q".csv', kind: 'leads', sheet: null, rows_read: 1500, rows_used: 1497, rows_rejected: 3, rows_blank: 2, rows_merged: 4, rows_void: 1, rows_excluded: 0, warnings: 5 },
        { file: '=cmd|calls.xlsx', kind: 'calls', sheet: 'Звонки', rows_read: 2400, rows_used: 2400, rows_rejected: 0, rows_blank: 0, rows_merged: 0, rows_void: 0, rows_excluded: 0, warnings: 0 },
        { file: '1c/invoices.csv', kind: 'invoices', sheet: null, rows_read: 310, rows_used: 300, rows_rejected: 10, rows_blank: 0, rows_merged: 0, rows_void: 0, rows_excluded: 2, warnings: 1 },
      ],
      records: { leads: 1493, calls: 2400, invoices: 120 },
      inputs_missing: [],
      coverage: {},
      columns: columns.map((c, i) => ({ period: c.label, start: formatDay(c.start), end: formatDay(c.end), clipped: c.clipped, partial_kinds: partialKinds(i) })),
      ungrouped,
      compare: basis,
    },
    columns,
    sections,
    only: o.only ?? null,
    explain: o.explain ?? false,
    issues: [
      issue('bad_amount', '=1+2', 'amount "=1+2" is not a number'),
      issue('bad_date', '<script>x</script>', 'date is not a date'),
      { ...issue('duplicate_row', null, 'exact duplicate of line 5'), severity: 'warning', line: null, column: null, columnIndex: null },
    ],
  };
}
