import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNumberColumn, toCents, tryCents } from '../../src/values/numbers.js';

const NBSP = '\u00a0';

describe('values that prove their decimal mark (fresh column each)', () => {
  it.each<[string, number]>([
    ['1234.56', 1234.56],
    ['1234,56', 1234.56],
    ['1 234,56', 1234.56],
    [`1${NBSP}234,56`, 1234.56],
    ['1\u2009234,56', 1234.56],
    ['1\u202f234\u202f567,5', 1234567.5],
    ['1,234.56', 1234.56],
    ['1.234,56', 1234.56],
    ['1.234.567,89', 1234567.89],
    ['1,234,567', 1234567], // a repeated mark groups
    ['1.234.567', 1234567],
    ['0,500', 0.5], // no group starts with 0
    ['1234,567', 1234.567], // a group has at most 3 digits
    ['.5', 0.5],
    ['-1 234,56', -1234.56],
    ['\u22121 234,56', -1234.56],
    ['1 234,56-', -1234.56],
    ['(123.45)', -123.45],
    ['($1,234.50)', -1234.5],
    ['+12.5', 12.5],
    ['₽ 1 234,56', 1234.56],
    ['1 234,56 ₽', 1234.56],
    ['1 234,56 р.', 1234.56],
    ['1 234,56 руб.', 1234.56],
    ['1 234,56 руб', 1234.56],
    ['1234.56 RUB', 1234.56],
    ['$22,700.00', 22700], // Zoho
    ['"$22,700.00"', 22700],
    ['-$5.25', -5.25],
    ['$-5.25', -5.25],
    ['USD 10.5', 10.5],
    ['5EUR', 5],
    ['€ 3.500,00', 3500],
    ['3.500,00 EUR', 3500],
    ['£1,000.50', 1000.5],
    ['140000.0', 140000], // Salesforce
    ['1.03444E11', 103444000000], // Salesforce exponent form
    ['2.5e-3', 0.0025],
    ['0', 0],
    ['-0', 0],
    ['007', 7],
    ['1 234', 1234],
    ['123456789012345', NaN], // 15 digits but beyond integer-cents range → null (see MAX_ABS)
    ['12345678901.2345', 12345678901.2345], // 15 significant digits
  ])('%j → %d', (text, value) => {
    const col = createNumberColumn({});
    const ok = !Number.isNaN(value);
    expect(col.observe(text)).toBe(ok);
    expect(col.parse(text)).toBe(ok ? value : null);
    expect(col.undecided).toBe(false);
  });
});

describe('rejected values', () => {
  it.each([
    '', '   ', 'NaN', 'Infinity', '-Infinity', '1e309', '1234567890123456', '0.1234567890123456', '12,34,5', '1,23,456',
    '1.234,567.89', '1,,2', '1.', '1,', ',', '-', '--5', '5--', '(5', '5)', '(-5)', '$', 'abc', '12abc', '12 %', '$342.09K',
    '1 2345', '12 34', '1 234.567.890', '1,234 567', '$5 €', '₽5 USD', '1e', '1.5.2', '2024-03-05', '10:30', '1/2',
  ])('%j', (text) => {
    const col = createNumberColumn({});
    expect(col.observe(text)).toBe(false);
    expect(col.parse(text)).toBeNull();
  });
});

describe('column evidence (Decision #23)', () => {
  const column = (values: string[], declared: ',' | '.' | null = null) => {
    const col = createNumberColumn({ declared });
    for (const v of values) expect(col.observe(v)).toBe(true);
    return col;
  };

  it('a column of ambiguous values stays undecided and parses none of them', () => {
    const col = column(['1,200', '3,500', '750', '"$21,042"']);
    expect(col.undecided).toBe(true);
    expect(col.parse('1,200')).toBeNull();
    expect(col.parse('750')).toBe(750); // no mark, nothing to decide
    expect(col.format()).toBeNull();
  });

  it('one proving value decides the whole column, earlier values included', () => {
    const col = column(['1,200', '3,500', '12,5']);
    expect(col.undecided).toBe(false);
    expect(col.parse('1,200')).toBe(1.2);
    expect(col.format()).toBe('decimal:,');
  });

  it('a thousands-grouped value decides for the dot', () => {
    const col = column(['1,200', '1,234,567']);
    expect(col.parse('1,200')).toBe(1200);
    expect(col.format()).toBe('decimal:.');
  });

  it('declared "," makes dots group thousands', () => {
    const col = column(['€ 3.500,00', '3.500', '12,5'], ',');
    expect(col.parse('3.500')).toBe(3500);
    expect(col.parse('€ 3.500,00')).toBe(3500);
    expect(col.observe('1.5')).toBe(false);
    expect(col.parse('1.5')).toBeNull();
    expect(col.format()).toBe('decimal:,');
  });

  it('declared "." makes commas group thousands', () => {
    const col = column(['1,200', '$21,042'], '.');
    expect(col.undecided).toBe(false);
    expect(col.parse('$21,042')).toBe(21042);
    expect(col.parse('1,5')).toBeNull();
    expect(col.format()).toBe('decimal:.');
  });

  it('contradicting evidence: the majority mark is used, contradicting values are rejected', () => {
    const col = column(['1 234,56', '12,5', '1,234.56']);
    expect(col.conflicting).toBe(true);
    expect(col.parse('12,5')).toBe(12.5);
    expect(col.parse('1,234.56')).toBeNull();
  });

  it('mixed currencies are flagged; the same currency written two ways is not', () => {
    const rub = column(['100 ₽', '200 руб.', '300 р.', 'RUB 5', '7']);
    expect(rub.mixedCurrency).toBe(false);
    expect(rub.currencies).toEqual(['RUB']);
    const mixed = column(['$5.00', '€ 6,00', '7']);
    expect(mixed.mixedCurrency).toBe(true);
    expect(mixed.currencies).toEqual(['USD', 'EUR']);
  });
});

