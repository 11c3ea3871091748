import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ABS, ns, scannedValue, scanNumber } from '../../src/values/number-scan.js';

/** Significant digits as the scanner counts them: no leading zeros, no trailing zeros of the fraction. */
function significant(int: string, frac: string): number {
  const all = (int + frac).replace(/^0+/, '');
  const fracZeros = frac.length - frac.replace(/0+$/, '').length;
  return Math.max(0, all.length - fracZeros);
}

/** What the scanner must give: the exact Number, or NaN past 15 significant digits or MAX_ABS. */
function expected(int: string, frac: string): number {
  if (significant(int, frac) > 15) return NaN;
  const v = Number(frac === '' ? int : `${int}.${frac}`);
  return v > MAX_ABS ? NaN : v;
}

const digits = (max: number) => fc.string({ unit: fc.constantFrom('0', '0', '0', '1', '5', '9'), minLength: 1, maxLength: max });

describe('scanNumber + scannedValue on plain digit strings', () => {
  it('reads integers exactly, zeros and all, and refuses more than 15 significant digits', () => {
    fc.assert(
      fc.property(digits(20), (int) => {
        expect(scanNumber(int)).toBe(true);
        expect(ns.nSep).toBe(0);
        expect(ns.firstZero).toBe(int.startsWith('0'));
        expect(Object.is(scannedValue(false), expected(int, ''))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a decimal fraction exactly, with either mark', () => {
    fc.assert(
      fc.property(digits(16), digits(6), fc.constantFrom(',', '.'), (int, frac, mark) => {
        const text = `${int}${mark}${frac}`;
        expect(scanNumber(text)).toBe(true);
        expect(ns.tail).toBe(frac.length);
        // the last separator is the decimal mark, whatever the column later decides
        expect(Object.is(scannedValue(true), expected(int, frac))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads space-grouped amounts (`570 350,00`) as their digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
        const text = `${grouped},${String(cents).padStart(2, '0')}`;
        expect(scanNumber(text)).toBe(true);
        expect(scannedValue(true)).toBe(Number(`${whole}.${String(cents).padStart(2, '0')}`));
      }),
    );
  });

  it('a value after a long one starts from nothing', () => {
    expect(scanNumber('1234567890123456789')).toBe(true);
    expect(scannedValue(false)).toBeNaN();
    expect(scanNumber('0,5')).toBe(true);
    expect(ns.firstZero).toBe(true);
    expect(scannedValue(true)).toBe(0.5);
    expect(scanNumber('7')).toBe(true);
    expect(ns.firstZero).toBe(false);
    expect(scannedValue(false)).toBe(7);
  });
});
