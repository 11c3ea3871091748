/**
 * `caseVariants` (src/app/cross-checks.ts) groups names by a hash of their comparison form and
 * compares only names sharing a hash: it must say exactly what grouping every name by its form
 * says — the same groups, in the same order, each with its names in first-use order.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { caseVariants } from '../../src/app/cross-checks.js';

/** The grouping by form, as it was written before (a Map of forms to Sets of names). */
function reference(names: readonly string[]): string[] {
  const by = new Map<string, Set<string>>();
  for (const n of names) {
    const k = n.toLowerCase().replace(/\s+/g, ' ').trim();
    const set = by.get(k) ?? new Set<string>();
    set.add(n);
    by.set(k, set);
  }
  return [...by.values()].filter((s) => s.size > 1).map((s) => [...s].map((x) => JSON.stringify(x)).join(', '));
}

describe('caseVariants', () => {
  it('finds the groups a form-by-form grouping finds, in its order, for any names (property)', () => {
    // letters in both cases (ASCII, Cyrillic, Σ/ς/σ, İ whose lower case is two characters), every
    // kind of space, repeats of one name (the same manager in two kinds' dictionaries)
    const unit = fc.constantFrom('a', 'A', 'b', 'B', 'я', 'Я', 'Σ', 'σ', 'ς', 'İ', 'i', ' ', '  ', '\t', '\u00a0', '1', '-');
    const name = fc.string({ unit, minLength: 0, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(name, { maxLength: 40 }), (names) => {
        expect(caseVariants(names, 'channel').map((i) => i.value)).toEqual(reference(names));
      }),
      { numRuns: 3000 },
    );
  });

  it('says which names differ only in case or spacing, once per group, and nothing for a repeated name', () => {
    const got = caseVariants(['Ivanov', 'SEO', 'ivanov', 'seo ', 'Ivanov', 'Petrov', 'IVANOV', 'Petrov'], 'manager');
    expect(got.map((i) => i.value)).toEqual(['"Ivanov", "ivanov", "IVANOV"', '"SEO", "seo "']);
    expect(got[0]!.hint).toContain('managers:');
  });

  it('finds the one variant among a million distinct names (landing URLs with click ids)', () => {
    const names = Array.from({ length: 1_000_000 }, (_, i) => `https://shop.example.ru/landing?utm_source=ads&gclid=Cj0KCQ${i}xyz`);
    names.push('HTTPS://shop.example.ru/landing?utm_source=ads&gclid=Cj0KCQ7xyz');
    const got = caseVariants(names, 'channel');
    expect(got.map((i) => i.value)).toEqual(['"https://shop.example.ru/landing?utm_source=ads&gclid=Cj0KCQ7xyz", "HTTPS://shop.example.ru/landing?utm_source=ads&gclid=Cj0KCQ7xyz"']);
  });
});
