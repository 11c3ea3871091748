/**
 * The retention family counts each (P, P₋₁) pair of tallies once and reuses it for its six
 * metrics (src/kpi/finish.ts): the reuse must never hand one pair's counts to another.
 */
import { describe, it, expect } from 'vitest';
import { finishMetric, type CellTallies } from '../../src/kpi/finish.js';
import { invoiceTally, type InvoiceTally } from '../../src/kpi/accumulators.js';

const known = { wonKnown: true, costKnown: true, answeredKnown: true };

function tally(active: number[], activeNew: number[] = []): InvoiceTally {
  const t = invoiceTally.init();
  for (const c of active) t.active.add(c);
  for (const c of activeNew) t.activeNew.add(c);
  return t;
}

const value = (id: Parameters<typeof finishMetric>[0], x: CellTallies) => finishMetric(id, x, known).value;

describe('retention of one period against different previous periods', () => {
  it('gives each pair its own counts, in any order of asking', () => {
    const cur = tally([1, 2, 3, 4, 5], [5]);
    const a = tally([1, 2, 9]);
    const b = tally([3, 7]);
    for (const prev of [a, b, a, b]) {
      const x = { invoice: cur, prevInvoice: prev };
      const kept = prev === a ? 2 : 1; // {1,2} or {3}
      expect(value('clients_retained', x)).toBe(kept);
      expect(value('clients_lost', x)).toBe(prev.active.size - kept);
      expect(value('retention_rate', x)).toBe(kept / prev.active.size);
      // reactivated: active, not in P₋₁, not new (5 is new): a → {3,4}, b → {1,2,4}
      expect(value('clients_reactivated', x)).toBe(prev === a ? 2 : 3);
    }
  });

  it('counts a new tally object afresh even when its sets match an earlier one', () => {
    const prev = tally([1]);
    expect(value('clients_retained', { invoice: tally([1, 2]), prevInvoice: prev })).toBe(1);
    expect(value('clients_retained', { invoice: tally([2]), prevInvoice: prev })).toBe(0);
  });
});
