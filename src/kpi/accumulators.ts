/**
 * The accumulators the metric engine is built from (DESIGN "a metric is an accumulator"): one
 * tally per record kind with `init` / `add` / `merge`; `finish.ts` turns tallies into metric
 * values. The engine keeps one tally per (column, group); merging the tallies of any split of
 * the records gives the tally of one pass, so totals never come from averaging ratios.
 *
 * Distinct counts (clients, invoice numbers, caller numbers) are sets, so they merge exactly;
 * callback times are kept as a list because a median does not merge any other way.
 */
import type { Call, InvoiceLine, Lead } from '../records/types.js';
import { FATE, type Fate } from './callbacks.js';

/** Counts of leads created in a span. Excluded (junk) leads only count in `excluded`. */
export interface LeadTally {
  total: number;
  inbound: number;
  outbound: number;
  won: number;
  wonInbound: number;
  wonOutbound: number;
  excluded: number;
}

export const leadTally = {
  init(): LeadTally {
    return { total: 0, inbound: 0, outbound: 0, won: 0, wonInbound: 0, wonOutbound: 0, excluded: 0 };
  },
  add(t: LeadTally, lead: Lead, won: boolean): void {
    if (lead.excluded) {
      t.excluded++;
      return;
    }
    t.total++;
    const inbound = lead.direction === 'inbound';
    if (inbound) t.inbound++;
    else t.outbound++;
    if (won) {
      t.won++;
      if (inbound) t.wonInbound++;
      else t.wonOutbound++;
    }
  },
  merge(a: LeadTally, b: LeadTally): LeadTally {
    return {
      total: a.total + b.total,
      inbound: a.inbound + b.inbound,
      outbound: a.outbound + b.outbound,
      won: a.won + b.won,
      wonInbound: a.wonInbound + b.wonInbound,
      wonOutbound: a.wonOutbound + b.wonOutbound,
      excluded: a.excluded + b.excluded,
    };
  },
};

/** Counts of calls started in a span, with the missed-call fates of `callbacks.ts`. */
export interface CallTally {
  internal: number;
  inbound: number;
  inboundAnswered: number;
  /** Missed: answered === false, anonymous callers included. */
  inboundMissed: number;
  /** Inbound calls whose answered state is unknown: answer-based cells become null. */
  inboundUnknown: number;
  outbound: number;
  outboundAnswered: number;
  outboundUnknown: number;
  anonymous: number;
  pending: number;
  returned: number;
  unreturnedCalls: number;
  unreturnedNumbers: Set<string>;
  callbackMinutes: number[];
}

export const callTally = {
  init(): CallTally {
    return {
      internal: 0,
      inbound: 0,
      inboundAnswered: 0,
      inboundMissed: 0,
      inboundUnknown: 0,
      outbound: 0,
      outboundAnswered: 0,
      outboundUnknown: 0,
      anonymous: 0,
      pending: 0,
      returned: 0,
      unreturnedCalls: 0,
      unreturnedNumbers: new Set(),
      callbackMinutes: [],
    };
  },
  /** `fate` and `minutes` come from `classifyMissed` for this call. */
  add(t: CallTally, call: Call, fate: Fate, minutes: number): void {
    if (call.direction === 'internal') {
      t.internal++;
      return;
    }
    if (call.direction === 'outbound') {
      t.outbound++;
      if (call.answered === true) t.outboundAnswered++;
      else if (call.answered === null) t.outboundUnknown++;
      return;
    }
    t.inbound++;
    if (call.answered === true) {
      t.inboundAnswered++;
      return;
    }
    switch (fate) {
      case FATE.unknown:
        t.inboundUnknown++;
        return;
      case FATE.anonymous:
        t.anonymous++;
        break;
      case FATE.returned:
        t.returned++;
        t.callbackMinutes.push(minutes);
        break;
      case FATE.pending:
        t.pending++;
        break;
      case FATE.unreturned:
        t.unreturnedCalls++;
        t.unreturnedNumbers.add(call.from as string);
        break;
      default:
        throw new Error(`call fate ${fate} does not fit an unanswered inbound call`);
    }
    t.inboundMissed++;
  },
  merge(a: CallTally, b: CallTally): CallTally {
    return {
      internal: a.internal + b.internal,
      inbound: a.inbound + b.inbound,
      inboundAnswered: a.inboundAnswered + b.inboundAnswered,
      inboundMissed: a.inboundMissed + b.inboundMissed,
      inboundUnknown: a.inboundUnknown + b.inboundUnknown,
      outbound: a.outbound + b.outbound,
      outboundAnswered: a.outboundAnswered + b.outboundAnswered,
      outboundUnknown: a.outboundUnknown + b.outboundUnknown,
      anonymous: a.anonymous + b.anonymous,
      pending: a.pending + b.pending,
      returned: a.returned + b.returned,
      unreturnedCalls: a.unreturnedCalls + b.unreturnedCalls,
      unreturnedNumbers: union(a.unreturnedNumbers, b.unreturnedNumbers),
      callbackMinutes: a.callbackMinutes.concat(b.callbackMinutes),
    };
  },
};

