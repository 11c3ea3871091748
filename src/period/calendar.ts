/**
 * Calendar arithmetic on integer days (days since 1970-01-01 of the local calendar).
 *
 * Pure integer math (Howard Hinnant's civil-from-days algorithms, proleptic Gregorian): no Date
 * objects, so no time-zone or DST can leak in, nothing is allocated per call on the hot helpers,
 * and years 0–99 are not shifted to 19xx as `Date.UTC` would do. The tests check it against
 * `Date.UTC` over a wide range.
 */
import type { Day, Interval, WeekStart } from './types.js';

/** Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar. */
const EPOCH_SHIFT = 719_468;
const DAYS_PER_ERA = 146_097;

/**
 * The Day of a calendar date. `m` is 1–12; a month outside that range rolls into the
 * neighbouring years and a day past the month's end rolls forward (as `Date.UTC` does), which
 * keeps month arithmetic simple for callers.
 */
export function dayFromYmd(y: number, m: number, d: number): Day {
  // Normalize the month first so that m = 13 means January of the next year.
  const m0 = m - 1;
  y += Math.floor(m0 / 12);
  m = m0 - Math.floor(m0 / 12) * 12 + 1;
  // Shift to a March-based year so the leap day is the last day of the year.
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * DAYS_PER_ERA + doe - EPOCH_SHIFT;
}

/** Year of a Day, without allocating (the hot path of month bucketing uses it). */
export function yearOfDay(day: Day): number {
  return civil(day, 0);
}

/** Month index `year * 12 + (month - 1)` of a Day, without allocating. */
export function monthIndexOfDay(day: Day): number {
  return civil(day, 1);
}

/** The calendar date of a Day. */
export function ymdOfDay(day: Day): { y: number; m: number; d: number } {
  const mi = civil(day, 1);
  const y = Math.floor(mi / 12);
  const m = mi - y * 12 + 1;
  return { y, m, d: day - dayFromYmd(y, m, 1) + 1 };
}

/** Shared body of the civil conversions; `what` 0 → year, 1 → month index. */
function civil(day: Day, what: 0 | 1): number {
  const z = day + EPOCH_SHIFT;
  const era = Math.floor(z / DAYS_PER_ERA);
  const doe = z - era * DAYS_PER_ERA;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return what === 0 ? y : y * 12 + m - 1;
}

/** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekdayOf(day: Day): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Offset of the first day of a week, in the Monday = 0 numbering of {@link weekdayOf}. */
const WEEK_START_OFFSET: Record<WeekStart, number> = { monday: 0, sunday: 6, saturday: 5 };

/** True for leap years of the proleptic Gregorian calendar. */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

/** `2026-10-05`. */
export function formatDay(day: Day): string {
  const { y, m, d } = ymdOfDay(day);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Value of `n` ASCII digits of `s` from `at`, or -1 when one of them is not a digit. */
export function digitsAt(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1; // NaN past the end fails both tests too
    v = v * 10 + c;
  }
  return v;
}

/**
 * A strict `yyyy-MM-dd` (exactly ten characters, a real date), or null. A char-code scan, not a
 * regex, because record normalizers may call it per cell.
 */
export function parseIsoDay(s: string): Day | null {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const y = digitsAt(s, 0, 4);
  const m = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return dayFromYmd(y, m, d);
}

/** The ISO-8601 week (Monday-based; week 1 holds the year's first Thursday) containing `day`. */
export function isoWeekOf(day: Day): { year: number; week: number } {
  // The ISO week-year is the calendar year of the week's Thursday.
  const thursday = day - weekdayOf(day) + 3;
  const year = yearOfDay(thursday);
  return { year, week: Math.floor((thursday - dayFromYmd(year, 1, 1)) / 7) + 1 };
}

/** The Monday starting ISO week `week` of ISO year `year` (week is not range-checked). */
export function isoWeekStart(year: number, week: number): Day {
  const jan4 = dayFromYmd(year, 1, 4); // always in week 1
  return jan4 - weekdayOf(jan4) + 7 * (week - 1);
}

/** 52 or 53: the number of ISO weeks in ISO year `year`. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOf(dayFromYmd(year, 12, 28)).week; // Dec 28 is always in the last week
}

/** First day of the week containing `day` for a week starting on `weekStart`. */
export function startOfWeek(day: Day, weekStart: WeekStart): Day {
  return day - ((weekdayOf(day) - WEEK_START_OFFSET[weekStart] + 7) % 7);
}

/** Months per interval, for the month-based ones. */
const MONTHS: Partial<Record<Interval, number>> = { month: 1, quarter: 3, year: 12 };

/** First day of the interval containing `day`. `weekStart` only matters for weeks. */
export function startOfInterval(day: Day, interval: Interval, weekStart: WeekStart): Day {
  if (interval === 'day') return day;
  if (interval === 'week') return startOfWeek(day, weekStart);
  const span = MONTHS[interval] ?? 1;
  const mi = monthIndexOfDay(day);
  const first = mi - (((mi % span) + span) % span);
  return dayFromYmd(0, first + 1, 1); // dayFromYmd rolls month indexes into years
}

/**
 * The start of the interval `n` intervals (negative: back) from `day`, which should be an interval
 * start. Days and weeks step by 1 and 7 days from `day` itself, so a week keeps whatever weekday
 * it starts on (ISO weeks stay Monday-based under `week_start: sunday`); month-based intervals
 * step from the start of the month / quarter / year containing `day`. `weekStart` is accepted
 * for symmetry with {@link startOfInterval} and is not needed.
 */
export function addIntervals(day: Day, interval: Interval, n: number, _weekStart: WeekStart): Day {
  if (interval === 'day') return day + n;
  if (interval === 'week') return day + 7 * n;
  const span = MONTHS[interval] ?? 1;
  const mi = monthIndexOfDay(day);
  const target = mi - (((mi % span) + span) % span) + n * span;
  return dayFromYmd(0, target + 1, 1);
}

/**
 * The label of the interval starting at `start`: `2026-10-05`, `2026-W42`, `2026-10`, `2026-Q3`,
 * `2026`. Weeks that start on a Monday are ISO weeks and get the ISO label; any other week
 * (week_start sunday/saturday) is labelled by its first day, because an ISO number would be a
 * lie about its dates (SPEC-DECISIONS #33). The label depends only on `start`, so `weekStart`
 * is not needed.
 */
export function intervalLabel(start: Day, interval: Interval, _weekStart: WeekStart): string {
  switch (interval) {
    case 'day':
      return formatDay(start);
    case 'week': {
      if (weekdayOf(start) !== 0) return formatDay(start);
      const { year, week } = isoWeekOf(start);
      return `${pad(year, 4)}-W${pad(week, 2)}`;
    }
    case 'month': {
      const mi = monthIndexOfDay(start);
      return `${pad(Math.floor(mi / 12), 4)}-${pad((((mi % 12) + 12) % 12) + 1, 2)}`;
    }
    case 'quarter': {
      const mi = monthIndexOfDay(start);
      return `${pad(Math.floor(mi / 12), 4)}-Q${Math.floor((((mi % 12) + 12) % 12) / 3) + 1}`;
    }
    case 'year':
      return pad(yearOfDay(start), 4);
  }
}

/** Order of intervals from finest to coarsest, for "the finer of two units". */
export const INTERVAL_RANK: Record<Interval, number> = { day: 0, week: 1, month: 2, quarter: 3, year: 4 };

/** The finer of two intervals. */
export function finerInterval(a: Interval, b: Interval): Interval {
  return INTERVAL_RANK[a] <= INTERVAL_RANK[b] ? a : b;
}
