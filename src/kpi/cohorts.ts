/**
 * `kpi cohorts` (SPEC §3, SPEC-DECISIONS #9): clients grouped by the period of their first
 * positive invoice line (their acquisition period), followed over the periods since. Each cell
 * holds how many of the cohort had a positive line in that period, that share of the cohort, and
 * the cohort's revenue there (all non-void lines, credit notes included).
 */
import type { Day, Span } from '../period/types.js';
import { dayOfWall } from '../period/types.js';
import { UNATTRIBUTED } from '../records/types.js';
import { DayIndex } from './day-index.js';
import { compareGroups, type GroupBy } from './groups.js';
import type { ClientInfo, Linked } from './link.js';

export interface CohortCell {
  /** Periods since the cohort's own period (0 = the acquisition period). */
  offset: number;
  /** The offset's span; null when it lies past the data / --today (the cell is blank). */
  span: Span | null;
  size: number;
  clients_active: number | null;
  /** clients_active / size; null for an empty cohort or a blank cell. */
  share: number | null;
  /** Major units. */
  revenue: number | null;
}

export interface CohortRow {
  /** Index into `cohortSpans`. */
  cohort: number;
  start: Day;
  end: Day;
  /** null = all clients of the cohort; else the acquisition group (Decision #9). */
  group: string | null;
  size: number;
  /** One cell per offset 0…k, the same k for every row (later offsets of young cohorts are blank). */
  cells: CohortCell[];
}

/** A guard against an `offsetSpans` that never returns null (a caller bug, not a data issue). */
const MAX_OFFSETS = 10_000;

interface Acc {
  members: Set<string>;
  active: Set<string>[];
  revenue: number[];
}

function addLine(a: Acc, offset: number, client: string, amount: number): void {
  a.revenue[offset] = (a.revenue[offset] as number) + amount;
  // credit notes lower the cohort's revenue but do not make a client active
  if (amount > 0) (a.active[offset] as Set<string>).add(client);
}

/** The group a client's cohort row belongs to: its acquisition channel, its segment, or the manager of its first line. */
function cohortGroup(linked: Linked, c: ClientInfo, by: Exclude<GroupBy, null>): string {
  if (by === 'channel') return c.acquisition?.channel ?? UNATTRIBUTED;
  if (by === 'segment') return c.segment;
  const t = linked.tables.invoices;
  return c.firstPositiveLine === null ? UNATTRIBUTED : (t.managers.value(t.manager[c.firstPositiveLine] as number) ?? UNATTRIBUTED);
}

/**
 * Cohort rows over `cohortSpans`. `offsetSpans(i, k)` is the span k periods after cohort i's
 * (k = 0 must be the cohort's own span) or null once it lies past the last data day / --today;
 * offsets are asked for k = 0, 1, … until the first null.
 */
export function computeCohorts(
  linked: Linked,
  cohortSpans: readonly Span[],
  offsetSpans: (cohortIndex: number, offset: number) => Span | null,
  opts: { groupBy: GroupBy },
): CohortRow[] {
  const offsets: Span[][] = cohortSpans.map((_, i) => {
    const list: Span[] = [];
    for (let k = 0; ; k++) {
      if (k >= MAX_OFFSETS) throw new Error(`computeCohorts: offsetSpans(${i}, k) never returned null`);
      const s = offsetSpans(i, k);
      if (s === null) return list;
      list.push(s);
    }
  });
  const width = offsets.reduce((w, l) => Math.max(w, l.length), 0);
  const offsetIdx = offsets.map((l) => new DayIndex(l));
  const cohortIdx = new DayIndex(cohortSpans);

  // Per cohort: the total accumulator and one per group.
  const accs: Map<string | null, Acc>[] = cohortSpans.map(() => new Map());
  const acc = (ci: number, group: string | null): Acc => {
    const m = accs[ci] as Map<string | null, Acc>;
    let a = m.get(group);
    if (a === undefined) {
      const n = (offsets[ci] as Span[]).length;
      a = { members: new Set(), active: Array.from({ length: n }, () => new Set<string>()), revenue: new Array<number>(n).fill(0) };
      m.set(group, a);
    }
    return a;
  };
  // Per client: its cohort and the accumulators it feeds (resolved once, not per line).
  const cohortOf = new Map<number, { ci: number; total: Acc; group: Acc | null }>();
  const clients = linked.clientList;
  for (const c of clients) {
    if (c.firstPositiveDay === null) continue;
    const f = cohortIdx.from(c.firstPositiveDay);
    if (f < 0) continue;
    const ci = cohortIdx.at(f); // overlapping cohort spans: the first one listed wins
    const group = opts.groupBy === null ? null : cohortGroup(linked, c, opts.groupBy);
    const entry = { ci, total: acc(ci, null), group: group === null ? null : acc(ci, group) };
    cohortOf.set(c.index, entry);
    entry.total.members.add(c.key);
    entry.group?.members.add(c.key);
  }

  const t = linked.tables.invoices;
  for (let i = 0; i < t.length; i++) {
    const amount = t.amount[i] as number;
    if (t.isVoid[i] === 1 || amount === 0) continue;
    const ci = linked.invoiceClient[i] as number;
    const co = cohortOf.get(ci);
    if (co === undefined) continue;
    const idx = offsetIdx[co.ci] as DayIndex;
    const day = dayOfWall(t.date[i] as number);
    const f = idx.from(day);
    if (f < 0) continue;
    const key = clients[ci]!.key;
    for (let k = f, e = idx.to(day); k < e; k++) {
      const off = idx.at(k);
      addLine(co.total, off, key, amount);
      if (co.group !== null) addLine(co.group, off, key, amount);
    }
  }

  const rows: CohortRow[] = [];
  cohortSpans.forEach((span, ci) => {
    const groups = [...(accs[ci] as Map<string | null, Acc>).keys()].filter((g): g is string => g !== null).sort(compareGroups);
    for (const group of [null, ...groups]) {
      const a = acc(ci, group);
      const size = a.members.size;
      const cells: CohortCell[] = [];
      for (let k = 0; k < width; k++) {
        const s = (offsets[ci] as Span[])[k];
        if (s === undefined) {
          cells.push({ offset: k, span: null, size, clients_active: null, share: null, revenue: null });
          continue;
        }
        const active = (a.active[k] as Set<string>).size;
        cells.push({
          offset: k,
          span: s,
          size,
          clients_active: active,
          share: size === 0 ? null : active / size,
          revenue: (a.revenue[k] as number) / 100,
        });
      }
      rows.push({ cohort: ci, start: span.start, end: span.end, group, size, cells });
    }
  });
  return rows;
}
