/**
 * The single pass over each record kind: every record is added to the tally of each column that
 * holds its day, once for the total (group 0) and once for its group. Group membership for
 * Decision #50 is collected in the same pass.
 */
import type { Span } from '../period/types.js';
import { dayOfWall } from '../period/types.js';
import type { CallTable } from '../records/table/call-table.js';
import type { InvoiceTable } from '../records/table/invoice-table.js';
import { LEAD_EXCLUDED, LEAD_OUTBOUND } from '../records/table/lead-table.js';
import { callTally, invoiceTally, leadTally, type CallTally, type InvoiceTally, type LeadTally, type LineFacts } from './accumulators.js';
import type { Fate, MissedFates } from './callbacks.js';
import { DayIndex } from './day-index.js';
import { callGroupColumn, clientGroup, groupName, leadGroupColumn, type GroupBy, type GroupColumn } from './groups.js';
import { acquisitionDirection, type Linked } from './link.js';
import type { InputKind } from './registry.js';

/** Tallies per group (index 0 = total) and span; a missing row means "no record": all zeros. */
export class TallyGrid {
  readonly groupNames: string[] = [];
  private readonly groupIds = new Map<string, number>();
  readonly lead: (LeadTally[] | undefined)[] = [];
  readonly call: (CallTally[] | undefined)[] = [];
  readonly invoice: (InvoiceTally[] | undefined)[] = [];
  /** Group ids (≥ 1) with a record of each kind in the membership span. */
  readonly members: Record<InputKind, Set<number>> = { leads: new Set(), calls: new Set(), invoices: new Set() };

  constructor(private readonly membership: Span) {}

  /** Dense id of a group name; 0 is reserved for the total. */
  groupId(name: string): number {
    let g = this.groupIds.get(name);
    if (g === undefined) {
      this.groupNames.push(name);
      g = this.groupNames.length;
      this.groupIds.set(name, g);
    }
    return g;
  }

  groupName(g: number): string {
    return this.groupNames[g - 1] as string;
  }

  member(kind: InputKind, g: number, day: number): void {
    if (g > 0 && day >= this.membership.start && day < this.membership.end) this.members[kind].add(g);
  }
}

function row<T>(table: (T[] | undefined)[], g: number, n: number, init: () => T): T[] {
  let r = table[g];
  if (r === undefined) {
    r = Array.from({ length: n }, init);
    table[g] = r;
  }
  return r;
}

/** Grid group ids of a grouping column's dictionary ids, worked out once per name. */
function groupIds(grid: TallyGrid, g: GroupColumn): (i: number) => number {
  const cache = new Int32Array(g.names.size + 1).fill(-1);
  return (i) => {
    const id = g.ids[i] as number;
    let v = cache[id + 1] as number;
    if (v < 0) cache[id + 1] = v = grid.groupId(groupName(g, i));
    return v;
  };
}

/** Add every lead to its columns. */
export function passLeads(grid: TallyGrid, linked: Linked, idx: DayIndex, n: number, by: GroupBy): void {
  const t = linked.tables.leads;
  const total = row(grid.lead, 0, n, leadTally.init);
  const group = by === null ? null : groupIds(grid, leadGroupColumn(t, by));
  const won = linked.leadWon;
  for (let i = 0; i < t.length; i++) {
    const day = dayOfWall(t.createdAt[i] as number);
    const g = group === null ? 0 : group(i);
    const flags = t.flags[i] as number;
    const excluded = (flags & LEAD_EXCLUDED) !== 0;
    if (!excluded) grid.member('leads', g, day);
    const f = idx.from(day);
    if (f < 0) continue;
    const outbound = (flags & LEAD_OUTBOUND) !== 0;
    const w = won[i] === 1;
    const mine = g === 0 ? null : row(grid.lead, g, n, leadTally.init);
    for (let k = f, e = idx.to(day); k < e; k++) {
      const c = idx.at(k);
      leadTally.add(total[c] as LeadTally, excluded, outbound, w);
      if (mine !== null) leadTally.add(mine[c] as LeadTally, excluded, outbound, w);
    }
  }
}

