/**
 * Small `Report` builders for renderer tests: columns from labels, metric rows from the registry,
 * comparisons computed the way src/report/build.ts does (delta, delta_pct null for ratios), and a
 * sample dashboard with hostile group names, money with fractional cents, tiny ratios and nulls.
 */
import type { Column } from '../../src/period/types.js';
import { MS_PER_DAY } from '../../src/period/types.js';
import { formatDay } from '../../src/period/calendar.js';
import type { Comparison, GroupBy, MetricRow, Report, ReportSection } from '../../src/report/model.js';
import { metricDef, type MetricId, type SectionId } from '../../src/kpi/registry.js';
import { compareGroups } from '../../src/kpi/groups.js';
import { NONE, UNATTRIBUTED } from '../../src/records/types.js';

/** Group names that try to break CSV, spreadsheets, Markdown or HTML. */
export const HOSTILE = [
  '=HYPERLINK("http://x")',
  '+7 912 345-67-89',
  '-',
  '@SUM(A1)',
  'say "hi"',
  'line1\nline2',
  'crlf\r\nhere',
  'tab\there',
  '\tleading tab',
  'مرحبا',
  '<script>alert(1)</script>',
  'a|b',
  'a,b',
  'a;b',
  '[x](http://evil)',
  'Иванов И.И.',
] as const;

