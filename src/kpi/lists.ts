/**
 * `kpi list` (SPEC-DECISIONS #8): the clients behind `clients_lost` and `new_clients`, and the
 * at-risk clients; `missed-unreturned` lives in `list-missed.ts`. P is one span (the whole
 * -p/-b/-e span). Dates are wall ms / days as elsewhere; money in major units.
 */
import type { Day, Span } from '../period/types.js';
import { dayOfWall } from '../period/types.js';
import { NONE, UNATTRIBUTED } from '../records/types.js';
import { clientGroup, compareCodePoints, compareGroups, type GroupBy } from './groups.js';
import type { ClientInfo, Linked } from './link.js';
import { invoiceIds } from './passes.js';
import { median } from './stats.js';

export { listMissedUnreturned, type MissedRow, type MissedListOptions } from './list-missed.js';

export interface LostRow {
  client_key: string;
  client: string | null;
  /** Wall ms of the client's last positive line before P ends. */
  last_invoice_date: number;
  /** Revenue of the client in P₋₁. */
  revenue_prev: number;
  /** Manager of that last positive line. */
  manager: string;
  channel: string;
  group: string | null;
}

export interface NewClientRow {
  client_key: string;
  client: string | null;
  first_invoice_date: number;
  /** Total of the first invoice (non-void lines sharing the first positive line's number). */
  first_amount: number;
  /** Revenue of the client in P. */
  revenue: number;
  channel: string;
  direction: 'inbound' | 'outbound' | typeof UNATTRIBUTED;
  segment: string;
  /** Manager of the first positive line. */
  manager: string;
  group: string | null;
}

export interface AtRiskRow {
  client_key: string;
  client: string | null;
  last_invoice_date: number;
  days_since: number;
  median_gap_days: number;
  /** Revenue in the 365 days before the as-of day. */
  revenue_12m: number;
  manager: string;
  group: string | null;
}

interface ClientOpts {
  groupBy?: GroupBy;
}

/** Non-void, non-zero line indices per client index, by date (then input order). */
function linesByClient(linked: Linked): Map<number, number[]> {
  const t = linked.tables.invoices;
  const out = new Map<number, number[]>();
  for (let i = 0; i < t.length; i++) {
    if (t.isVoid[i] === 1 || t.amount[i] === 0) continue;
    const c = linked.invoiceClient[i] as number;
    const list = out.get(c);
    if (list === undefined) out.set(c, [i]);
    else list.push(i);
  }
  for (const list of out.values()) list.sort((a, b) => (t.date[a] as number) - (t.date[b] as number) || a - b);
  return out;
}

const inSpan = (day: Day, s: Span): boolean => day >= s.start && day < s.end;

/** The group of a client row: acquisition channel, segment, or the manager of `line`. */
function rowGroup(c: ClientInfo, by: GroupBy | undefined, manager: string): string | null {
  if (by === undefined || by === null) return null;
  if (by === 'manager') return manager;
  return clientGroup(c, by);
}

function byGroupThenKey<T extends { group: string | null; client_key: string }>(a: T, b: T): number {
  return (a.group === null || b.group === null ? 0 : compareGroups(a.group, b.group)) || compareCodePoints(a.client_key, b.client_key);
}

/** Revenue in cents of the given lines whose day falls in [from, to). */
function revenueIn(linked: Linked, lines: readonly number[], from: Day, to: Day): number {
  const t = linked.tables.invoices;
  let sum = 0;
  for (const i of lines) {
    const d = dayOfWall(t.date[i] as number);
    if (d >= from && d < to) sum += t.amount[i] as number;
  }
  return sum;
}

/** The manager name of invoice line i. */
function managerOf(linked: Linked, i: number): string {
  const t = linked.tables.invoices;
  return t.managers.value(t.manager[i] as number) ?? NONE;
}

/** Clients in A(P₋₁) \ A(P): a positive line in `prev`, none in `span`. */
export function listLostClients(linked: Linked, span: Span, prev: Span, opts: ClientOpts = {}): LostRow[] {
  const t = linked.tables.invoices;
  const rows: LostRow[] = [];
  for (const [ci, lines] of linesByClient(linked)) {
    let activePrev = false;
    let activeNow = false;
    let last = -1;
    for (const i of lines) {
      if ((t.amount[i] as number) <= 0) continue;
      const d = dayOfWall(t.date[i] as number);
      if (inSpan(d, prev)) activePrev = true;
      if (inSpan(d, span)) activeNow = true;
      if (d < span.end) last = i;
    }
    if (!activePrev || activeNow || last < 0) continue;
    const c = linked.client(ci);
    const manager = managerOf(linked, last);
    rows.push({
      client_key: c.key,
      client: c.name,
      last_invoice_date: t.date[last] as number,
      revenue_prev: revenueIn(linked, lines, prev.start, prev.end) / 100,
      manager,
      channel: c.acquisition?.channel ?? UNATTRIBUTED,
      group: rowGroup(c, opts.groupBy, manager),
    });
  }
  return rows.sort(byGroupThenKey);
}

