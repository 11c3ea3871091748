import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addIntervals,
  dayFromYmd,
  formatDay,
  intervalLabel,
  isoWeekOf,
  isoWeekStart,
  isoWeeksInYear,
  parseIsoDay,
  startOfInterval,
  weekdayOf,
  ymdOfDay,
} from '../../src/period/calendar.js';
import type { Interval, WeekStart } from '../../src/period/types.js';
import { D, iso } from './days.js';

const MS = 86_400_000;
/** Days 0101-01-01 … 9999-12-31, the range Date.UTC handles without the 19xx shift. */
const anyDay = fc.integer({ min: D('0101-01-01'), max: D('9999-12-31') });

describe('dayFromYmd / ymdOfDay', () => {
  it.each([
    [1970, 1, 1, '1970-01-01'],
    [1969, 12, 31, '1969-12-31'],
    [2000, 2, 29, '2000-02-29'],
    [2024, 2, 29, '2024-02-29'],
    [2026, 10, 5, '2026-10-05'],
    [1600, 3, 1, '1600-03-01'],
    [9999, 12, 31, '9999-12-31'],
    // months and days outside their range roll over, as Date.UTC does
    [2026, 13, 1, '2027-01-01'],
    [2026, 0, 1, '2025-12-01'],
    [2026, -11, 1, '2025-01-01'],
    [2023, 2, 29, '2023-03-01'],
  ])('%i-%i-%i is %s', (y, m, d, expected) => {
    expect(dayFromYmd(y, m, d)).toBe(D(expected));
  });

  it('agrees with Date.UTC for any date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        expect(dayFromYmd(y, m, d)).toBe(Date.UTC(y, m - 1, d) / MS);
      }),
    );
  });

  it('ymdOfDay inverts dayFromYmd and matches the UTC calendar', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const { y, m, d } = ymdOfDay(day);
        const dt = new Date(day * MS);
        expect([y, m, d]).toEqual([dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()]);
        expect(dayFromYmd(y, m, d)).toBe(day);
      }),
    );
  });

  it('handles years before 100 without the Date.UTC 19xx shift', () => {
    expect(formatDay(dayFromYmd(50, 6, 1))).toBe('0050-06-01');
    expect(ymdOfDay(dayFromYmd(4, 2, 29))).toEqual({ y: 4, m: 2, d: 29 });
  });
});

describe('formatDay / parseIsoDay', () => {
  it('formatDay matches toISOString', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        expect(formatDay(day)).toBe(iso(day));
      }),
    );
  });

  it('parseIsoDay round-trips formatDay', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        expect(parseIsoDay(formatDay(day))).toBe(day);
      }),
    );
  });

  it.each([
    ['2026-10-05', '2026-10-05'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['1970-01-01', '1970-01-01'],
    ['2026-12-31', '2026-12-31'],
  ])('accepts %s', (input, expected) => {
    expect(parseIsoDay(input)).toBe(D(expected));
  });

  it.each([
    '2026-02-29', // not a leap year
    '1900-02-29', // century, not leap
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-10-00',
    '2026-10-32',
    '2026-1-05',
    '2026-10-5',
    ' 2026-10-05',
    '2026-10-05 ',
    '2026/10/05',
    '20261005',
    '2026-10-0x',
    '2026-10-05T00:00',
    '05.10.2026',
    '',
  ])('rejects %j', (input) => {
    expect(parseIsoDay(input)).toBeNull();
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2026-10-15', 2026, 42],
    ['2026-10-12', 2026, 42],
    ['2026-10-18', 2026, 42],
    ['2025-12-29', 2026, 1], // 2026-W01 starts in December 2025
    ['2026-01-04', 2026, 1],
    ['2020-12-31', 2020, 53],
    ['2021-01-03', 2020, 53], // early January in the previous ISO year
    ['2021-01-04', 2021, 1],
    ['2026-12-31', 2026, 53],
    ['2027-01-03', 2026, 53],
    ['2027-12-31', 2027, 52],
    ['2028-01-02', 2027, 52],
    ['2024-12-30', 2025, 1],
    ['2008-12-29', 2009, 1],
    ['2010-01-03', 2009, 53],
  ])('%s is %i-W%i', (day, year, week) => {
    expect(isoWeekOf(D(day))).toEqual({ year, week });
  });

  it.each([
    [2020, 53],
    [2021, 52],
    [2025, 52],
    [2026, 53],
    [2027, 52],
    [2015, 53],
    [2004, 53],
    [2032, 53],
  ])('ISO year %i has %i weeks', (year, weeks) => {
    expect(isoWeeksInYear(year)).toBe(weeks);
  });

  it('isoWeekOf agrees with a Date-based reference and isoWeekStart inverts it', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const dt = new Date(day * MS);
        const wd = (dt.getUTCDay() + 6) % 7;
        const thursday = day - wd + 3;
        const year = new Date(thursday * MS).getUTCFullYear();
        const week = Math.floor((thursday - Date.UTC(year, 0, 1) / MS) / 7) + 1;
        expect(isoWeekOf(day)).toEqual({ year, week });
        expect(isoWeekStart(year, week)).toBe(day - wd);
        expect(weekdayOf(day)).toBe(wd);
      }),
    );
  });
});

