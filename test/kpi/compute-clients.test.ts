import { describe, it, expect } from 'vitest';
import type { InvoiceLine } from '../../src/records/types.js';
import { inv, lead, month, run, values, terms } from './factories.js';

const [aug, sep, oct, nov] = ['2026-08', '2026-09', '2026-10', '2026-11'].map(month) as [ReturnType<typeof month>, ReturnType<typeof month>, ReturnType<typeof month>, ReturnType<typeof month>];
const cols = [sep, oct, nov];
const prevs = [aug, sep, oct];

/** X buys every month; Y skips October (a credit note only) and comes back; Z is new in October. */
function lines(): InvoiceLine[] {
  return [
    inv('2026-09-03', 'Xeno', 100, { number: '1', cost: 60, manager: 'Ann' }),
    inv('2026-09-10', 'Yarn', 50, { number: '2', cost: 20, manager: 'Bob' }),
    inv('2026-10-02', 'Xeno', 150, { number: '3', cost: 100, manager: 'Ann' }),
    inv('2026-10-02', 'Xeno', 50, { number: '3', cost: 10, manager: 'Ann' }), // second line of invoice 3
    inv('2026-10-05', 'Zinc', 300, { number: '4', cost: 200, manager: 'Bob' }),
    inv('2026-10-09', 'Yarn', -20, { number: '5', cost: -5, manager: 'Bob' }), // credit note
    inv('2026-10-12', 'Wolf', 999, { number: '6', cost: 1, manager: 'Cid', void: true }),
    inv('2026-11-03', 'Yarn', 70, { number: '7', cost: 30, manager: 'Ann' }),
    inv('2026-11-04', 'Xeno', 10, { number: '8', cost: 5, manager: 'Ann' }),
    inv('2026-11-04', 'Xeno', 0, { number: '9', manager: 'Cid' }), // a zero line changes nothing
  ];
}

describe('client metrics', () => {
  const r = run({ invoices: lines() }, cols, prevs);

  it.each([
    ['revenue', [150, 480, 80]],
    ['profit', [70, 175, 45]],
    ['invoices', [2, 2, 2]],
    ['clients_active', [2, 2, 2]],
    ['revenue_per_client', [75, 240, 40]],
    ['profit_per_client', [35, 87.5, 22.5]],
    ['new_clients', [2, 1, 0]], // the first period's clients are all new
    ['retention_rate', [null, 0.5, 0.5]], // A(Aug) is empty → null
    ['clients_retained', [0, 1, 1]],
    ['clients_lost', [0, 1, 1]],
    ['clients_reactivated', [0, 0, 1]], // Y: active in Sep, not Oct, back in Nov
    ['crr', [null, 0.5, 1]], // classic: (|A(P)| − new) / |A(P₋₁)| differs from strict retention in Nov
    ['churn_rate', [null, 0.5, 0.5]],
  ] as const)('%s = %j', (id, want) => {
    expect(values(r, id)).toEqual(want);
  });

  it('explains revenue and retention with their terms', () => {
    expect(terms(r, 'revenue', 1)).toEqual({ lines: 4, credit_lines: 1, void_lines: 1 });
    expect(terms(r, 'retention_rate', 1)).toEqual({ clients_retained: 1, clients_active_prev: 2 });
    expect(terms(r, 'crr', 2)).toEqual({ clients_active: 2, new_clients: 0, clients_active_prev: 2 });
  });

  it('leaves new_clients_inbound/outbound out without leads (they need both inputs)', () => {
    expect(r.cells.some((c) => c.metric === 'new_clients_inbound' || c.metric === 'new_clients_outbound')).toBe(false);
  });

  it('a period after the data is literal: revenue 0, retention 0, churn 1', () => {
    const dec = month('2026-12');
    const after = run({ invoices: lines() }, [dec], [nov]);
    expect(values(after, 'revenue')).toEqual([0]);
    expect(values(after, 'retention_rate')).toEqual([0]);
    expect(values(after, 'churn_rate')).toEqual([1]);
    expect(values(after, 'revenue_per_client')).toEqual([null]);
  });

  it('profit is null where a counted line lacks a cost, and everywhere without cost data (Decision #30)', () => {
    const ls = lines();
    ls[7] = { ...ls[7]!, cost: null }; // November's Yarn line
    const p = run({ invoices: ls }, cols, prevs);
    expect(values(p, 'profit')).toEqual([70, 175, null]);
    expect(values(p, 'profit_per_client')).toEqual([35, 87.5, null]);
    expect(terms(p, 'profit', 2)).toEqual({ revenue: 80, cost: null, lines_without_cost: 1 });
    const none = run({ invoices: lines() }, cols, prevs, { costKnown: false });
    expect(values(none, 'profit')).toEqual([null, null, null]);
    expect(values(none, 'revenue')).toEqual([150, 480, 80]);
  });

  it('counts distinct trimmed numbers (#39 override), a number-less line as its own invoice', () => {
    const ls = [
      inv('2026-10-01', 'Alpha', 10, { number: '00012' }),
      inv('2026-10-01', 'Beta', 10, { number: '00012' }),
      inv('2026-10-01', 'Beta', 10, { number: '12' }),
      inv('2026-10-02', 'Beta', 10),
      inv('2026-10-02', 'Beta', 10),
    ];
    expect(values(run({ invoices: ls }, [oct], [sep]), 'invoices')).toEqual([4]);
  });

  it('a credit note alone does not make a client active or new', () => {
    const c = run({ invoices: [inv('2026-10-01', 'Alpha', -10, { cost: 0 })] }, [oct], [sep]);
    expect(values(c, 'clients_active')).toEqual([0]);
    expect(values(c, 'new_clients')).toEqual([0]);
    expect(values(c, 'revenue')).toEqual([-10]);
    expect(values(c, 'invoices')).toEqual([0]);
  });

  it('sums money exactly in cents', () => {
    const ls = Array.from({ length: 10 }, () => inv('2026-10-01', 'Alpha', 0.1, { cost: 0 }));
    expect(values(run({ invoices: ls }, [oct], [sep]), 'revenue')).toEqual([1]);
  });
});

