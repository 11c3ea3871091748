/**
 * The metric engine: linked records × column spans → one cell per (metric, group) with a value
 * per column. One pass over each record kind fills every (column, group) tally (`passes.ts`);
 * values come from finishing those tallies (`finish.ts`), so a total is computed on all records,
 * never by averaging group ratios. Pure: the caller passes spans and "today".
 */
import type { Span } from '../period/types.js';
import { callTally, invoiceTally, leadTally } from './accumulators.js';
import { classifyMissed } from './callbacks.js';
import { DayIndex } from './day-index.js';
import { finishMetric, type CellTallies } from './finish.js';
import { compareGroups, ungroupedKinds, type GroupBy } from './groups.js';
import type { Linked } from './link.js';
import { passCalls, passInvoices, passLeads, TallyGrid } from './passes.js';
import { METRICS, SECTION_IDS, type InputKind, type MetricDef, type MetricId, type SectionId } from './registry.js';

export type { GroupBy } from './groups.js';

export interface ComputeOptions {
  groupBy: GroupBy;
  callbackWindowHours: number;
  /** End of --today as wall ms (start of the next day) — for pending missed calls. */
  todayEndWall: number;
  has: { leads: boolean; calls: boolean; invoices: boolean };
  /** False when no lead source maps status or won_at and no invoices are given → won-based = null. */
  wonKnown: boolean;
  /** False when no invoice source maps cost/unit_cost/profit → profit metrics null. */
  costKnown: boolean;
  /** False when no call source can tell answered → answered-based metrics null. */
  answeredKnown: boolean;
  /** Decision #50: groups with a record in this span get rows in every column. */
  membershipSpan: Span;
  /**
   * The columns whose terms are kept (default: all). A report computes more spans than it shows —
   * the previous period, last year, twelve for the sparkline — and a terms object per span, group
   * and metric was most of a report's memory when grouped by a column of many values.
   */
  termsOf?: readonly boolean[];
}

export interface MetricCell {
  metric: MetricId;
  /** null = the total (or ungrouped) row. */
  group: string | null;
  values: (number | null)[];
  /** Decision #10 terms per column, e.g. {leads_won: 12, leads_total: 40} (null where not kept: `termsOf`). */
  terms: (Record<string, number | null> | null)[];
}

export interface ComputeResult {
  /** Registry order; per metric the total first, then its groups in `compareGroups` order. */
  cells: MetricCell[];
  /** Every group that has a row somewhere, ordered. */
  groups: string[];
  /** Kinds whose metrics are not split under this grouping (Decision #11a, `meta.ungrouped`). */
  ungrouped: InputKind[];
  /**
   * Decision #50 per section: the groups with a record of the section's kinds in the membership
   * span. A metric listed in several sections has rows for the union; a renderer showing one
   * section keeps the rows of `sectionGroups[section]`.
   */
  sectionGroups: Record<SectionId, string[]>;
}

/** The record kind whose tally a metric is finished from. */
function tallyKind(m: MetricDef): InputKind {
  return m.needs.includes('invoices') ? 'invoices' : (m.needs[0] as InputKind);
}

/** Report columns plus their P₋₁ spans, deduplicated (neighbouring columns share spans). */
function invoiceSpans(columns: readonly Span[], prevSpans: readonly Span[]) {
  const spans: Span[] = [];
  const seen = new Map<string, number>();
  const at = (s: Span): number => {
    const k = `${s.start}:${s.end}`;
    let i = seen.get(k);
    if (i === undefined) {
      seen.set(k, (i = spans.length));
      spans.push({ start: s.start, end: s.end });
    }
    return i;
  };
  return { spans, col: columns.map(at), prev: prevSpans.map(at) };
}

/**
 * Compute every computable metric for every column and group.
 * `columns` are arbitrary spans (they may overlap or be non-contiguous: comparison and sparkline
 * columns come in the same call); `prevSpans[i]` is the P₋₁ of `columns[i]` for retention.
 */
export function computeMetrics(
  linked: Linked,
  columns: readonly Span[],
  prevSpans: readonly Span[],
  opts: ComputeOptions,
): ComputeResult {
  if (prevSpans.length !== columns.length) {
    throw new Error(`computeMetrics: ${columns.length} columns but ${prevSpans.length} previous spans`);
  }
  const by = opts.groupBy;
  const n = columns.length;
  const grid = new TallyGrid(opts.membershipSpan);
  const colIdx = new DayIndex(columns);
  if (opts.has.leads) passLeads(grid, linked, colIdx, n, by);
  if (opts.has.calls) {
    const fates = classifyMissed(linked.tables.calls, opts);
    passCalls(grid, linked.tables.calls, fates, colIdx, n, by);
  }
  const inv = invoiceSpans(columns, prevSpans);
  if (opts.has.invoices) passInvoices(grid, linked, inv.spans, new DayIndex(inv.spans), by);

  const ungrouped = ungroupedKinds(by, opts.has);
  const computable = METRICS.filter((m) => m.needs.every((k) => opts.has[k]));
  const sectionGroups = groupsBySection(grid, computable, by, ungrouped);

  const empty = { lead: leadTally.init(), call: callTally.init(), invoice: invoiceTally.init() };
  const talliesAt = (g: number, c: number): CellTallies => ({
    lead: grid.lead[g]?.[c] ?? empty.lead,
    call: grid.call[g]?.[c] ?? empty.call,
    invoice: grid.invoice[g]?.[inv.col[c] as number] ?? empty.invoice,
    prevInvoice: grid.invoice[g]?.[inv.prev[c] as number] ?? empty.invoice,
  });
  const known = { wonKnown: opts.wonKnown, costKnown: opts.costKnown, answeredKnown: opts.answeredKnown };
  const termsOf = opts.termsOf;
  const cellOf = (m: MetricDef, group: string | null, g: number): MetricCell => {
    const values: (number | null)[] = [];
    const terms: (Record<string, number | null> | null)[] = [];
    for (let c = 0; c < n; c++) {
      const f = finishMetric(m.id, talliesAt(g, c), known);
      values.push(f.value);
      terms.push(termsOf === undefined || termsOf[c] === true ? f.terms : null);
    }
    return { metric: m.id, group, values, terms };
  };

  const cells: MetricCell[] = [];
  for (const m of computable) {
    cells.push(cellOf(m, null, 0));
    if (by === null || ungrouped.includes(tallyKind(m))) continue;
    const names = new Set<string>();
    for (const s of m.sections) for (const name of sectionGroups[s]) names.add(name);
    for (const name of [...names].sort(compareGroups)) cells.push(cellOf(m, name, grid.groupId(name)));
  }
  const all = new Set<string>();
  for (const s of SECTION_IDS) for (const name of sectionGroups[s]) all.add(name);
  return { cells, groups: [...all].sort(compareGroups), ungrouped, sectionGroups };
}

/** Decision #50: a section's groups are those with a record of the section's (grouped) kinds. */
function groupsBySection(
  grid: TallyGrid,
  computable: readonly MetricDef[],
  by: GroupBy,
  ungrouped: readonly InputKind[],
): Record<SectionId, string[]> {
  const out = {} as Record<SectionId, string[]>;
  for (const s of SECTION_IDS) {
    const ids = new Set<number>();
    if (by !== null) {
      for (const m of computable) {
        if (!m.sections.includes(s)) continue;
        for (const k of m.needs) if (!ungrouped.includes(k)) for (const g of grid.members[k]) ids.add(g);
      }
    }
    out[s] = [...ids].map((g) => grid.groupName(g)).sort(compareGroups);
  }
  return out;
}
