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

  it('counts an id added several times in a row once, across the switch to a bitset (lines of one invoice)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: -20, max: -1 })), fc.integer({ min: 1, max: 4 })), { maxLength: 3000 }), (runs) => {
        const s = new IdSet();
        const want = new Set<number>();
        for (const [x, times] of runs) {
          for (let k = 0; k < times; k++) s.add(x);
          want.add(x);
          expect(s.has(x)).toBe(true);
        }
        expect(s.size).toBe(want.size);
        expect(contents(s)).toEqual([...want].sort((a, b) => a - b));
      }),
      { numRuns: 60 },
    );
    const s = new IdSet();
    for (let i = 0; i < 6000; i++) s.add(i >> 1); // every id twice: becomes a bitset on the way
    expect(s.layout().words).toBeGreaterThan(0);
    expect(s.size).toBe(3000);
  });

  it('equals a set of the same ids, whatever the adding order or the layout (tallies compare merged sets)', () => {
    fc.assert(
      fc.property(ids, fc.integer({ min: 0, max: 2_000_000 }), (xs0, shift) => {
        // shifted: the same shapes far from id 0, where a bitset starts at its lowest word
        const xs = xs0.map((x) => (x >= 0 ? x + shift : x));
        const a = new IdSet();
        const b = new IdSet();
        for (const x of xs) a.add(x);
        for (const x of [...xs].reverse()) b.add(x);
        expect(b.equals(a)).toBe(true);
        expect(b).toEqual(a);
        expect(b.sorted()).toEqual([...new Set(xs)].sort((p, q) => p - q));
        const half = Math.floor(xs.length / 2);
        const l = new IdSet();
        const r = new IdSet();
        xs.slice(0, half).forEach((x) => l.add(x));
        xs.slice(half).forEach((x) => r.add(x));
        expect(IdSet.union(l, r).equals(a)).toBe(true);
        for (const p of [shift - 1, shift, shift + 2500, shift + 5001, -1, -51]) expect(a.has(p)).toBe(xs.includes(p));
        if (xs.length > 0) {
          // one id more or less is another set
          const c = new IdSet();
          xs.slice(1).forEach((x) => c.add(x));
          const same = xs.slice(1).includes(xs[0]!);
          expect(c.equals(a)).toBe(same);
          // toEqual compares by content too (test/helpers/setup.ts), both ways
          if (same) expect(c).toEqual(a);
          else expect(c).not.toEqual(a);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('holds a run of ids far from 0 in a bitset of their range, and ids spread thin in a Set', () => {
    const run = new IdSet();
    for (let i = 0; i < 40_000; i++) run.add(900_000 + i);
    // 40,000 ids: 1,250 words (a power of two: 2,048), not the 29,000 words from id 0
    expect(run.layout()).toEqual({ words: 2048, inSet: 0 });
    expect(run.size).toBe(40_000);
    expect(run.has(899_999)).toBe(false);
    expect(run.has(900_000)).toBe(true);
    expect(run.has(939_999)).toBe(true);
    // a later id below the range widens it downwards
    run.add(5);
    expect(run.has(5)).toBe(true);
    expect(run.sorted().slice(0, 2)).toEqual([5, 900_000]);

    const thin = new IdSet();
    for (let i = 0; i < 2000; i++) thin.add(i * 500);
    expect(thin.layout()).toEqual({ words: 0, inSet: 2000 });
    // filled in, the same range becomes a bitset
    for (let i = 0; i < 60_000; i++) thin.add(i * 16);
    expect(thin.layout().inSet).toBe(0);
    const want = new Set([...[...Array(2000).keys()].map((i) => i * 500), ...[...Array(60_000).keys()].map((i) => i * 16)]);
    expect(thin.size).toBe(want.size);
    expect(thin.sorted()).toEqual([...want].sort((p, q) => p - q));
  });
});