function dayOf(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** The month column `2026-10`, optionally clipped to [from, to) days of the month. */
export function monthColumn(label: string, clip?: { from: number; to: number }): Column {
  const [y, m] = label.split('-').map(Number) as [number, number];
  const fullStart = dayOf(y, m, 1);
  const fullEnd = dayOf(y, m + 1, 1);
  const start = clip ? dayOf(y, m, clip.from) : fullStart;
  const end = clip ? dayOf(y, m, clip.to) : fullEnd;
  return { label, interval: 'month', start, end, fullStart, fullEnd, clipped: clip !== undefined };
}

/** A comparison as build.ts makes it. */
export function comparison(id: MetricId, basis: Comparison['basis'], period: string, value: number | null, base: number | null): Comparison {
  const def = metricDef(id)!;
  const delta = value !== null && base !== null ? (def.kind === 'money' ? Math.round((value - base) * 100) / 100 : value - base) : null;
  const pct = delta !== null && base !== null && base !== 0 && def.kind !== 'ratio' ? delta / Math.abs(base) : null;
  return { basis, period, start: `${period}-01`, end: `${period}-28`, value: base, delta, delta_pct: pct };
}

/** A metric × group row with nothing but values; pass `extra` for terms, comparisons, targets. */
export function metricRow(id: MetricId, group: string | null, values: (number | null)[], extra: Partial<MetricRow> = {}): MetricRow {
  const def = metricDef(id);
  if (!def) throw new Error(`factory: unknown metric ${id}`);
  const none = () => values.map(() => null);
  return {
    def,
    group,
    values,
    terms: none(),
    compare: { prev: none(), yoy: none(), fixed: none() },
    spark: null,
    targets: none(),
    ...extra,
  };
}

export interface ReportInit {
  columns: Column[];
  sections: ReportSection[];
  groupBy?: GroupBy;
  compare?: Report['meta']['compare'];
  explain?: boolean;
  only?: SectionId | null;
  ungrouped?: string[];
  inputsMissing?: string[];
  /** partial_kinds per column index. */
  partial?: Record<number, string[]>;
}

export function makeReport(o: ReportInit): Report {
  const first = o.columns[0];
  const last = o.columns[o.columns.length - 1];
  return {
    meta: {
      version: '0.0.0-test',
      today: '2026-11-15',
      timezone: 'Europe/Moscow',
      span: first && last ? { start: formatDay(first.start), end: formatDay(last.end) } : null,
      interval: 'month',
      group_by: o.groupBy ?? null,
      inputs: [
        { file: 'crm|leads.csv', kind: 'leads', sheet: null, rows_read: 10, rows_used: 9, rows_rejected: 1, rows_blank: 0, rows_merged: 0, rows_void: 0, rows_excluded: 0, warnings: 0 },
      ],
      records: { leads: 9, calls: 0, invoices: 0 },
      inputs_missing: o.inputsMissing ?? [],
      coverage: {},
      columns: o.columns.map((c, i) => ({
        period: c.label,
        start: formatDay(c.start),
        end: formatDay(c.end),
        clipped: c.clipped,
        partial_kinds: o.partial?.[i] ?? [],
      })),
      ungrouped: o.ungrouped ?? [],
      compare: o.compare ?? null,
    },
    columns: o.columns,
    sections: o.sections,
    only: o.only ?? null,
    explain: o.explain ?? false,
    issues: [],
  };
}

/** Group names in report order (Decision #25): code point, placeholders last. */
export function orderedGroups(names: readonly string[]): string[] {
  return [...names].sort(compareGroups);
}

export interface SampleInit {
  groupBy?: GroupBy;
  compare?: 'prev' | 'yoy' | 'period' | null;
  explain?: boolean;
  groups?: readonly string[];
}

/**
 * A three-month dashboard: leads (with `leads_inbound` also listed under inbound), calls and
 * clients; money with fractional cents and a negative profit, a 1e-7 ratio, unknown values.
 */
export function sampleReport(o: SampleInit = {}): Report {
  const labels = ['2026-08', '2026-09', '2026-10'];
  const columns = labels.map((l) => monthColumn(l));
  const groups = o.groupBy ? orderedGroups([...(o.groups ?? HOSTILE), NONE, UNATTRIBUTED]) : [];
  const basis = o.compare ?? null;
  const row = (id: MetricId, group: string | null, values: (number | null)[]): MetricRow => {
    const cmp = (b: 'prev' | 'yoy' | 'period') =>
      values.map((v, i) => (basis === b ? comparison(id, b, b === 'period' ? '2025-10' : labels[i - 1] ?? '2026-07', v, values[i - 1] ?? 3) : null));
    const terms = values.map((v) => (v === null ? null : { num: v, den: 0.5 }));
    return metricRow(id, group, values, { terms, compare: { prev: cmp('prev'), yoy: cmp('yoy'), fixed: cmp('period') } });
  };
  // A group's share of the total, kept to the kind's precision: whole counts, money in cents.
  const share = (id: MetricId, v: number | null, k: number): number | null => {
    if (v === null) return null;
    const kind = metricDef(id)!.kind;
    return kind === 'count' ? Math.floor(v / k) : kind === 'money' ? Math.round((v * 100) / k) / 100 : v / k;
  };
  const withGroups = (id: MetricId, values: (number | null)[], split = true): MetricRow[] => [
    row(id, null, values),
    ...(split ? groups.map((g, gi) => row(id, g, values.map((v) => share(id, v, gi + 2)))) : []),
  ];
  const leads = [
    ...withGroups('leads_total', [1234, 0, 17]),
    ...withGroups('leads_inbound', [1000, 0, 12]),
    ...withGroups('leads_won', [null, 3, 5]),
    ...withGroups('lead_conversion', [1 / 3, 1e-7, null]),
  ];
  const inbound = [...withGroups('leads_inbound', [1000, 0, 12]), ...withGroups('inbound_efficiency', [0.25, 2.5e-8, 1 / 7])];
  const ungroupedCalls = o.groupBy === 'segment';
  const calls = [
    ...withGroups('calls_inbound', [40, 50, 60], !ungroupedCalls),
    ...withGroups('callback_minutes_median', [12.5, 0.1 + 0.2, null], !ungroupedCalls),
  ];
  const clients = [
    ...withGroups('revenue', [1234567.5, 0.1, 99.99]),
    ...withGroups('profit', [-3, null, 0]),
    ...withGroups('revenue_per_client', [1234.5678, 2 / 3, null]),
    ...withGroups('retention_rate', [0.8, 1, 0]),
  ];
  return makeReport({
    columns,
    groupBy: o.groupBy ?? null,
    compare: basis,
    explain: o.explain ?? false,
    ungrouped: ungroupedCalls ? ['calls'] : [],
    sections: [
      { id: 'leads', rows: leads },
      { id: 'inbound', rows: inbound },
      { id: 'calls', rows: calls },
      { id: 'clients', rows: clients },
    ],
  });
}
