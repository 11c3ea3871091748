/** Duplicate detection by hashes in typed-array tables (src/ingest/row-hash.ts). */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { HashIndex, HashSet, hashNumbers, hashText, hashTexts, lastHash } from '../../src/ingest/row-hash.js';

describe('HashSet', () => {
  it('reports exactly the rows seen before, over growth', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 3000 }), (rows) => {
        const set = new HashSet();
        const seen = new Set<string>();
        for (const r of rows) {
          hashText(r);
          expect(set.addLast()).toBe(!seen.has(r));
          seen.add(r);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('reserve makes room without losing what is in it', () => {
    const set = new HashSet();
    hashText('a');
    set.addLast();
    set.reserve(100_000);
    hashText('a');
    expect(set.addLast()).toBe(false);
  });
});

describe('hashes', () => {
  it('cells are separated: a|bc is not ab|c', () => {
    hashTexts(['a', 'bc']);
    const one = { ...lastHash() };
    hashTexts(['ab', 'c']);
    expect(lastHash()).not.toEqual(one);
  });

  it('numbers hash by value (NaN is one value), the second half is never 0', () => {
    hashNumbers([1, NaN, -1]);
    const a = { ...lastHash() };
    hashNumbers(Float64Array.from([1, NaN, -1]));
    expect(lastHash()).toEqual(a);
    expect(a.h2).not.toBe(0);
  });
});

describe('HashIndex', () => {
  it('keeps the first value claimed for a hash', () => {
    const x = new HashIndex();
    const claim = (t: string, v: number) => {
      hashText(t);
      return x.claimLast(v);
    };
    expect([claim('a', 1), claim('b', 2), claim('a', 3), claim('b', 4)]).toEqual([-1, -1, 1, 2]);
  });
});
