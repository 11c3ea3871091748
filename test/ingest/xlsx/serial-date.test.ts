import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatWallMs, parseIsoWall, serialToWallMs } from '../../../src/ingest/xlsx/serial-date.js';

const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, m - 1, d, h, mi, s);

describe('serialToWallMs', () => {
  // Reference serials from Excel itself (1900 system unless marked).
  it.each([
    [1, false, utc(1900, 1, 1)],
    [31, false, utc(1900, 1, 31)],
    [59, false, utc(1900, 2, 28)],
    [60, false, utc(1900, 2, 28)], // the phantom 1900-02-29 reads as the 28th
    [61, false, utc(1900, 3, 1)],
    [0, false, utc(1899, 12, 31)], // Excel's "1900-01-00"
    [0.5, false, utc(1899, 12, 31, 12)],
    [25569, false, utc(1970, 1, 1)],
    [45292, false, utc(2024, 1, 1)],
    [45351, false, utc(2024, 2, 29)],
    [40513.351388888892, false, utc(2010, 12, 1, 8, 26)],
    [45356.99999999, false, utc(2024, 3, 6)], // 0.9 ms before midnight rounds to the next day
    [45356.000005, false, utc(2024, 3, 5, 0, 0, 0)], // 0.43 s rounds down
    [45356.000006, false, utc(2024, 3, 5, 0, 0, 1)], // 0.52 s rounds up
    [2958465.5, false, utc(9999, 12, 31, 12)],
    [0, true, utc(1904, 1, 1)],
    [43830, true, utc(2024, 1, 1)],
    [43830.25, true, utc(2024, 1, 1, 6)],
  ])('serial %d (1904: %s)', (serial, d1904, expected) => {
    expect(serialToWallMs(serial, d1904)).toBe(expected);
  });

  it.each([[-1], [-0.5], [2958466], [Number.NaN], [Number.POSITIVE_INFINITY]])('%d is not a date', (serial) => {
    expect(serialToWallMs(serial, false)).toBeNull();
  });

  it('1900 and 1904 systems agree on the same wall time 1462 days apart', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1462, max: 2_900_000 }), fc.integer({ min: 0, max: 86_399 }), (days, secs) => {
        const frac = secs / 86_400;
        expect(serialToWallMs(days + frac, false)).toBe(serialToWallMs(days - 1462 + frac, true));
      }),
    );
  });

  it('round-trips any whole second after 1900-03-01 (exceljs-style serials)', () => {
    fc.assert(
      fc.property(fc.integer({ min: utc(1900, 3, 1) / 1000, max: utc(9999, 12, 31) / 1000 }), (sec) => {
        const serial = 25569 + (sec * 1000) / 86_400_000;
        expect(serialToWallMs(serial, false)).toBe(sec * 1000);
      }),
    );
  });
});

describe('formatWallMs', () => {
  it.each([
    [utc(2024, 3, 5), false, '2024-03-05'],
    [utc(2024, 3, 5), true, '2024-03-05 00:00:00'],
    [utc(2024, 3, 5, 9, 5, 7), false, '2024-03-05 09:05:07'],
    [utc(1899, 12, 31, 23, 59, 59), false, '1899-12-31 23:59:59'],
  ])('%d (time %s) → %s', (ms, time, expected) => {
    expect(formatWallMs(ms, time)).toBe(expected);
  });
});

describe('parseIsoWall', () => {
  it.each([
    ['2024-03-05', { ms: utc(2024, 3, 5), time: false }],
    ['2024-03-05T14:07:09', { ms: utc(2024, 3, 5, 14, 7, 9), time: true }],
    ['2024-03-05T14:07', { ms: utc(2024, 3, 5, 14, 7), time: true }],
    ['2024-03-05T14:07:09.600Z', { ms: utc(2024, 3, 5, 14, 7, 10), time: true }],
    ['0050-01-02', { ms: new Date('0050-01-02T00:00:00Z').getTime(), time: false }],
    ['2024-02-30', null],
    ['2024-03-05T25:00', null],
    ['2024-03-05T14:07+03:00', null], // offsets are instants, not wall times
    ['05.03.2024', null],
  ])('%j', (text, expected) => {
    expect(parseIsoWall(text)).toEqual(expected);
  });
});
