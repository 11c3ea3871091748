/**
 * Which column a record's day falls in: the hot path of every metric (called once per record
 * date, a million times for a large file). Regular grids are mapped arithmetically in O(1)
 * with no allocation; anything else falls back to a binary search.
 */
import { monthIndexOfDay, yearOfDay } from './calendar.js';
import type { Column, Day } from './types.js';

/** Grid position of a day relative to the first column, for a regular grid of one interval. */
function gridIndexer(first: Column): (day: Day) => number {
  const origin = first.fullStart;
  switch (first.interval) {
    case 'day':
      return (day) => day - origin;
    case 'week':
      return (day) => Math.floor((day - origin) / 7);
    case 'month': {
      const m0 = monthIndexOfDay(origin);
      return (day) => monthIndexOfDay(day) - m0;
    }
    case 'quarter': {
      const q0 = Math.floor(monthIndexOfDay(origin) / 3);
      return (day) => Math.floor(monthIndexOfDay(day) / 3) - q0;
    }
    case 'year': {
      const y0 = yearOfDay(origin);
      return (day) => yearOfDay(day) - y0;
    }
  }
}

/** True when `index` maps every column's first and last day to its own position. */
function isRegularGrid(columns: readonly Column[], index: (day: Day) => number): boolean {
  const interval = columns[0]?.interval;
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    if (c.interval !== interval || c.end <= c.start) return false;
    if (i > 0 && c.start !== columns[i - 1]!.end) return false; // contiguous, sorted
    if (index(c.start) !== i || index(c.end - 1) !== i) return false;
  }
  return true;
}

/** Binary search over sorted, non-overlapping columns (gaps allowed). */
function searchBucketer(columns: readonly Column[]): (day: Day) => number {
  const starts = Float64Array.from(columns, (c) => c.start);
  const ends = Float64Array.from(columns, (c) => c.end);
  return (day) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (day < starts[mid]!) hi = mid - 1;
      else if (day >= ends[mid]!) lo = mid + 1;
      else return mid;
    }
    return -1;
  };
}

/**
 * A function mapping a Day to the index of the column containing it, or -1 outside them (and
 * for NaN). O(1) without allocation for the grids splitColumns makes (day/week/month/quarter/
 * year, contiguous, edges possibly clipped); other sorted, non-overlapping column lists are
 * searched in O(log n).
 */
export function makeBucketer(columns: readonly Column[]): (day: Day) => number {
  const first = columns[0];
  const last = columns[columns.length - 1];
  if (!first || !last) return () => -1;
  const index = gridIndexer(first);
  if (!isRegularGrid(columns, index)) return searchBucketer(columns);
  const lo = first.start;
  const hi = last.end;
  // The negated test also sends NaN to -1.
  return (day) => (!(day >= lo && day < hi) ? -1 : index(day));
}
