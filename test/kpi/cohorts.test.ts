import { describe, it, expect } from 'vitest';
import { computeCohorts } from '../../src/kpi/cohorts.js';
import { linkRecords } from '../../src/kpi/link.js';
import type { InvoiceLine } from '../../src/records/types.js';
import { inv, month } from './factories.js';

const months = ['2026-09', '2026-10', '2026-11'].map(month);
/** Offsets stop after November, the last month with data. */
const offsetSpans = (ci: number, k: number) => months[ci + k] ?? null;

function lines(): InvoiceLine[] {
  return [
    inv('2026-09-05', 'Alpha', 100, { manager: 'Ann' }),
    inv('2026-10-10', 'Alpha', 50, { manager: 'Bob' }),
    inv('2026-12-01', 'Alpha', 30), // after the last offset: not counted anywhere
    inv('2026-09-20', 'Beta', 200, { manager: 'Bob' }),
    inv('2026-10-02', 'Beta', -50, { manager: 'Bob' }), // credit note: revenue, not activity
    inv('2026-10-03', 'Gamma', 10, { manager: 'Ann' }),
    inv('2026-10-20', 'Gamma', 5, { manager: 'Ann' }),
    inv('2026-11-02', 'Gamma', 20, { manager: 'Ann' }),
    inv('2026-11-03', 'Delta', 70, { void: true }), // void: never a client of any cohort
  ];
}
const linked = () => linkRecords({ leads: [], calls: [], invoices: lines() }, { conversionWindowDays: 90, useInvoiceWinRule: false });
const pick = (cells: { clients_active: number | null; share: number | null; revenue: number | null }[]) =>
  cells.map((c) => [c.clients_active, c.share, c.revenue]);

describe('cohorts (Decision #9)', () => {
  const rows = computeCohorts(linked(), months, offsetSpans, { groupBy: null });

  it('one row per cohort span, sized by first positive line', () => {
    expect(rows.map((r) => [r.cohort, r.group, r.size])).toEqual([
      [0, null, 2],
      [1, null, 1],
      [2, null, 0],
    ]);
  });

  it('cells: active clients, share of the cohort, revenue; offsets past the data are null', () => {
    expect(pick(rows[0]!.cells)).toEqual([
      [2, 1, 300],
      [1, 0.5, 0], // Alpha active; Beta's credit note lowers revenue only
      [0, 0, 0],
    ]);
    expect(pick(rows[1]!.cells)).toEqual([
      [1, 1, 15],
      [1, 1, 20],
      [null, null, null],
    ]);
    expect(pick(rows[2]!.cells)).toEqual([
      [0, null, 0], // an empty cohort has no share
      [null, null, null],
      [null, null, null],
    ]);
    expect(rows[1]!.cells[2]!.span).toBeNull();
    expect(rows[1]!.cells[1]!.span).toEqual(months[2]);
  });

  it('with -g manager adds rows per group of the client\'s first line', () => {
    const g = computeCohorts(linked(), months, offsetSpans, { groupBy: 'manager' });
    expect(g.map((r) => [r.cohort, r.group, r.size])).toEqual([
      [0, null, 2],
      [0, 'Ann', 1],
      [0, 'Bob', 1],
      [1, null, 1],
      [1, 'Ann', 1],
      [2, null, 0],
    ]);
    // Alpha is Ann's cohort member; its October line by Bob still counts for Ann's row
    expect(pick(g[1]!.cells)).toEqual([
      [1, 1, 100],
      [1, 1, 50],
      [0, 0, 0],
    ]);
  });

  it('refuses an offsetSpans that never ends', () => {
    expect(() => computeCohorts(linked(), months, () => months[0]!, { groupBy: null })).toThrow(/never returned null/);
  });
});