describe('client groups', () => {
  it('by manager: lines by their manager; newness by the first line; A(P) per group', () => {
    const r = run({ invoices: lines() }, cols, prevs, { groupBy: 'manager' });
    expect(r.groups).toEqual(['Ann', 'Bob']); // Cid has only a void and a zero line
    expect(values(r, 'revenue', 'Ann')).toEqual([100, 200, 80]);
    expect(values(r, 'revenue', 'Bob')).toEqual([50, 280, 0]);
    expect(values(r, 'new_clients', 'Bob')).toEqual([1, 1, 0]);
    // Yarn moved from Bob to Ann: lost for Bob; for Ann reactivated (not in A(P₋₁), not new company-wide)
    expect(values(r, 'clients_lost', 'Bob')).toEqual([0, 1, 1]);
    expect(values(r, 'clients_reactivated', 'Ann')).toEqual([0, 0, 1]);
    expect(values(r, 'retention_rate', 'Bob')).toEqual([null, 0, 0]);
  });

  it('by channel: the client\'s acquisition lead; none → (unattributed), empty channel → (none)', () => {
    const leads = [
      lead('2026-09-03 18:00', { client: 'Xeno', channel: 'SEO' }), // same day as the first line, later hour: still acquires
      lead('2026-08-01', { client: 'Yarn', direction: 'outbound' }), // channel (none)
      lead('2026-10-06', { client: 'Zinc', channel: 'Ads' }), // after Zinc's first line: a repeat request
    ];
    const r = run({ invoices: lines(), leads }, cols, prevs, { groupBy: 'channel' });
    expect(values(r, 'new_clients', 'SEO')).toEqual([1, 0, 0]);
    expect(values(r, 'new_clients', '(none)')).toEqual([1, 0, 0]);
    expect(values(r, 'new_clients', '(unattributed)')).toEqual([0, 1, 0]);
    expect(values(r, 'new_clients_inbound')).toEqual([1, 0, 0]);
    expect(values(r, 'new_clients_outbound')).toEqual([1, 0, 0]);
    expect(values(r, 'revenue', 'SEO')).toEqual([100, 200, 10]);
    // leads_total in Ads counts Zinc's lead by its own channel
    expect(values(r, 'leads_total', 'Ads')).toEqual([0, 1, 0]);
  });

  it('by segment: a client attribute (invoice segment first, else the acquisition lead\'s)', () => {
    const ls = lines().map((l) => (l.client === 'Zinc' ? { ...l, segment: 'Retail' } : l));
    const leads = [lead('2026-09-01', { client: 'Xeno', segment: 'B2B' })];
    const r = run({ invoices: ls, leads }, cols, prevs, { groupBy: 'segment' });
    expect(values(r, 'revenue', 'B2B')).toEqual([100, 200, 10]);
    expect(values(r, 'revenue', 'Retail')).toEqual([0, 300, 0]);
    expect(values(r, 'revenue', '(unattributed)')).toEqual([50, -20, 70]);
  });
});
