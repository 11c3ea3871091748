import { describe, it, expect } from 'vitest';
import { lead, inv, month, run, values, terms, span } from './factories.js';

const oct = month('2026-10');
const nov = month('2026-11');
const sep = month('2026-09');

const leads = () => [
  lead('2026-10-01 09:00', { channel: 'SEO', manager: 'Ann', won: true }),
  lead('2026-10-15 12:00', { channel: 'SEO', manager: 'Bob' }),
  lead('2026-10-20 08:00', { channel: 'Cold', manager: 'Ann', direction: 'outbound', won: true }),
  lead('2026-10-31 23:59', { channel: 'Spam', manager: 'Bob', excluded: true, won: true }),
  lead('2026-11-02 10:00', { channel: 'Cold', manager: 'Bob', direction: 'outbound' }),
];

describe('lead metrics', () => {
  const r = run({ leads: leads() }, [oct, nov], [sep, oct]);

  it.each([
    ['leads_total', [3, 1]],
    ['leads_inbound', [2, 0]],
    ['leads_outbound', [1, 1]],
    ['leads_won', [2, 0]],
    ['new_sales_inbound', [1, 0]],
    ['new_sales_outbound', [1, 0]],
    ['lead_conversion', [2 / 3, 0]],
    ['inbound_efficiency', [0.5, null]], // November: no inbound leads → null, not 0
  ] as const)('%s = %j', (id, want) => {
    expect(values(r, id)).toEqual(want);
  });

  it('keeps excluded leads out of every lead metric but names them in the terms (Decision #52)', () => {
    expect(terms(r, 'leads_total', 0)).toEqual({ excluded_leads: 1 });
    expect(terms(r, 'lead_conversion', 0)).toEqual({ leads_won: 2, leads_total: 3 });
  });

  it('keeps the terms of the columns asked for only (termsOf), the values of all', () => {
    const some = run({ leads: leads() }, [oct, nov], [sep, oct], { termsOf: [false, true] });
    expect(values(some, 'lead_conversion')).toEqual([2 / 3, 0]);
    expect(terms(some, 'lead_conversion', 0)).toBeNull();
    expect(terms(some, 'lead_conversion', 1)).toEqual({ leads_won: 0, leads_total: 1 });
  });

  it('leaves out the metrics of inputs not given (SPEC §3, Decision #13)', () => {
    const ids = new Set(r.cells.map((c) => c.metric));
    expect(ids.has('calls_inbound')).toBe(false);
    expect(ids.has('revenue')).toBe(false);
    expect(ids.has('new_clients_inbound')).toBe(false);
    expect(r.ungrouped).toEqual([]);
  });

  it('makes won-based metrics null (unknown), not 0, when won is unknown (Decision #29)', () => {
    const u = run({ leads: leads() }, [oct], [sep], { wonKnown: false });
    for (const id of ['leads_won', 'lead_conversion', 'new_sales_inbound', 'new_sales_outbound', 'inbound_efficiency'] as const) {
      expect(values(u, id)).toEqual([null]);
    }
    expect(values(u, 'leads_total')).toEqual([3]);
  });

  it('counts a lead in every column that holds its day: overlapping and day columns', () => {
    const d = run({ leads: leads() }, [oct, span('2026-10-01', '2026-10-02'), span('2026-10-15', '2026-11-15')], [sep, sep, sep]);
    expect(values(d, 'leads_total')).toEqual([3, 1, 3]);
  });
});

describe('the invoice win rule (Decision #29)', () => {
  const created = '2026-10-10 15:00';
  it.each([
    ['same calendar day, earlier time', '2026-10-10 00:00', 100, {}, 1],
    ['the window end, created + 90 days', '2027-01-08', 100, {}, 1],
    ['one day past the window', '2027-01-09', 100, {}, 0],
    ['the day before the lead', '2026-10-09', 100, {}, 0],
    ['a void line', '2026-10-12', 100, { void: true }, 0],
    ['a credit note', '2026-10-12', -100, {}, 0],
  ] as const)('invoice on %s → leads_won %i', (_what, at, amount, p, want) => {
    const r = run(
      { leads: [lead(created, { client: 'Alpha' })], invoices: [inv(at, 'Alpha', amount, p)] },
      [oct],
      [sep],
    );
    expect(values(r, 'leads_won')).toEqual([want]);
  });

  it('an invoice beats a lost status (OR rule)', () => {
    const r = run({ leads: [lead(created, { client: 'Alpha', status: 'Closed Lost' })], invoices: [inv('2026-10-20', 'Alpha', 5)] }, [oct], [sep]);
    expect(values(r, 'leads_won')).toEqual([1]);
  });

  it('counts the win in the period the lead was created (cohort basis)', () => {
    const r = run({ leads: [lead('2026-10-30', { client: 'Alpha' })], invoices: [inv('2026-11-20', 'Alpha', 5)] }, [oct, nov], [sep, oct]);
    expect(values(r, 'leads_won')).toEqual([1, 0]);
  });
});

describe('lead groups', () => {
  it('groups leads by their own field; group counts sum to the total', () => {
    const r = run({ leads: leads() }, [oct, nov], [sep, oct], { groupBy: 'channel' });
    expect(values(r, 'leads_total', 'SEO')).toEqual([2, 0]);
    expect(values(r, 'leads_total', 'Cold')).toEqual([1, 1]);
    expect(values(r, 'inbound_efficiency', 'Cold')).toEqual([null, null]);
    // Spam has only an excluded lead: not a member, no rows
    expect(r.groups).toEqual(['Cold', 'SEO']);
  });

  it('gives rows in every column only to groups with a record in the membership span (Decision #50)', () => {
    const r = run({ leads: leads() }, [oct, nov], [sep, oct], { groupBy: 'manager', membershipSpan: nov });
    expect(r.sectionGroups.leads).toEqual(['Bob']);
    expect(values(r, 'leads_total', 'Bob')).toEqual([1, 1]);
    expect(r.cells.some((c) => c.group === 'Ann')).toBe(false);
    // the total still counts Ann's leads
    expect(values(r, 'leads_total')).toEqual([3, 1]);
  });

  it('orders groups by code point with the placeholders last', () => {
    const ls = [
      lead('2026-10-01', { manager: '(none)' }),
      lead('2026-10-01', { manager: 'Яков' }),
      lead('2026-10-01', { manager: 'bob' }),
      lead('2026-10-01', { manager: 'Ann' }),
    ];
    const r = run({ leads: ls }, [oct], [sep], { groupBy: 'manager' });
    expect(r.groups).toEqual(['Ann', 'bob', 'Яков', '(none)']);
    expect(r.cells.filter((c) => c.metric === 'leads_total').map((c) => c.group)).toEqual([null, 'Ann', 'bob', 'Яков', '(none)']);
  });
});