/** What the engine knows about an invoice line beyond the line itself (from linking). */
export interface LineFacts {
  /** Dense id of the line's client. */
  client: number;
  /** Dense id of the line's invoice (see `invoiceKey` in compute). */
  invoice: number;
  /** This line is its client's first positive line in all the data (company-wide newness). */
  first: boolean;
  /** The client's acquisition direction; null = `(unattributed)`. */
  acquisition: 'inbound' | 'outbound' | null;
  /** The client's first positive line falls in the span being added to. */
  newInSpan: boolean;
}

/** Sums and sets over the invoice lines dated in a span. Money in integer cents. */
export interface InvoiceTally {
  /** Σ amount over non-void, non-zero lines (credit notes negative). */
  revenue: number;
  /** Σ cost over those lines that have a cost. */
  cost: number;
  /** Lines counted in revenue that lack a cost: profit cells become null (Decision #30). */
  costMissing: number;
  lines: number;
  creditLines: number;
  voidLines: number;
  /** Invoice ids of positive lines. */
  invoices: Set<number>;
  /** A(P): clients with a positive line. */
  active: Set<number>;
  /** Clients of A(P) that are new company-wide in this span (not reactivated). */
  activeNew: Set<number>;
  newClients: number;
  newInbound: number;
  newOutbound: number;
}

export const invoiceTally = {
  init(): InvoiceTally {
    return {
      revenue: 0,
      cost: 0,
      costMissing: 0,
      lines: 0,
      creditLines: 0,
      voidLines: 0,
      invoices: new Set(),
      active: new Set(),
      activeNew: new Set(),
      newClients: 0,
      newInbound: 0,
      newOutbound: 0,
    };
  },
  add(t: InvoiceTally, line: InvoiceLine, f: LineFacts): void {
    if (line.void) {
      t.voidLines++;
      return;
    }
    if (line.amount === 0) return; // SPEC §2: a zero line changes nothing
    t.lines++;
    t.revenue += line.amount;
    if (line.cost === null) t.costMissing++;
    else t.cost += line.cost;
    if (line.amount < 0) {
      // Credit notes lower revenue and profit but never make a client active or new.
      t.creditLines++;
      return;
    }
    t.invoices.add(f.invoice);
    t.active.add(f.client);
    if (f.newInSpan) t.activeNew.add(f.client);
    if (f.first) {
      t.newClients++;
      if (f.acquisition === 'inbound') t.newInbound++;
      else if (f.acquisition === 'outbound') t.newOutbound++;
    }
  },
  merge(a: InvoiceTally, b: InvoiceTally): InvoiceTally {
    return {
      revenue: a.revenue + b.revenue,
      cost: a.cost + b.cost,
      costMissing: a.costMissing + b.costMissing,
      lines: a.lines + b.lines,
      creditLines: a.creditLines + b.creditLines,
      voidLines: a.voidLines + b.voidLines,
      invoices: union(a.invoices, b.invoices),
      active: union(a.active, b.active),
      activeNew: union(a.activeNew, b.activeNew),
      newClients: a.newClients + b.newClients,
      newInbound: a.newInbound + b.newInbound,
      newOutbound: a.newOutbound + b.newOutbound,
    };
  },
};

function union<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): Set<T> {
  const out = new Set(a);
  for (const x of b) out.add(x);
  return out;
}
