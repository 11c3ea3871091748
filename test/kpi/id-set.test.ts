/** IdSet: a set of integer ids that turns into a bitset when large (src/kpi/id-set.ts). */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { IdSet } from '../../src/kpi/id-set.js';

const ids = fc.array(fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: -50, max: -1 })), { maxLength: 4000 });

function contents(s: IdSet): number[] {
  const out: number[] = [];
  s.forEach((x) => out.push(x));
  return out.sort((a, b) => a - b);
}

describe('IdSet', () => {
  it('behaves as a Set of numbers, small or large, negatives included', () => {
    fc.assert(
      fc.property(ids, fc.array(fc.integer({ min: -60, max: 6000 }), { maxLength: 50 }), (xs, probes) => {
        const s = new IdSet();
        for (const x of xs) s.add(x);
        const want = new Set(xs);
        expect(s.size).toBe(want.size);
        expect(contents(s)).toEqual([...want].sort((a, b) => a - b));
        for (const p of probes) expect(s.has(p)).toBe(want.has(p));
      }),
      { numRuns: 60 },
    );
  });

  it('is structurally equal for equal contents, whatever the adding order (tallies compare merged sets)', () => {
    fc.assert(
      fc.property(ids, (xs) => {
        const a = new IdSet();
        const b = new IdSet();
        for (const x of xs) a.add(x);
        for (const x of [...xs].reverse()) b.add(x);
        expect(b).toEqual(a);
        const half = Math.floor(xs.length / 2);
        const l = new IdSet();
        const r = new IdSet();
        xs.slice(0, half).forEach((x) => l.add(x));
        xs.slice(half).forEach((x) => r.add(x));
        expect(IdSet.union(l, r)).toEqual(a);
      }),
      { numRuns: 40 },
    );
  });
});
