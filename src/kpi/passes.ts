/**
 * The single pass over each record kind: every record is added to the tally of each column that
 * holds its day, once for the total (group 0) and once for its group. Group membership for
 * Decision #50 is collected in the same pass.
 */
import type { Span } from '../period/types.js';
import { dayOfWall } from '../period/types.js';
import type { InvoiceLine, Lead, Call } from '../records/types.js';
import { callTally, invoiceTally, leadTally, type CallTally, type InvoiceTally, type LeadTally, type LineFacts } from './accumulators.js';
import type { Fate, MissedFates } from './callbacks.js';
import { DayIndex } from './day-index.js';
import { callGroup, invoiceGroup, leadGroup, type GroupBy } from './groups.js';
import type { ClientInfo, Linked } from './link.js';
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

/** Add every lead to its columns. */
export function passLeads(grid: TallyGrid, linked: Linked, idx: DayIndex, n: number, by: GroupBy): void {
  const total = row(grid.lead, 0, n, leadTally.init);
  linked.leads.forEach((lead: Lead, i) => {
    const day = dayOfWall(lead.createdAt);
    const g = by === null ? 0 : grid.groupId(leadGroup(lead, by));
    if (!lead.excluded) grid.member('leads', g, day);
    const f = idx.from(day);
    if (f < 0) return;
    const won = linked.leadWon[i] === true;
    const mine = g === 0 ? null : row(grid.lead, g, n, leadTally.init);
    for (let k = f, e = idx.to(day); k < e; k++) {
      const c = idx.at(k);
      leadTally.add(total[c] as LeadTally, lead, won);
      if (mine !== null) leadTally.add(mine[c] as LeadTally, lead, won);
    }
  });
}

/** Add every call to its columns, with its missed-call fate. */
export function passCalls(grid: TallyGrid, calls: readonly Call[], fates: MissedFates, idx: DayIndex, n: number, by: GroupBy): void {
  const total = row(grid.call, 0, n, callTally.init);
  calls.forEach((call, i) => {
    const day = dayOfWall(call.startedAt);
    const name = by === null ? null : callGroup(call, by);
    const g = name === null ? 0 : grid.groupId(name);
    grid.member('calls', g, day);
    const f = idx.from(day);
    if (f < 0) return;
    const fate = fates.fate[i] as Fate;
    const minutes = fates.callbackMinutes[i] as number;
    const mine = g === 0 ? null : row(grid.call, g, n, callTally.init);
    for (let k = f, e = idx.to(day); k < e; k++) {
      const c = idx.at(k);
      callTally.add(total[c] as CallTally, call, fate, minutes);
      if (mine !== null) callTally.add(mine[c] as CallTally, call, fate, minutes);
    }
  });
}

/**
 * Invoice identity for `invoices` (SPEC §3 and the #39 override in SPEC-DECISIONS: distinct
 * trimmed numbers, leading zeros kept; a line without a number is its own invoice). Returns dense
 * ids: numbers ≥ 0, number-less lines negative.
 */
export function invoiceIds(lines: readonly InvoiceLine[]): Int32Array {
  const ids = new Int32Array(lines.length);
  const byNumber = new Map<string, number>();
  lines.forEach((v, i) => {
    const num = v.number === null ? '' : v.number.trim();
    if (num === '') {
      ids[i] = -(i + 1);
      return;
    }
    let id = byNumber.get(num);
    if (id === undefined) byNumber.set(num, (id = byNumber.size));
    ids[i] = id;
  });
  return ids;
}

/** Add every invoice line to its spans (report columns and their P₋₁ spans). */
export function passInvoices(grid: TallyGrid, linked: Linked, spans: readonly Span[], idx: DayIndex, by: GroupBy): void {
  const n = spans.length;
  const total = row(grid.invoice, 0, n, invoiceTally.init);
  // Dense client ids: sets of small integers are cheaper than sets of key strings.
  const clientIds = new Map<string, number>();
  const infos: ClientInfo[] = [];
  for (const c of linked.clients.values()) {
    clientIds.set(c.key, infos.length);
    infos.push(c);
  }
  const invIds = invoiceIds(linked.invoices);
  // One facts object reused for every line: no per-line allocation.
  const facts: LineFacts = { client: 0, invoice: 0, first: false, acquisition: null, newInSpan: false };
  linked.invoices.forEach((line, i) => {
    const ci = clientIds.get(linked.invoiceClientKey[i] as string) ?? -1;
    const client = infos[ci];
    const day = dayOfWall(line.date);
    const g = by === null ? 0 : grid.groupId(invoiceGroup(line, client, by));
    if (!line.void && line.amount !== 0) grid.member('invoices', g, day);
    const f = idx.from(day);
    if (f < 0) return;
    const fpd = client?.firstPositiveDay ?? null;
    facts.client = ci;
    facts.invoice = invIds[i] as number;
    facts.first = client?.firstPositiveLine === i;
    facts.acquisition = client?.acquisition?.direction ?? null;
    const mine = g === 0 ? null : row(grid.invoice, g, n, invoiceTally.init);
    for (let k = f, e = idx.to(day); k < e; k++) {
      const s = idx.at(k);
      const span = spans[s] as Span;
      facts.newInSpan = fpd !== null && fpd >= span.start && fpd < span.end;
      invoiceTally.add(total[s] as InvoiceTally, line, facts);
      if (mine !== null) invoiceTally.add(mine[s] as InvoiceTally, line, facts);
    }
  });
}