/** Clients whose first positive line in all the data falls in P. */
export function listNewClients(linked: Linked, span: Span, opts: ClientOpts = {}): NewClientRow[] {
  const t = linked.tables.invoices;
  const byClient = linesByClient(linked);
  const ids = invoiceIds(t);
  const rows: NewClientRow[] = [];
  const { count, firstLine, firstWall } = linked.facts;
  for (let ci = 0; ci < count; ci++) {
    if (firstLine[ci] === -1 || !inSpan(dayOfWall(firstWall[ci] as number), span)) continue;
    const c = linked.client(ci);
    if (c.firstPositiveLine === null) continue;
    const first = c.firstPositiveLine;
    const lines = byClient.get(c.index) ?? [];
    const firstId = ids[first];
    let firstAmount = 0;
    for (const i of lines) if (ids[i] === firstId) firstAmount += t.amount[i] as number;
    const manager = managerOf(linked, first);
    rows.push({
      client_key: c.key,
      client: c.name,
      first_invoice_date: t.date[first] as number,
      first_amount: firstAmount / 100,
      revenue: revenueIn(linked, lines, span.start, span.end) / 100,
      channel: c.acquisition?.channel ?? UNATTRIBUTED,
      direction: c.acquisition?.direction ?? UNATTRIBUTED,
      segment: c.segment,
      manager,
      group: rowGroup(c, opts.groupBy, manager),
    });
  }
  return rows.sort(byGroupThenKey);
}

/**
 * At-risk clients (Decision #8, defined in docs/metrics.md). Counted at the as-of day
 * min(P.end, today), over the positive lines before it:
 * - at least 3 distinct invoices and at least two distinct invoice days;
 * - not yet lost: a positive line in P, or — while P is still running (today < P.end) — in P₋₁;
 * - days since the last positive line > 1.5 × the median gap between distinct invoice days.
 * Sorted by how overdue they are (days_since / median gap), most overdue first.
 */
export function listAtRisk(linked: Linked, span: Span, todayDay: Day, opts: ClientOpts & { prev?: Span } = {}): AtRiskRow[] {
  const t = linked.tables.invoices;
  const asOf = Math.min(span.end, todayDay);
  const cutoff = Math.min(span.end, todayDay + 1); // lines dated on `today` already happened
  const len = span.end - span.start;
  const prev = opts.prev ?? { start: span.start - len, end: span.start };
  const running = todayDay < span.end;
  const ids = invoiceIds(t);
  const rows: (AtRiskRow & { overdue: number })[] = [];
  for (const [ci, lines] of linesByClient(linked)) {
    const days: Day[] = [];
    const invoices = new Set<number>();
    let candidate = false;
    let last = -1;
    for (const i of lines) {
      const d = dayOfWall(t.date[i] as number);
      if ((t.amount[i] as number) <= 0 || d >= cutoff) continue;
      invoices.add(ids[i]!);
      if (days[days.length - 1] !== d) days.push(d);
      if (inSpan(d, span) || (running && inSpan(d, prev))) candidate = true;
      last = i;
    }
    if (!candidate || invoices.size < 3 || days.length < 2) continue;
    const gaps = days.slice(1).map((d, j) => d - days[j]!);
    const gap = median(gaps)!;
    const lastDay = days[days.length - 1]!;
    const since = asOf - lastDay;
    if (!(since > 1.5 * gap)) continue;
    const c = linked.client(ci);
    const manager = managerOf(linked, last);
    rows.push({
      client_key: c.key,
      client: c.name,
      last_invoice_date: t.date[last] as number,
      days_since: since,
      median_gap_days: gap,
      revenue_12m: revenueIn(linked, lines, cutoff - 365, cutoff) / 100,
      manager,
      group: rowGroup(c, opts.groupBy, manager),
      overdue: since / gap,
    });
  }
  rows.sort(
    (a, b) =>
      (a.group === null || b.group === null ? 0 : compareGroups(a.group, b.group)) ||
      b.overdue - a.overdue ||
      compareCodePoints(a.client_key, b.client_key),
  );
  return rows.map(({ overdue: _overdue, ...r }) => r);
}
