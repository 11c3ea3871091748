import { describe, it, expect } from 'vitest';
import { lastCompleteInterval, previousSpan, trailingColumns, yoySpan } from '../../src/period/compare.js';
import { splitColumns } from '../../src/period/span.js';
import type { Column, Interval, WeekStart } from '../../src/period/types.js';
import { D, isoSpan } from './days.js';

/** The single column of [start, end) at `interval` (clipped when the span cuts it). */
function col(start: string, end: string, interval: Interval, ws: WeekStart = 'monday'): Column {
  const cols = splitColumns({ start: D(start), end: D(end) }, interval, ws);
  if (cols.length !== 1) throw new Error(`expected one column, got ${cols.length}`);
  return cols[0]!;
}

describe('previousSpan (P₋₁ of SPEC §3)', () => {
  it.each<[string, string, Interval, [string, string]]>([
    ['2026-10-01', '2026-11-01', 'month', ['2026-09-01', '2026-10-01']],
    ['2024-03-01', '2024-04-01', 'month', ['2024-02-01', '2024-03-01']], // 29-day February
    ['2026-01-01', '2026-02-01', 'month', ['2025-12-01', '2026-01-01']],
    ['2026-01-01', '2026-04-01', 'quarter', ['2025-10-01', '2026-01-01']],
    ['2026-01-01', '2027-01-01', 'year', ['2025-01-01', '2026-01-01']],
    ['2025-12-29', '2026-01-05', 'week', ['2025-12-22', '2025-12-29']],
    ['2026-03-01', '2026-03-02', 'day', ['2026-02-28', '2026-03-01']],
    // clipped columns: the same number of days right before
    ['2026-10-05', '2026-11-01', 'month', ['2026-09-08', '2026-10-05']],
    ['2026-10-01', '2026-10-20', 'month', ['2026-09-12', '2026-10-01']],
    ['2026-03-01', '2026-03-15', 'quarter', ['2026-02-15', '2026-03-01']],
    ['2026-10-14', '2026-10-19', 'week', ['2026-10-09', '2026-10-14']],
  ])('[%s, %s) by %s → %j', (start, end, interval, expected) => {
    expect(isoSpan(previousSpan(col(start, end, interval), 'monday'))).toEqual(expected);
  });

  it('a Sunday week steps back 7 days', () => {
    expect(isoSpan(previousSpan(col('2026-10-11', '2026-10-18', 'week', 'sunday'), 'sunday'))).toEqual(['2026-10-04', '2026-10-11']);
  });
});

describe('yoySpan (Decision #4)', () => {
  it.each<[string, string, Interval, WeekStart, [string, string] | null]>([
    // months, quarters, years
    ['2026-10-01', '2026-11-01', 'month', 'monday', ['2025-10-01', '2025-11-01']],
    ['2025-02-01', '2025-03-01', 'month', 'monday', ['2024-02-01', '2024-03-01']], // whole leap February
    ['2024-02-01', '2024-03-01', 'month', 'monday', ['2023-02-01', '2023-03-01']],
    ['2026-07-01', '2026-10-01', 'quarter', 'monday', ['2025-07-01', '2025-10-01']],
    ['2026-01-01', '2027-01-01', 'year', 'monday', ['2025-01-01', '2026-01-01']],
    // clipped columns: same dates, whole edges stay whole
    ['2026-10-05', '2026-11-01', 'month', 'monday', ['2025-10-05', '2025-11-01']],
    ['2024-02-10', '2024-03-01', 'month', 'monday', ['2023-02-10', '2023-03-01']],
    ['2025-02-10', '2025-03-01', 'month', 'monday', ['2024-02-10', '2024-03-01']], // keeps Feb 29 2024
    ['2025-02-01', '2025-02-20', 'month', 'monday', ['2024-02-01', '2024-02-20']],
    ['2024-02-29', '2024-03-01', 'month', 'monday', ['2023-02-28', '2023-03-01']],
    ['2026-08-15', '2026-09-01', 'quarter', 'monday', ['2025-08-15', '2025-09-01']],
    // days: Feb 29 → Feb 28
    ['2024-02-29', '2024-03-01', 'day', 'monday', ['2023-02-28', '2023-03-01']],
    ['2025-03-01', '2025-03-02', 'day', 'monday', ['2024-03-01', '2024-03-02']],
    ['2026-10-15', '2026-10-16', 'day', 'monday', ['2025-10-15', '2025-10-16']],
    // ISO weeks: same week number of the previous ISO year
    ['2026-10-12', '2026-10-19', 'week', 'monday', ['2025-10-13', '2025-10-20']],
    ['2021-01-04', '2021-01-11', 'week', 'monday', ['2019-12-30', '2020-01-06']],
    ['2021-12-27', '2022-01-03', 'week', 'monday', ['2020-12-21', '2020-12-28']], // W52 after a 53-week year
    ['2026-10-14', '2026-10-19', 'week', 'monday', ['2025-10-15', '2025-10-20']], // clipped ISO week
    // W53 has no counterpart
    ['2026-12-28', '2027-01-04', 'week', 'monday', null],
    ['2020-12-28', '2021-01-04', 'week', 'monday', null],
    // Sunday / Saturday weeks follow the ISO week of their Monday
    ['2026-10-11', '2026-10-18', 'week', 'sunday', ['2025-10-12', '2025-10-19']],
    ['2026-10-10', '2026-10-17', 'week', 'saturday', ['2025-10-11', '2025-10-18']],
    ['2026-12-27', '2027-01-03', 'week', 'sunday', null], // its Monday is 2026-W53
  ])('[%s, %s) by %s (%s) → %j', (start, end, interval, ws, expected) => {
    expect(isoSpan(yoySpan(col(start, end, interval, ws), ws))).toEqual(expected);
  });
});

