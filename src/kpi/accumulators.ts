/**
 * The accumulators the metric engine is built from (DESIGN "a metric is an accumulator"): one
 * tally per record kind with `init` / `add` / `merge`; `finish.ts` turns tallies into metric
 * values. The engine keeps one tally per (column, group); merging the tallies of any split of
 * the records gives the tally of one pass, so totals never come from averaging ratios.
 *
 * Distinct counts (clients, invoice numbers, caller numbers) are sets, so they merge exactly;
 * callback times are kept as a list because a median does not merge any other way.
 *
 * `add` takes the few record fields a tally needs as plain values (the records live in columns,
 * see src/records/table), so adding a record allocates nothing.
 */
import { ANSWERED_UNKNOWN, ANSWERED_YES, DIR_INBOUND, DIR_OUTBOUND } from '../records/table/call-table.js';
import { FATE, type Fate } from './callbacks.js';
import { IdSet } from './id-set.js';

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
  /** Add one lead: is it excluded (junk), outbound, won? */
  add(t: LeadTally, excluded: boolean, outbound: boolean, won: boolean): void {
    if (excluded) {
      t.excluded++;
      return;
    }
    t.total++;
    const inbound = !outbound;
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
  /** Distinct caller numbers (phone dictionary ids) of unreturned calls. */
  unreturnedNumbers: IdSet;
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
      unreturnedNumbers: new IdSet(),
      callbackMinutes: [],
    };
  },
  /**
   * Add one call: its direction and answered codes (call-table.ts), its caller's phone id, and
   * the `fate` and `minutes` that `classifyMissed` found for it.
   */
  add(t: CallTally, direction: number, answered: number, from: number, fate: Fate, minutes: number): void {
    if (direction !== DIR_INBOUND && direction !== DIR_OUTBOUND) {
      t.internal++;
      return;
    }
    if (direction === DIR_OUTBOUND) {
      t.outbound++;
      if (answered === ANSWERED_YES) t.outboundAnswered++;
      else if (answered === ANSWERED_UNKNOWN) t.outboundUnknown++;
      return;
    }
    t.inbound++;
    if (answered === ANSWERED_YES) {
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
        t.unreturnedNumbers.add(from);
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
  /** The client's acquisition direction (filled for the client's first line, which alone reads it); null = `(unattributed)`. */
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
  invoices: IdSet;
  /** A(P): clients with a positive line. */
  active: IdSet;
  /** Clients of A(P) that are new company-wide in this span (not reactivated). */
  activeNew: IdSet;
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
      invoices: new IdSet(),
      active: new IdSet(),
      activeNew: new IdSet(),
      newClients: 0,
      newInbound: 0,
      newOutbound: 0,
    };
  },
  /** Add one line: void?, amount and cost in cents (cost NaN when unknown), and its facts. */
  add(t: InvoiceTally, isVoid: boolean, amount: number, cost: number, f: LineFacts): void {
    if (isVoid) {
      t.voidLines++;
      return;
    }
    if (amount === 0) return; // SPEC §2: a zero line changes nothing
    t.lines++;
    t.revenue += amount;
    if (cost !== cost) t.costMissing++;
    else t.cost += cost;
    if (amount < 0) {
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

function union(a: IdSet, b: IdSet): IdSet {
  return IdSet.union(a, b);
}