/** Add every call to its columns, with its missed-call fate. */
export function passCalls(grid: TallyGrid, calls: CallTable, fates: MissedFates, idx: DayIndex, n: number, by: GroupBy): void {
  const total = row(grid.call, 0, n, callTally.init);
  const column = by === null ? null : callGroupColumn(calls, by);
  const group = column === null ? null : groupIds(grid, column);
  for (let i = 0; i < calls.length; i++) {
    const day = dayOfWall(calls.startedAt[i] as number);
    const g = group === null ? 0 : group(i);
    grid.member('calls', g, day);
    const f = idx.from(day);
    if (f < 0) continue;
    const fate = fates.fate[i] as Fate;
    const minutes = fates.callbackMinutes[i] as number;
    const direction = calls.direction[i] as number;
    const answered = calls.answered[i] as number;
    const from = calls.from[i] as number;
    const mine = g === 0 ? null : row(grid.call, g, n, callTally.init);
    for (let k = f, e = idx.to(day); k < e; k++) {
      const c = idx.at(k);
      callTally.add(total[c] as CallTally, direction, answered, from, fate, minutes);
      if (mine !== null) callTally.add(mine[c] as CallTally, direction, answered, from, fate, minutes);
    }
  }
}

/**
 * Invoice identity for `invoices` (SPEC §3 and the #39 override in SPEC-DECISIONS: distinct
 * trimmed numbers, leading zeros kept; a line without a number is its own invoice). Returns dense
 * ids ≥ 0: a number's dictionary id, and after all of them one id per number-less line, in line
 * order — so that the tallies' sets hold a register without numbers as bitsets too (negative ids,
 * as they were, stay in a JS Set at ~30 bytes an id in every span's set: a 1M-line register
 * without numbers peaked at 263 MB instead of 222).
 */
export function invoiceIds(lines: InvoiceTable): Int32Array {
  const ids = new Int32Array(lines.length);
  const after = lines.numbers.size;
  for (let i = 0; i < lines.length; i++) {
    const num = lines.number[i] as number;
    ids[i] = num < 0 ? after + i : num;
  }
  return ids;
}

/** Add every invoice line to its spans (report columns and their P₋₁ spans). */
export function passInvoices(grid: TallyGrid, linked: Linked, spans: readonly Span[], idx: DayIndex, by: GroupBy): void {
  const t = linked.tables.invoices;
  const n = spans.length;
  const total = row(grid.invoice, 0, n, invoiceTally.init);
  const { firstLine, firstWall } = linked.facts;
  const invIds = invoiceIds(t);
  // group ids: by the line's manager, or by a client attribute (worked out once per client)
  let group: ((i: number) => number) | null = null;
  if (by === 'manager') group = groupIds(grid, { ids: t.manager, names: t.managers });
  else if (by !== null) {
    const perClient = new Int32Array(linked.facts.count).fill(-1);
    group = (i) => {
      const c = linked.invoiceClient[i] as number;
      let g = perClient[c] as number;
      if (g < 0) perClient[c] = g = grid.groupId(clientGroup(linked.client(c), by));
      return g;
    };
  }
  // One facts object reused for every line: no per-line allocation.
  const facts: LineFacts = { client: 0, invoice: 0, first: false, acquisition: null, newInSpan: false };
  const costs = t.cost;
  for (let i = 0; i < t.length; i++) {
    const ci = linked.invoiceClient[i] as number;
    const day = dayOfWall(t.date[i] as number);
    const g = group === null ? 0 : group(i);
    const isVoid = t.isVoid[i] === 1;
    const amount = t.amount[i] as number;
    if (!isVoid && amount !== 0) grid.member('invoices', g, day);
    const f = idx.from(day);
    if (f < 0) continue;
    const fpd = firstLine[ci] === -1 ? null : dayOfWall(firstWall[ci] as number);
    facts.client = ci;
    facts.invoice = invIds[i] as number;
    facts.first = firstLine[ci] === i;
    // read only for the client's first line (new clients by direction)
    facts.acquisition = facts.first ? acquisitionDirection(linked, ci) : null;
    const cost = costs === null ? NaN : (costs[i] as number);
    const mine = g === 0 ? null : row(grid.invoice, g, n, invoiceTally.init);
    for (let k = f, e = idx.to(day); k < e; k++) {
      const s = idx.at(k);
      const span = spans[s] as Span;
      facts.newInSpan = fpd !== null && fpd >= span.start && fpd < span.end;
      invoiceTally.add(total[s] as InvoiceTally, isVoid, amount, cost, facts);
      if (mine !== null) invoiceTally.add(mine[s] as InvoiceTally, isVoid, amount, cost, facts);
    }
  }
}