describe('trailingColumns (Decision #16)', () => {
  it('the last 12 whole months ending with the column', () => {
    const cols = trailingColumns(col('2026-10-01', '2026-11-01', 'month'), 12, 'monday');
    expect(cols.map((c) => c.label)).toEqual([
      '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10',
    ]);
    expect(cols.every((c) => !c.clipped && c.start === c.fullStart && c.end === c.fullEnd)).toBe(true);
    expect(isoSpan(cols[0]!)).toEqual(['2025-11-01', '2025-12-01']);
    for (let i = 1; i < cols.length; i++) expect(cols[i]!.start).toBe(cols[i - 1]!.end);
  });

  it('a clipped column gives whole intervals', () => {
    const cols = trailingColumns(col('2026-10-05', '2026-10-20', 'month'), 2, 'monday');
    expect(cols.map((c) => isoSpan(c))).toEqual([
      ['2026-09-01', '2026-10-01'],
      ['2026-10-01', '2026-11-01'],
    ]);
  });

  it('ISO weeks across the year end, and Sunday weeks', () => {
    expect(trailingColumns(col('2026-01-01', '2026-01-05', 'week'), 3, 'monday').map((c) => c.label)).toEqual(['2025-W51', '2025-W52', '2026-W01']);
    expect(trailingColumns(col('2026-10-11', '2026-10-18', 'week', 'sunday'), 3, 'sunday').map((c) => c.label)).toEqual([
      '2026-09-27',
      '2026-10-04',
      '2026-10-11',
    ]);
  });

  it('quarters, and n = 0', () => {
    expect(trailingColumns(col('2026-01-01', '2026-04-01', 'quarter'), 5, 'monday').map((c) => c.label)).toEqual([
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
    ]);
    expect(trailingColumns(col('2026-01-01', '2026-04-01', 'quarter'), 0, 'monday')).toEqual([]);
  });
});

describe('lastCompleteInterval (Decision #7)', () => {
  it.each<[string, Interval, WeekStart, [string, string]]>([
    ['2026-10-15', 'month', 'monday', ['2026-09-01', '2026-10-01']],
    ['2026-10-01', 'month', 'monday', ['2026-09-01', '2026-10-01']], // the 1st is still running
    ['2026-01-01', 'month', 'monday', ['2025-12-01', '2026-01-01']],
    ['2026-10-15', 'day', 'monday', ['2026-10-14', '2026-10-15']],
    ['2026-10-15', 'week', 'monday', ['2026-10-05', '2026-10-12']],
    ['2026-10-15', 'week', 'sunday', ['2026-10-04', '2026-10-11']],
    ['2026-10-15', 'week', 'saturday', ['2026-10-03', '2026-10-10']],
    ['2026-10-15', 'quarter', 'monday', ['2026-07-01', '2026-10-01']],
    ['2026-01-01', 'quarter', 'monday', ['2025-10-01', '2026-01-01']],
    ['2026-10-15', 'year', 'monday', ['2025-01-01', '2026-01-01']],
  ])('today %s, %s (%s) → %j', (today, interval, ws, expected) => {
    expect(isoSpan(lastCompleteInterval(D(today), interval, ws))).toEqual(expected);
  });
});
