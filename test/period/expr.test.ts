import { describe, it, expect } from 'vitest';
import { parsePeriod, parseToday } from '../../src/period/expr.js';
import { KpiError } from '../../src/errors/kpi-error.js';
import type { Interval, WeekStart } from '../../src/period/types.js';
import { D, iso } from './days.js';

type Row = [expr: string, today: string, ws: WeekStart, start: string | null, end: string | null, unit: Interval];

/** (expression, today, week_start) → [start, end) and unit, hledger style. */
const TABLE: Row[] = [
  // years, leap years, year edges
  ['2026', '2026-10-15', 'monday', '2026-01-01', '2027-01-01', 'year'],
  ['2024', '2026-10-15', 'monday', '2024-01-01', '2025-01-01', 'year'],
  ['1999', '2026-10-15', 'monday', '1999-01-01', '2000-01-01', 'year'],
  // quarters
  ['2026-Q1', '2026-10-15', 'monday', '2026-01-01', '2026-04-01', 'quarter'],
  ['2026-Q3', '2026-10-15', 'monday', '2026-07-01', '2026-10-01', 'quarter'],
  ['2026-Q4', '2026-10-15', 'monday', '2026-10-01', '2027-01-01', 'quarter'],
  ['2026-q2', '2026-10-15', 'monday', '2026-04-01', '2026-07-01', 'quarter'],
  // months
  ['2026-10', '2026-10-15', 'monday', '2026-10-01', '2026-11-01', 'month'],
  ['2026-12', '2026-10-15', 'monday', '2026-12-01', '2027-01-01', 'month'],
  ['2024-02', '2026-10-15', 'monday', '2024-02-01', '2024-03-01', 'month'],
  ['2023-02', '2026-10-15', 'monday', '2023-02-01', '2023-03-01', 'month'],
  // ISO weeks, whatever week_start says
  ['2026-W42', '2026-10-15', 'monday', '2026-10-12', '2026-10-19', 'week'],
  ['2026-W42', '2026-10-15', 'sunday', '2026-10-12', '2026-10-19', 'week'],
  ['2026-W42', '2026-10-15', 'saturday', '2026-10-12', '2026-10-19', 'week'],
  ['2026-w42', '2026-10-15', 'monday', '2026-10-12', '2026-10-19', 'week'],
  ['2026-W01', '2026-10-15', 'monday', '2025-12-29', '2026-01-05', 'week'],
  ['2026-W53', '2026-10-15', 'monday', '2026-12-28', '2027-01-04', 'week'],
  ['2020-W53', '2026-10-15', 'monday', '2020-12-28', '2021-01-04', 'week'],
  ['2021-W01', '2026-10-15', 'monday', '2021-01-04', '2021-01-11', 'week'],
  ['2027-W52', '2026-10-15', 'monday', '2027-12-27', '2028-01-03', 'week'],
  ['2025-W01', '2026-10-15', 'monday', '2024-12-30', '2025-01-06', 'week'],
  // days
  ['2026-10-05', '2026-10-15', 'monday', '2026-10-05', '2026-10-06', 'day'],
  ['2024-02-29', '2026-10-15', 'monday', '2024-02-29', '2024-03-01', 'day'],
  ['2026-12-31', '2026-10-15', 'monday', '2026-12-31', '2027-01-01', 'day'],
  // relative days
  ['today', '2026-10-15', 'monday', '2026-10-15', '2026-10-16', 'day'],
  ['yesterday', '2026-10-15', 'monday', '2026-10-14', '2026-10-15', 'day'],
  ['yesterday', '2026-01-01', 'monday', '2025-12-31', '2026-01-01', 'day'],
  ['yesterday', '2024-03-01', 'monday', '2024-02-29', '2024-03-01', 'day'],
  ['TODAY', '2026-10-15', 'monday', '2026-10-15', '2026-10-16', 'day'],
  // this-/last-week follow week_start (2026-10-15 is a Thursday)
  ['this-week', '2026-10-15', 'monday', '2026-10-12', '2026-10-19', 'week'],
  ['this-week', '2026-10-15', 'sunday', '2026-10-11', '2026-10-18', 'week'],
  ['this-week', '2026-10-15', 'saturday', '2026-10-10', '2026-10-17', 'week'],
  ['last-week', '2026-10-15', 'monday', '2026-10-05', '2026-10-12', 'week'],
  ['last-week', '2026-10-15', 'sunday', '2026-10-04', '2026-10-11', 'week'],
  ['last-week', '2026-10-15', 'saturday', '2026-10-03', '2026-10-10', 'week'],
  ['this-week', '2026-10-11', 'sunday', '2026-10-11', '2026-10-18', 'week'], // today is the first day
  ['this-week', '2026-10-11', 'monday', '2026-10-05', '2026-10-12', 'week'], // Sunday ends a Monday week
  ['this-week', '2026-10-10', 'saturday', '2026-10-10', '2026-10-17', 'week'],
  ['this-week', '2026-01-01', 'monday', '2025-12-29', '2026-01-05', 'week'],
  ['last-week', '2026-01-01', 'monday', '2025-12-22', '2025-12-29', 'week'],
  ['This-Week', '2026-10-15', 'monday', '2026-10-12', '2026-10-19', 'week'],
  // this-/last- month, quarter, year: whole units
  ['this-month', '2026-10-15', 'monday', '2026-10-01', '2026-11-01', 'month'],
  ['last-month', '2026-10-15', 'monday', '2026-09-01', '2026-10-01', 'month'],
  ['last-month', '2026-01-01', 'monday', '2025-12-01', '2026-01-01', 'month'],
  ['last-month', '2024-03-31', 'monday', '2024-02-01', '2024-03-01', 'month'],
  ['LAST-MONTH', '2026-10-15', 'monday', '2026-09-01', '2026-10-01', 'month'],
  ['this-quarter', '2026-10-15', 'monday', '2026-10-01', '2027-01-01', 'quarter'],
  ['last-quarter', '2026-10-15', 'monday', '2026-07-01', '2026-10-01', 'quarter'],
  ['last-quarter', '2026-02-10', 'monday', '2025-10-01', '2026-01-01', 'quarter'],
  ['this-year', '2026-10-15', 'monday', '2026-01-01', '2027-01-01', 'year'],
  ['last-year', '2026-10-15', 'monday', '2025-01-01', '2026-01-01', 'year'],
  ['last-year', '2026-01-01', 'monday', '2025-01-01', '2026-01-01', 'year'],
  // last-12-months: the 12 whole months before the current one
  ['last-12-months', '2026-10-15', 'monday', '2025-10-01', '2026-10-01', 'month'],
  ['last-12-months', '2026-01-01', 'monday', '2025-01-01', '2026-01-01', 'month'],
  ['last-12-months', '2026-12-31', 'monday', '2025-12-01', '2026-12-01', 'month'],
  // A..B: from the start of A to the end of B, unit the finer
  ['2021-Q1..2022-Q3', '2026-10-15', 'monday', '2021-01-01', '2022-10-01', 'quarter'],
  ['2003..2005', '2026-10-15', 'monday', '2003-01-01', '2006-01-01', 'year'],
  ['2026-W42..2026-11', '2026-10-15', 'monday', '2026-10-12', '2026-12-01', 'week'],
  ['2026..2026-10-05', '2026-10-15', 'monday', '2026-01-01', '2026-10-06', 'day'],
  ['2026-10-05..2026-10-05', '2026-10-15', 'monday', '2026-10-05', '2026-10-06', 'day'],
  ['2026-10-05 .. 2026-10-20', '2026-10-15', 'monday', '2026-10-05', '2026-10-21', 'day'],
  ['2020-W53..2021-W01', '2026-10-15', 'monday', '2020-12-28', '2021-01-11', 'week'],
  ['2025-12..2026-Q1', '2026-10-15', 'monday', '2025-12-01', '2026-04-01', 'month'],
  ['2026-10..2026-10-05', '2026-10-15', 'monday', '2026-10-01', '2026-10-06', 'day'], // B inside A is not reversed
  ['2024-02-28..2024-03', '2026-10-15', 'monday', '2024-02-28', '2024-04-01', 'day'],
  ['last-month..today', '2026-10-15', 'monday', '2026-09-01', '2026-10-16', 'day'],
  ['2026-q1..2026-Q2', '2026-10-15', 'monday', '2026-01-01', '2026-07-01', 'quarter'],
  // open ranges: the caller fills the open side from the data
  ['2026-10..', '2026-10-15', 'monday', '2026-10-01', null, 'month'],
  ['2026..', '2026-10-15', 'monday', '2026-01-01', null, 'year'],
  ['..2026-Q2', '2026-10-15', 'monday', null, '2026-07-01', 'quarter'],
  ['..2026-10-05', '2026-10-15', 'monday', null, '2026-10-06', 'day'],
  ['..last-week', '2026-10-15', 'sunday', null, '2026-10-11', 'week'],
  // whitespace and case
  ['  2026-10  ', '2026-10-15', 'monday', '2026-10-01', '2026-11-01', 'month'],
];