describe('toCents', () => {
  it.each<[number, number]>([
    [1.005, 101],
    [2.675, 268],
    [-0.125, -13],
    [0.125, 13],
    [1.115, 112],
    [1234.565, 123457],
    [0.1 + 0.2, 30],
    [1.004999, 100],
    [-1.004999, -100],
    [0.005, 1],
    [-0.005, -1],
    [0.0049, 0],
    [-0, 0],
    [0, 0],
    [19.99, 1999],
    [1e13, 1e15],
    [-89_999_999_999.99, -8_999_999_999_999],
    [89_999_999_999_999, 8_999_999_999_999_900],
    [3 * 0.335, 101], // a quantity × price product
  ])('%d → %i', (x, cents) => {
    expect(toCents(x)).toBe(cents);
    expect(Object.is(toCents(x), -0)).toBe(false);
  });

  it.each([NaN, Infinity, -Infinity, 1e14])('refuses %d loudly', (x) => {
    expect(() => toCents(x)).toThrow(RangeError);
    expect(tryCents(x)).toBeNull();
  });

  it('tryCents converts what fits', () => {
    expect(tryCents(3 * 0.335)).toBe(101);
    expect(tryCents(-2.675)).toBe(-268);
    expect(tryCents(9e13)).toBe(9e15);
  });
});

/** Group the integer digits of `s` with `sep` every three digits. */
function group(s: string, sep: string): string {
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Formats an amount of integer cents the ways real exports do. */
const FORMATS: Record<string, (cents: number) => string> = {
  plain: (c) => (c / 100).toFixed(2),
  ru: (c) => {
    const [i, f] = (Math.abs(c) / 100).toFixed(2).split('.') as [string, string];
    return `${c < 0 ? '-' : ''}${group(i, NBSP)},${f} ₽`;
  },
  '1c': (c) => {
    const [i, f] = (Math.abs(c) / 100).toFixed(2).split('.') as [string, string];
    return `${c < 0 ? '\u2212' : ''}${group(i, ' ')},${f}`;
  },
  us: (c) => {
    const [i, f] = (Math.abs(c) / 100).toFixed(2).split('.') as [string, string];
    return c < 0 ? `($${group(i, ',')}.${f})` : `$${group(i, ',')}.${f}`;
  },
  de: (c) => {
    const [i, f] = (Math.abs(c) / 100).toFixed(2).split('.') as [string, string];
    return `${group(i, '.')},${f}${c < 0 ? '-' : ''} €`;
  },
};

describe('round trip: toCents(parse(format(x))) === x', () => {
  it.each(Object.keys(FORMATS))('%s', (name) => {
    const format = FORMATS[name] as (c: number) => string;
    fc.assert(
      fc.property(fc.integer({ min: -900_000_000_000, max: 900_000_000_000 }), (cents) => {
        const text = format(cents);
        const col = createNumberColumn({});
        expect(col.observe(text)).toBe(true);
        const value = col.parse(text);
        expect(value).not.toBeNull();
        expect(toCents(value as number)).toBe(cents);
      }),
      { numRuns: 3000 },
    );
  });

  it('survives a whole column of mixed magnitudes in one format', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 50 }), (amounts) => {
        const col = createNumberColumn({});
        const texts = amounts.map(FORMATS.ru as (c: number) => string);
        for (const t of texts) col.observe(t);
        expect(texts.map((t) => toCents(col.parse(t) as number))).toEqual(amounts);
      }),
      { numRuns: 300 },
    );
  });
});
