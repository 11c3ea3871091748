/**
 * Comparison periods for a column (SPEC §3 P₋₁, SPEC-DECISIONS #4, #7, #16): the previous
 * period, the same period a year earlier, the trailing intervals of a sparkline, and the default
 * period of `kpi check`. Everything is derived from the column itself (its interval and its full
 * bounds), so a week column keeps the weekday it starts on even when it is an ISO week shown
 * under `week_start: sunday`.
 */
import {
  addIntervals,
  dayFromYmd,
  daysInMonth,
  intervalLabel,
  isoWeekOf,
  isoWeekStart,
  startOfInterval,
  weekdayOf,
  ymdOfDay,
} from './calendar.js';
import type { Column, Day, Interval, Span, WeekStart } from './types.js';

/**
 * P₋₁ of SPEC §3: the previous whole interval (the previous month, quarter…); for a clipped
 * column, the same number of days right before it, so retention compares like with like.
 */
export function previousSpan(col: Column, weekStart: WeekStart): Span {
  if (col.clipped) return { start: col.start - (col.end - col.start), end: col.start };
  return { start: addIntervals(col.fullStart, col.interval, -1, weekStart), end: col.fullStart };
}

/** The same calendar date a year earlier; Feb 29 maps to Feb 28 (the last day of that February). */
export function sameDateYearBefore(day: Day): Day {
  const { y, m, d } = ymdOfDay(day);
  return dayFromYmd(y - 1, m, Math.min(d, daysInMonth(y - 1, m)));
}

/** How many intervals make a year, for the month-based ones. */
const PER_YEAR: Partial<Record<Interval, number>> = { month: 12, quarter: 4, year: 1 };

/**
 * "Same period last year" (SPEC-DECISIONS #4).
 * - Months, quarters, years: the same interval one year earlier (Feb 2025 → all of Feb 2024,
 *   29 days); a clipped edge moves to the same date a year earlier, its whole-interval edge
 *   stays whole.
 * - Days: the same date a year earlier; Feb 29 → Feb 28, so in a leap year Feb 28 and Feb 29
 *   both compare with Feb 28 (no date is dropped and nothing returns null for a day).
 * - Weeks: the week with the same ISO week number in the previous ISO year, keeping the
 *   column's offsets (a clipped week or a Sunday-based week moves by the same number of days
 *   as its Monday's ISO week); week 53 has no counterpart → null.
 */
export function yoySpan(col: Column, weekStart: WeekStart): Span | null {
  if (col.interval === 'week') {
    // Every 7-day week holds exactly one Monday; its ISO week numbers the column.
    const monday = col.fullStart + ((7 - weekdayOf(col.fullStart)) % 7);
    const { year, week } = isoWeekOf(monday);
    if (week === 53) return null;
    const shift = isoWeekStart(year - 1, week) - monday;
    return { start: col.start + shift, end: col.end + shift };
  }
  if (col.interval === 'day') {
    const start = sameDateYearBefore(col.start);
    return { start, end: sameDateYearBefore(col.end - 1) + 1 };
  }
  const back = -(PER_YEAR[col.interval] ?? 1);
  const fullStart = addIntervals(col.fullStart, col.interval, back, weekStart);
  const fullEnd = addIntervals(fullStart, col.interval, 1, weekStart);
  return {
    start: col.start === col.fullStart ? fullStart : sameDateYearBefore(col.start),
    // The exclusive end moves as its last included day does, so Feb 29 is never lost.
    end: col.end === col.fullEnd ? fullEnd : sameDateYearBefore(col.end - 1) + 1,
  };
}

/**
 * The last `n` whole intervals ending with the one containing `col`, oldest first (sparklines,
 * SPEC-DECISIONS #16). Whole even when `col` is clipped: a sparkline compares like with like.
 */
export function trailingColumns(col: Column, n: number, weekStart: WeekStart): Column[] {
  const out: Column[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const fullStart = addIntervals(col.fullStart, col.interval, -i, weekStart);
    const fullEnd = addIntervals(fullStart, col.interval, 1, weekStart);
    out.push({
      start: fullStart,
      end: fullEnd,
      label: intervalLabel(fullStart, col.interval, weekStart),
      interval: col.interval,
      fullStart,
      fullEnd,
      clipped: false,
    });
  }
  return out;
}

/**
 * The default period of `kpi check` (SPEC-DECISIONS #7): the last complete interval before
 * `today` — the interval holding today is still running, so it is the one before it.
 */
export function lastCompleteInterval(today: Day, interval: Interval, weekStart: WeekStart): Span {
  const current = startOfInterval(today, interval, weekStart);
  return { start: addIntervals(current, interval, -1, weekStart), end: current };
}
