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
