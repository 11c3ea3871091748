/**
 * Assemble the report: one metric computation over every span a run needs (the columns, their
 * comparison spans, the sparkline history) and the rows of each section. Pure: today, spans and
 * records come in.
 */
import type { Column, Day, Span, WeekStart } from '../period/types.js';
import { MS_PER_DAY } from '../period/types.js';
import { formatDay, intervalLabel } from '../period/calendar.js';
import { previousSpan, trailingColumns, yoySpan } from '../period/compare.js';
import { computeMetrics, type ComputeOptions } from '../kpi/compute.js';
import type { Linked } from '../kpi/link.js';
import { METRICS, type MetricDef, type SectionId } from '../kpi/registry.js';
import type { Comparison, MetricRow, Report, ReportSection, GroupBy, TargetStatus } from './model.js';

export interface ReportRequest {
  columns: Column[];
  weekStart: WeekStart;
  today: Day;
  groupBy: GroupBy;
  /** Machine comparison basis (--compare), applied to every column. */
  compare: { basis: 'prev' | 'yoy' } | { basis: 'period'; span: Span; label: string } | null;
  /** Table default: prev and yoy for the last column. */
  defaultCompare: boolean;
  sparkline: boolean;
  only: SectionId | null;
  compute: Omit<ComputeOptions, 'groupBy' | 'membershipSpan'>;
}

interface SpanSet {
  spans: Span[];
  prevs: Span[];
  add(s: Span): number;
}

function spanSet(weekStart: WeekStart): SpanSet {
  const spans: Span[] = [];
  const prevs: Span[] = [];
  const index = new Map<string, number>();
  return {
    spans,
    prevs,
    add(s: Span & Partial<Column>): number {
      const k = `${s.start}:${s.end}`;
      const got = index.get(k);
      if (got !== undefined) return got;
      index.set(k, spans.length);
      spans.push({ start: s.start, end: s.end });
      // P₋₁: for real columns the period module knows clipping; for other spans, the same length before
      prevs.push('interval' in s && s.interval ? previousSpan(s as Column, weekStart) : { start: s.start - (s.end - s.start), end: s.start });
      return spans.length - 1;
    },
  };
}

const RATIO_KINDS = new Set(['ratio']);

function comparison(def: MetricDef, basis: Comparison['basis'], span: Span, label: string, value: number | null, base: number | null): Comparison {
  const delta = value !== null && base !== null ? round(value - base, def) : null;
  const pct = delta !== null && base !== null && base !== 0 && !RATIO_KINDS.has(def.kind) ? delta / Math.abs(base) : null;
  return { basis, period: label, start: formatDay(span.start), end: formatDay(span.end), value: base, delta, delta_pct: pct };
}

function round(x: number, def: MetricDef): number {
  return def.kind === 'money' ? Math.round(x * 100) / 100 : x;
}

export function buildReport(linked: Linked, req: ReportRequest): Omit<Report, 'meta' | 'issues' | 'explain'> {
  const cols = req.columns;
  const set = spanSet(req.weekStart);
  const colIdx = cols.map((c) => set.add(c));
  const n = cols.length;
  const wantPrev = (i: number) => req.compare?.basis === 'prev' || (req.defaultCompare && i === n - 1);
  const wantYoy = (i: number) => req.compare?.basis === 'yoy' || (req.defaultCompare && i === n - 1);
  const prevIdx = cols.map((c, i) => (wantPrev(i) ? set.add({ ...previousSpan(c, req.weekStart) }) : -1));
  const yoySpans = cols.map((c, i) => (wantYoy(i) ? yoySpan(c, req.weekStart) : null));
  const yoyIdx = yoySpans.map((s) => (s ? set.add(s) : -1));
  const fixed = req.compare?.basis === 'period' ? req.compare : null;
  const fixedIdx = fixed ? set.add(fixed.span) : -1;
  let sparkCols: Column[] = [];
  if (req.sparkline && n > 0) sparkCols = trailingColumns(cols[n - 1]!, 12, req.weekStart);
  const sparkIdx = sparkCols.map((c) => set.add(c));

  const first = cols[0];
  const membership: Span = first ? { start: previousSpan(first, req.weekStart).start, end: cols[n - 1]!.end } : { start: 0, end: 0 };
  // terms are shown for the report's own columns only (--explain, the table's unknown cells)
  const termsOf = set.spans.map(() => false);
  for (const i of colIdx) termsOf[i] = true;
  const result = computeMetrics(linked, set.spans, set.prevs, { ...req.compute, groupBy: req.groupBy, membershipSpan: membership, termsOf });

  // per column, not per row: the comparison periods' labels, and one array of nulls shared by
  // every row for a comparison no column makes (a grouped report has a row per metric and group)
  const prevLabels = cols.map((c, i) => (prevIdx[i]! < 0 ? '' : intervalLabel(set.spans[prevIdx[i]!]!.start, c.interval, req.weekStart)));
  const yoyLabels = cols.map((c, i) => (yoySpans[i] ? intervalLabel(yoySpans[i]!.start, c.interval, req.weekStart) : ''));
  const noComparisons = Object.freeze(cols.map(() => null)) as unknown as (Comparison | null)[];
  // targets are set later (targets.ts), on a copy for the rows they apply to
  const noTargets = Object.freeze(cols.map(() => null)) as unknown as (TargetStatus | null)[];
  const anyPrev = prevIdx.some((i) => i >= 0);
  const anyYoy = yoySpans.some((s) => s !== null);

  const byMetric = new Map<string, typeof result.cells>();
  for (const cell of result.cells) {
    const list = byMetric.get(cell.metric) ?? [];
    list.push(cell);
    byMetric.set(cell.metric, list);
  }
  const sections: ReportSection[] = [];
  const sectionIds: SectionId[] = req.only ? [req.only] : ['leads', 'active', 'inbound', 'calls', 'clients'];
  for (const sid of sectionIds) {
    const rows: MetricRow[] = [];
    for (const def of METRICS) {
      if (!def.sections.includes(sid)) continue;
      const cells = byMetric.get(def.id);
      if (!cells) continue;
      const allowed = new Set(result.sectionGroups?.[sid] ?? []);
      for (const cell of cells) {
        if (cell.group !== null && result.sectionGroups && !allowed.has(cell.group)) continue;
        const v = (i: number) => (i < 0 ? null : cell.values[i] ?? null);
        const row: MetricRow = {
          def,
          group: cell.group,
          values: colIdx.map(v),
          terms: colIdx.map((i) => cell.terms[i] ?? null),
          compare: {
            prev: anyPrev ? cols.map((_, i) => (prevIdx[i]! < 0 ? null : comparison(def, 'prev', set.spans[prevIdx[i]!]!, prevLabels[i]!, v(colIdx[i]!), v(prevIdx[i]!)))) : noComparisons,
            yoy: anyYoy ? cols.map((_, i) => (yoySpans[i] ? comparison(def, 'yoy', yoySpans[i]!, yoyLabels[i]!, v(colIdx[i]!), v(yoyIdx[i]!)) : null)) : noComparisons,
            fixed: fixed ? cols.map((_, i) => comparison(def, 'period', fixed.span, fixed.label, v(colIdx[i]!), v(fixedIdx))) : noComparisons,
          },
          spark: sparkIdx.length ? sparkIdx.map(v) : null,
          targets: noTargets,
        };
        rows.push(row);
      }
    }
    if (rows.length) sections.push({ id: sid, rows });
  }
  return { columns: cols, sections, only: req.only };
}

/** End of a day as wall ms. */
export function dayEndWall(day: Day): number {
  return (day + 1) * MS_PER_DAY;
}
