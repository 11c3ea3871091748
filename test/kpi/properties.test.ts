/**
 * Property tests (fast-check): the accumulators merge exactly, group rows add up to the total,
 * and day columns add up to the month, for every additive metric.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { callTally, invoiceTally, leadTally, type LineFacts } from '../../src/kpi/accumulators.js';
import { FATE, type Fate } from '../../src/kpi/callbacks.js';
import type { MetricId } from '../../src/kpi/registry.js';
import type { Call, InvoiceLine, Lead } from '../../src/records/types.js';
import { ANSWERED_NO, ANSWERED_UNKNOWN, ANSWERED_YES, DIR_INBOUND, DIR_INTERNAL, DIR_OUTBOUND } from '../../src/records/table/call-table.js';
import { call, inv, lead, month, run, span } from './factories.js';

const MANAGERS = ['Ann', 'Bob', 'Яна', '(none)'];
const NUMBERS = ['+79120000001', '+79120000002', '+79120000003', null];
const CLIENTS = ['Alpha', 'Beta', 'Gamma', 'Delta'];
const pad = (n: number) => String(n).padStart(2, '0');
/** A moment in October–November 2026. */
const when = fc.record({ d: fc.integer({ min: 0, max: 60 }), h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) }).map(({ d, h, m }) => {
  const date = new Date(Date.UTC(2026, 9, 1 + d));
  return `${date.toISOString().slice(0, 10)} ${pad(h)}:${pad(m)}`;
});

const leadArb: fc.Arbitrary<Lead> = fc
  .record({ at: when, out: fc.boolean(), won: fc.boolean(), excluded: fc.boolean(), manager: fc.constantFrom(...MANAGERS), client: fc.constantFrom(...CLIENTS) })
  .map((r) => lead(r.at, { direction: r.out ? 'outbound' : 'inbound', won: r.won, excluded: r.excluded, manager: r.manager, channel: r.manager, client: r.client }));

const callArb: fc.Arbitrary<Call> = fc
  .record({
    at: when,
    dir: fc.constantFrom('inbound', 'inbound', 'outbound', 'internal') as fc.Arbitrary<Call['direction']>,
    answered: fc.boolean(),
    num: fc.constantFrom(...NUMBERS),
    manager: fc.constantFrom(...MANAGERS),
  })
  .map((r) =>
    call(r.at, {
      direction: r.dir,
      answered: r.answered,
      from: r.dir === 'outbound' ? '101' : r.num,
      fromAnonymous: r.num === null,
      to: r.dir === 'outbound' ? r.num : '101',
      manager: r.manager,
      channel: r.manager,
    }),
  );

const invArb: fc.Arbitrary<InvoiceLine> = fc
  .record({
    at: when,
    client: fc.constantFrom(...CLIENTS),
    amount: fc.integer({ min: -5000, max: 20000 }),
    num: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
    manager: fc.constantFrom(...MANAGERS),
    void: fc.boolean(),
  })
  .map((r) => inv(r.at, r.client, r.amount / 100, { number: r.num === null ? null : String(r.num), manager: r.manager, void: r.void, cost: r.amount / 200 }));

const records = fc.record({ leads: fc.array(leadArb, { maxLength: 25 }), calls: fc.array(callArb, { maxLength: 25 }), invoices: fc.array(invArb, { maxLength: 25 }) });

/** Metrics whose group rows and day columns must add up (no distinct counts, no ratios). */
const ADDITIVE: MetricId[] = [
  'leads_total',
  'leads_inbound',
  'leads_outbound',
  'leads_won',
  'new_sales_inbound',
  'new_sales_outbound',
  'calls_outbound',
  'calls_outbound_answered',
  'calls_internal',
  'calls_inbound',
  'calls_inbound_answered',
  'calls_inbound_missed',
  'missed_pending',
  'missed_anonymous',
  'revenue',
  'profit',
  'new_clients',
  'new_clients_inbound',
  'new_clients_outbound',
];

const sum = (xs: (number | null)[]) => xs.reduce<number>((a, x) => a + (x ?? 0), 0);
const oct = month('2026-10');
const nov = month('2026-11');