describe('startOfInterval', () => {
  it.each<[string, Interval, WeekStart, string]>([
    ['2026-10-15', 'day', 'monday', '2026-10-15'],
    ['2026-10-15', 'week', 'monday', '2026-10-12'],
    ['2026-10-15', 'week', 'sunday', '2026-10-11'],
    ['2026-10-15', 'week', 'saturday', '2026-10-10'],
    ['2026-10-11', 'week', 'sunday', '2026-10-11'],
    ['2026-10-11', 'week', 'monday', '2026-10-05'],
    ['2026-10-10', 'week', 'saturday', '2026-10-10'],
    ['2026-10-09', 'week', 'saturday', '2026-10-03'],
    ['2026-01-01', 'week', 'monday', '2025-12-29'],
    ['2026-10-15', 'month', 'monday', '2026-10-01'],
    ['2024-02-29', 'month', 'monday', '2024-02-01'],
    ['2026-10-15', 'quarter', 'monday', '2026-10-01'],
    ['2026-09-30', 'quarter', 'monday', '2026-07-01'],
    ['2026-03-31', 'quarter', 'monday', '2026-01-01'],
    ['2026-10-15', 'year', 'monday', '2026-01-01'],
    ['1969-12-31', 'year', 'monday', '1969-01-01'],
    ['1969-11-30', 'quarter', 'monday', '1969-10-01'],
  ])('%s %s (%s) starts %s', (day, interval, ws, expected) => {
    expect(iso(startOfInterval(D(day), interval, ws))).toBe(expected);
  });
});

describe('addIntervals', () => {
  it.each<[string, Interval, number, string]>([
    ['2026-10-15', 'day', 1, '2026-10-16'],
    ['2026-12-31', 'day', 1, '2027-01-01'],
    ['2026-10-12', 'week', 1, '2026-10-19'],
    ['2026-10-11', 'week', -2, '2026-09-27'], // a Sunday-based week stays Sunday-based
    ['2026-10-01', 'month', 1, '2026-11-01'],
    ['2026-12-01', 'month', 1, '2027-01-01'],
    ['2026-01-01', 'month', -1, '2025-12-01'],
    ['2026-01-01', 'month', -13, '2024-12-01'],
    ['2024-01-01', 'month', 2, '2024-03-01'],
    ['2026-10-01', 'quarter', 1, '2027-01-01'],
    ['2026-01-01', 'quarter', -1, '2025-10-01'],
    ['2026-01-01', 'quarter', -4, '2025-01-01'],
    ['2026-01-01', 'year', 1, '2027-01-01'],
    ['2026-01-01', 'year', -30, '1996-01-01'],
    ['1970-01-01', 'month', -1, '1969-12-01'],
  ])('%s + %s × %i = %s', (day, interval, n, expected) => {
    expect(iso(addIntervals(D(day), interval, n, 'monday'))).toBe(expected);
  });
});

describe('intervalLabel', () => {
  it.each<[string, Interval, WeekStart, string]>([
    ['2026-10-05', 'day', 'monday', '2026-10-05'],
    ['2026-10-12', 'week', 'monday', '2026-W42'],
    ['2025-12-29', 'week', 'monday', '2026-W01'],
    ['2020-12-28', 'week', 'monday', '2020-W53'],
    ['2027-12-27', 'week', 'monday', '2027-W52'],
    ['2026-10-11', 'week', 'sunday', '2026-10-11'], // not Monday-based: its first day
    ['2026-10-10', 'week', 'saturday', '2026-10-10'],
    ['2026-10-01', 'month', 'monday', '2026-10'],
    ['2026-01-01', 'month', 'monday', '2026-01'],
    ['2026-07-01', 'quarter', 'monday', '2026-Q3'],
    ['2026-10-01', 'quarter', 'monday', '2026-Q4'],
    ['2026-01-01', 'year', 'monday', '2026'],
  ])('%s %s (%s) → %s', (start, interval, ws, label) => {
    expect(intervalLabel(D(start), interval, ws)).toBe(label);
  });
});