describe('parsePeriod', () => {
  it.each(TABLE)('%s (today %s, %s) → [%s, %s) by %s', (expr, today, ws, start, end, unit) => {
    const p = parsePeriod(expr, D(today), ws);
    expect({ start: p.start === null ? null : iso(p.start), end: p.end === null ? null : iso(p.end), unit: p.unit }).toEqual({
      start,
      end,
      unit,
    });
  });

  it.each<[string, WeekStart, WeekStart]>([
    ['2026-W42', 'sunday', 'monday'], // ISO week: Monday-based whatever week_start is
    ['2026-W40..2026-W42', 'saturday', 'monday'],
    ['2026-W42..2026-11', 'sunday', 'monday'],
    ['this-week', 'sunday', 'sunday'],
    ['last-week', 'saturday', 'saturday'],
    ['2026-W40..this-week', 'sunday', 'sunday'], // mixed conventions fall back to week_start
    ['2026-10', 'sunday', 'sunday'],
  ])('%s under week_start %s has week basis %s', (expr, ws, basis) => {
    expect(parsePeriod(expr, D('2026-10-15'), ws).weekBasis).toBe(basis);
  });

  it.each<[string, RegExp]>([
    ['', /empty/],
    ['   ', /empty/],
    ['..', /needs a start, an end or both/],
    ['foo', /not a period expression/],
    ['next-month', /not a period expression/],
    ['last-13-months', /not a period expression/],
    ['26', /not a period expression/],
    ['2026/10', /not a period expression/],
    ['2026-1', /not a period expression/],
    ['2026-10-5', /not a period expression/],
    ['2026-10-05T10:00', /not a period expression/],
    ['05.10.2026', /not a period expression/],
    ['2026-13', /a month is 01 to 12/],
    ['2026-00', /a month is 01 to 12/],
    ['2026-Q0', /a quarter is Q1 to Q4/],
    ['2026-Q5', /a quarter is Q1 to Q4/],
    ['2027-W53', /ISO year 2027 has weeks W01 to W52/],
    ['2021-W53', /ISO year 2021 has weeks W01 to W52/],
    ['2026-W00', /W01 to W53/],
    ['2026-W54', /W01 to W53/],
    ['2026-02-29', /2026-02 has days 01 to 28/],
    ['2026-04-31', /2026-04 has days 01 to 30/],
    ['2026-13-01', /a date is yyyy-MM-dd/],
    ['2026..2025', /the end \(2025\) is before the start \(2026\)/],
    ['2026-11..2026-10', /is before the start/],
    ['2026-10-06..2026-10-05', /is before the start/],
    ['2026..2027..2028', /one "\.\."/],
    ['2026..foo', /not a period expression/],
  ])('rejects %j (%s) with exit 2 and the accepted forms', (expr, why) => {
    let err: unknown;
    try {
      parsePeriod(expr, D('2026-10-15'), 'monday');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KpiError);
    const k = err as KpiError;
    expect(k.exitCode).toBe(2);
    expect(k.message).toMatch(why);
    expect(k.message).toContain('Accepted forms: 2026, 2026-Q3, 2026-10, 2026-W42');
    expect(k.message).toContain('last-12-months');
    expect(k.hint).toMatch(/-p last-month/);
  });

  it('quotes the expression as typed in the message', () => {
    expect(() => parsePeriod('2026-Q9', D('2026-10-15'), 'monday')).toThrow(/"2026-Q9"/);
  });
});

describe('parseToday', () => {
  it.each([
    ['2026-10-15', '2026-10-15'],
    ['2024-02-29', '2024-02-29'],
    [' 2026-10-15\n', '2026-10-15'],
  ])('accepts %j', (s, expected) => {
    expect(iso(parseToday(s))).toBe(expected);
  });

  it.each(['yesterday', 'today', '2026-10', '15.10.2026', '2026-02-29', '2026-10-15T00:00', ''])('rejects %j with exit 2', (s) => {
    expect(() => parseToday(s)).toThrow(KpiError);
    try {
      parseToday(s);
    } catch (e) {
      expect((e as KpiError).exitCode).toBe(2);
      expect((e as KpiError).message).toMatch(/yyyy-MM-dd/);
    }
  });
});