describe('accumulator properties', () => {
  it('group rows add up to the total row for additive metrics', () => {
    fc.assert(
      fc.property(records, fc.constantFrom('manager', 'channel') as fc.Arbitrary<'manager' | 'channel'>, (rec, by) => {
        const r = run(rec, [oct, nov], [month('2026-09'), oct], { groupBy: by });
        for (const id of ADDITIVE) {
          const cells = r.cells.filter((c) => c.metric === id);
          const total = cells.find((c) => c.group === null)!;
          for (let col = 0; col < 2; col++) {
            const groups = cells.filter((c) => c.group !== null).map((c) => c.values[col] ?? 0);
            expect(Math.round(sum(groups) * 100)).toBe(Math.round((total.values[col] ?? 0) * 100));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('day columns add up to the month for additive metrics', () => {
    const days = Array.from({ length: 31 }, (_, i) => span(`2026-10-${pad(i + 1)}`, i === 30 ? '2026-11-01' : `2026-10-${pad(i + 2)}`));
    const cols = [...days, oct];
    const prevs = cols.map((c) => ({ start: c.start - (c.end - c.start), end: c.start }));
    fc.assert(
      fc.property(records, (rec) => {
        const r = run(rec, cols, prevs);
        for (const id of ADDITIVE) {
          const v = r.cells.find((c) => c.metric === id && c.group === null)!.values;
          expect(Math.round(sum(v.slice(0, 31)) * 100)).toBe(Math.round((v[31] ?? 0) * 100));
        }
      }),
      { numRuns: 150 },
    );
  });

  const sorted = <T extends { callbackMinutes?: number[] }>(t: T): T =>
    t.callbackMinutes ? { ...t, callbackMinutes: [...t.callbackMinutes].sort((a, b) => a - b) } : t;

  it('merging the tallies of any two-way split equals one pass', () => {
    const fates = fc.constantFrom<Fate>(FATE.returned, FATE.unreturned, FATE.pending, FATE.anonymous);
    const factsArb = fc.record({
      client: fc.integer({ min: 0, max: 5 }),
      invoice: fc.integer({ min: -3, max: 5 }),
      first: fc.boolean(),
      acquisition: fc.constantFrom<LineFacts['acquisition']>('inbound', 'outbound', null),
      newInSpan: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(leadArb, fc.boolean(), fc.boolean())),
        fc.array(fc.tuple(callArb, fates, fc.double({ min: 0, max: 1440, noNaN: true }), fc.boolean())),
        fc.array(fc.tuple(invArb, factsArb, fc.boolean())),
        (ls, cs, vs) => {
          // the tallies take plain field values (records live in columns): map the objects
          const addLead = (t: ReturnType<typeof leadTally.init>, l: Lead, won: boolean) => leadTally.add(t, l.excluded, l.direction === 'outbound', won);
          const one = leadTally.init();
          const parts = [leadTally.init(), leadTally.init()];
          for (const [l, won, side] of ls) {
            addLead(one, l, won);
            addLead(parts[side ? 1 : 0]!, l, won);
          }
          expect(leadTally.merge(parts[0]!, parts[1]!)).toEqual(one);

          const phoneIds = new Map<string, number>();
          const phoneId = (p: string | null) => (p === null ? -1 : phoneIds.get(p) ?? (phoneIds.set(p, phoneIds.size), phoneIds.size - 1));
          const dirCode = { inbound: DIR_INBOUND, outbound: DIR_OUTBOUND, internal: DIR_INTERNAL } as const;
          const addCall = (t: ReturnType<typeof callTally.init>, c: Call, f: Fate, minutes: number) =>
            callTally.add(t, dirCode[c.direction], c.answered === null ? ANSWERED_UNKNOWN : c.answered ? ANSWERED_YES : ANSWERED_NO, phoneId(c.from), f, minutes);
          const c1 = callTally.init();
          const cp = [callTally.init(), callTally.init()];
          for (const [c, fate, minutes, side] of cs) {
            // only unanswered inbound calls carry a missed fate
            const f = c.direction === 'inbound' && c.answered === false ? (c.from === null ? FATE.anonymous : fate) : FATE.none;
            const cc = f === FATE.none ? c : { ...c, from: c.from ?? '+70000000000' };
            addCall(c1, cc, f, minutes);
            addCall(cp[side ? 1 : 0]!, cc, f, minutes);
          }
          expect(sorted(callTally.merge(cp[0]!, cp[1]!))).toEqual(sorted(c1));

          const addLine = (t: ReturnType<typeof invoiceTally.init>, v: InvoiceLine, facts: LineFacts) => invoiceTally.add(t, v.void, v.amount, v.cost ?? NaN, facts);
          const i1 = invoiceTally.init();
          const ip = [invoiceTally.init(), invoiceTally.init()];
          for (const [v, facts, side] of vs) {
            addLine(i1, v, facts);
            addLine(ip[side ? 1 : 0]!, v, facts);
          }
          expect(invoiceTally.merge(ip[0]!, ip[1]!)).toEqual(i1);
        },
      ),
      { numRuns: 200 },
    );
  });
});
