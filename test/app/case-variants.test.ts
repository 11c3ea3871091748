/**
 * `caseVariants` (src/app/cross-checks.ts) groups names by a hash of their comparison form and
 * compares only names sharing a hash: it must say exactly what grouping every name by its form
 * says — the same groups, in the same order, each with its names in first-use order.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { caseVariants, namesOf } from '../../src/app/cross-checks.js';
import { PackedDict } from '../../src/records/table/packed-dict.js';
import { StringDict } from '../../src/records/table/dict.js';

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

  it('reads the names of packed and string dictionaries by id as it reads a list of them (property)', () => {
    const unit = fc.constantFrom('a', 'A', 'b', 'Я', 'я', ' ', '\t', '\u00a0', 'İ', '1');
    const name = fc.string({ unit, minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(name, { maxLength: 25 }), fc.array(name, { maxLength: 25 }), (xs, ys) => {
        const packed = new PackedDict();
        const plain = new StringDict();
        const a = Int32Array.from(xs, (x) => packed.id(x));
        const b = Int32Array.from(ys, (y) => plain.id(y));
        const names = [...a].map((id) => packed.value(id)!).concat([...b].map((id) => plain.value(id)!));
        const got = caseVariants(namesOf([{ dict: packed, ids: a }, { dict: plain, ids: b }]), 'manager');
        expect(got.map((i) => i.value)).toEqual(reference(names));
      }),
      { numRuns: 2000 },
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
