import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBool } from '../../src/values/bool.js';
import { DEFAULT_NULL_VALUES, makeNullTest } from '../../src/values/nulls.js';

describe('makeNullTest', () => {
  const isNull = makeNullTest(DEFAULT_NULL_VALUES);

  it.each<[string, boolean]>([
    ['', true],
    ['   ', true],
    ['\u00a0', true],
    ['NULL', true],
    ['null', true],
    [' Null ', true],
    ['NA', true],
    ['na', true],
    ['N/A', true],
    ['n/a', true],
    ['#N/A', true], // Salesforce
    ['-', true],
    [' - ', true],
    ['0', false],
    ['--', false],
    ['None', false],
    ['NAN', false],
    ['North America', false],
    ['#REF!', false],
  ])('default list: %j → %s', (text, expected) => {
    expect(isNull(text)).toBe(expected);
  });

  it('a configured list replaces the defaults, but blank text is always null', () => {
    const custom = makeNullTest(['нет данных', 'None']);
    expect(custom('НЕТ ДАННЫХ')).toBe(true);
    expect(custom('none')).toBe(true);
    expect(custom('')).toBe(true);
    expect(custom('  ')).toBe(true);
    expect(custom('NULL')).toBe(false);
    expect(custom('-')).toBe(false);
  });

  it('answers as trim + lowercase + lookup would, for any list and text (the first-character shortcut loses nothing)', () => {
    const piece = fc.string({ unit: fc.constantFrom(...'nNaA/#-–xX0 \u00a0\tиИнН'), maxLength: 5 });
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 5 }), fc.oneof(piece, fc.string({ maxLength: 6 })), (list, text) => {
        const want = new Set(list.map((v) => v.trim().toLowerCase()).filter((v) => v !== ''));
        expect(makeNullTest(list)(text)).toBe(text.trim() === '' || want.has(text.trim().toLowerCase()));
      }),
      { numRuns: 3000 },
    );
  });

  it('an empty list still treats blank text as null', () => {
    const none = makeNullTest([]);
    expect(none('')).toBe(true);
    expect(none('x')).toBe(false);
  });
});

describe('parseBool', () => {
  it.each<[string, boolean | null]>([
    ['yes', true], ['Yes', true], ['Y', true], ['true', true], ['TRUE', true], ['1', true], ['да', true], ['Да', true],
    ['истина', true], ['t', true],
    ['no', false], ['No', false], ['n', false], ['false', false], ['0', false], ['нет', false], ['НЕТ', false],
    ['ложь', false], [' f ', false],
    ['', null], ['maybe', null], ['2', null], ['yes!', null], ['-1', null], ['ANSWERED', null], ['истинно', null],
  ])('%j → %s', (text, value) => {
    expect(parseBool(text)).toBe(value);
  });
});
