import { describe, it, expect } from 'vitest';
import { linkRecords } from '../../src/kpi/link.js';
import { listAtRisk, listLostClients, listMissedUnreturned, listNewClients } from '../../src/kpi/lists.js';
import type { Call, InvoiceLine, Lead } from '../../src/records/types.js';
import { call, day, inv, lead, month, span, wall } from './factories.js';

const link = (p: { leads?: Lead[]; calls?: Call[]; invoices?: InvoiceLine[] }) =>
  linkRecords({ leads: p.leads ?? [], calls: p.calls ?? [], invoices: p.invoices ?? [] }, { conversionWindowDays: 90, useInvoiceWinRule: true });
const oct = month('2026-10');
const sep = month('2026-09');

describe('list missed-unreturned', () => {
  const [B, C, F] = ['+79120000002', '+79120000003', '+79120000006'];
  const calls = [
    call('2026-10-05 10:00', { from: B, answered: false }),
    call('2026-10-05 10:30', { direction: 'outbound', to: B }),
    call('2026-10-06 09:00', { from: C, answered: false, manager: 'Ann', channel: 'Ads' }),
    call('2026-10-07 09:00', { from: C, answered: false, manager: 'Bob', channel: 'SEO' }),
    call('2026-10-08 09:00', { from: null, fromAnonymous: true, answered: false }),
    call('2026-10-31 23:00', { from: F, answered: false }),
  ];

  it('one row per number; returned and anonymous calls are not listed; pending last', () => {
    const rows = listMissedUnreturned(link({ calls }), oct, { callbackWindowHours: 24, todayEndWall: wall('2026-11-01') });
    expect(rows).toEqual([
      {
        phone: C,
        missed_calls: 2,
        first_missed_at: wall('2026-10-06 09:00'),
        last_missed_at: wall('2026-10-07 09:00'),
        manager: 'Bob',
        channel: 'SEO',
        status: 'unreturned',
        group: null,
      },
      expect.objectContaining({ phone: F, missed_calls: 1, status: 'pending' }),
    ]);
  });

  it('with -g manager splits a number by group, matching the grouped metric', () => {
    const rows = listMissedUnreturned(link({ calls }), oct, { callbackWindowHours: 24, todayEndWall: wall('2026-12-01'), groupBy: 'manager' });
    expect(rows.map((r) => [r.group, r.phone, r.status])).toEqual([
      ['Ann', C, 'unreturned'],
      ['Bob', C, 'unreturned'],
      ['(none)', F, 'unreturned'],
    ]);
  });
});

function lines(): InvoiceLine[] {
  return [
    inv('2026-09-03', 'Xeno', 100, { number: '1', manager: 'Ann' }),
    inv('2026-09-10', 'Yarn', 50, { number: '2', manager: 'Bob' }),
    inv('2026-09-12', 'Yarn', 5, { number: '2b', manager: 'Cid' }),
    inv('2026-10-02', 'Xeno', 150, { number: '3', manager: 'Ann' }),
    inv('2026-10-05', 'Zinc', 300, { number: '4', manager: 'Bob' }),
    inv('2026-10-05', 'Zinc', 20, { number: '4', manager: 'Bob' }),
    inv('2026-10-25', 'Zinc', 7, { number: '5', manager: 'Bob' }),
    inv('2026-10-09', 'Yarn', -20, { number: '6', manager: 'Bob' }),
  ];
}

describe('list lost-clients and new-clients', () => {
  it('lost: in A(P₋₁), not in A(P), with the last positive line and P₋₁ revenue', () => {
    const rows = listLostClients(link({ invoices: lines() }), oct, sep);
    expect(rows).toEqual([
      {
        client_key: 'name:yarn',
        client: 'Yarn',
        last_invoice_date: wall('2026-09-12'),
        revenue_prev: 55,
        manager: 'Cid',
        channel: '(unattributed)',
        group: null,
      },
    ]);
  });

  it('new: first positive line in P; first_amount is the whole first invoice', () => {
    const leads = [lead('2026-10-01', { client: 'Zinc', channel: 'Ads', direction: 'outbound', segment: 'Retail' })];
    const rows = listNewClients(link({ invoices: lines(), leads }), oct, { groupBy: 'channel' });
    expect(rows).toEqual([
      {
        client_key: 'name:zinc',
        client: 'Zinc',
        first_invoice_date: wall('2026-10-05'),
        first_amount: 320,
        revenue: 327,
        channel: 'Ads',
        direction: 'outbound',
        segment: 'Retail',
        manager: 'Bob',
        group: 'Ads',
      },
    ]);
    expect(listNewClients(link({ invoices: lines() }), sep).map((r) => [r.client, r.direction])).toEqual([
      ['Xeno', '(unattributed)'],
      ['Yarn', '(unattributed)'],
    ]);
  });
});

describe('list at-risk', () => {
  const series = (client: string, dates: string[]) => dates.map((d, i) => inv(d, client, 10, { number: `${client}-${i}`, manager: 'Ann' }));
  const data = () =>
    link({
      invoices: [
        ...series('Regular', ['2026-01-01', '2026-02-01', '2026-03-01']), // gaps 31, 28 → median 29.5
        ...series('Steady', ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-10']),
        ...series('Twice', ['2026-01-01', '2026-03-01']),
        ...series('Gone', ['2026-01-01', '2026-01-15', '2026-02-01']),
        ...series('Burst', ['2026-01-01', '2026-01-11', '2026-01-21', '2026-04-02']), // gaps 10, 10, 71 → 10
      ],
    });
  const april = month('2026-04');

  it('while P runs: regulars overdue by more than 1.5 median gaps, active in P or P₋₁', () => {
    const rows = listAtRisk(data(), april, day('2026-04-20'), { prev: month('2026-03') });
    expect(rows.map((r) => [r.client, r.days_since, r.median_gap_days])).toEqual([
      ['Burst', 18, 10],
      ['Regular', 50, 29.5],
    ]);
    expect(rows[1]).toMatchObject({ last_invoice_date: wall('2026-03-01'), revenue_12m: 30, manager: 'Ann', group: null });
  });

  it('after P ended: counted at P.end, and a client silent all through P is already lost', () => {
    const rows = listAtRisk(data(), april, day('2026-05-10'), { prev: month('2026-03') });
    expect(rows.map((r) => [r.client, r.days_since])).toEqual([['Burst', 29]]);
  });

  it('ignores lines after the as-of day (a planned invoice does not hide the risk)', () => {
    const l = link({ invoices: [...series('Regular', ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-25'])] });
    const rows = listAtRisk(l, april, day('2026-04-20'), { prev: month('2026-03') });
    expect(rows.map((r) => [r.client, r.days_since, r.last_invoice_date])).toEqual([['Regular', 50, wall('2026-03-01')]]);
  });

  it('defaults P₋₁ to the same number of days before P', () => {
    // April has 30 days: P₋₁ = 2 March … 31 March, which misses Regular's line of 1 March
    const rows = listAtRisk(data(), april, day('2026-04-20'));
    expect(rows.map((r) => r.client)).toEqual(['Burst']);
  });
});
