/**
 * Period expressions (SPEC §4, SPEC-DECISIONS #32, #33): `2026`, `2026-Q3`, `2026-10`, `2026-W42`,
 * `2026-10-05`, `A..B`, `A..`, `..B`, `today`, `yesterday`, `this-/last-week|month|quarter|year`,
 * `last-12-months`, in any letter case. Pure: "today" is an argument, as in hledger, so the
 * whole grammar is testable with a table of examples.
 */
import { usageError, type KpiError } from '../errors/kpi-error.js';
import {
  addIntervals,
  dayFromYmd,
  daysInMonth,
  digitsAt,
  finerInterval,
  isoWeekStart,
  isoWeeksInYear,
  parseIsoDay,
  startOfInterval,
} from './calendar.js';
import type { Day, Interval, WeekStart } from './types.js';

/** A closed period [start, end) and the unit it was written in. */
export interface PeriodExpr {
  start: Day;
  end: Day;
  unit: Interval;
}

/**
 * A parsed `-p` expression. `start`/`end` are null for the open side of `A..` / `..B`.
 * `weekBasis` is the week convention of a week-unit expression: `monday` for ISO weeks
 * (`2026-W42`), the configured `week_start` for `this-week`/`last-week`; it lets week columns
 * follow the weeks the user named (see span.ts).
 */
export interface ParsedPeriod {
  start: Day | null;
  end: Day | null;
  unit: Interval;
  weekBasis: WeekStart;
}

/** The forms listed in every error, so a typo is fixed without opening the docs. */
export const PERIOD_FORMS =
  '2026, 2026-Q3, 2026-10, 2026-W42 (ISO week), 2026-10-05, A..B, A.., ..B, today, yesterday, ' +
  'this-week, last-week, this-month, last-month, this-quarter, last-quarter, this-year, last-year, last-12-months';

function periodError(expr: string, why: string): KpiError {
  return usageError(
    `invalid period "${expr}": ${why}. Accepted forms: ${PERIOD_FORMS}`,
    'for example -p last-month, -p 2026-Q3, -p 2021-Q1..2022-Q3',
  );
}

/** The relative names: each gives the whole calendar unit (SPEC-DECISIONS #32). */
const RELATIVE: Record<string, { unit: Interval; back: number; count?: number }> = {
  today: { unit: 'day', back: 0 },
  yesterday: { unit: 'day', back: 1 },
  'this-week': { unit: 'week', back: 0 },
  'last-week': { unit: 'week', back: 1 },
  'this-month': { unit: 'month', back: 0 },
  'last-month': { unit: 'month', back: 1 },
  'this-quarter': { unit: 'quarter', back: 0 },
  'last-quarter': { unit: 'quarter', back: 1 },
  'this-year': { unit: 'year', back: 0 },
  'last-year': { unit: 'year', back: 1 },
  // The 12 whole months before the current one: a complete year of data, never a partial month.
  'last-12-months': { unit: 'month', back: 12, count: 12 },
};

interface Single extends PeriodExpr {
  /** Week convention of a week-unit expression. */
  weekBasis: WeekStart;
}

/** One expression without `..`; `s` is trimmed and lower-cased, `raw` is for messages. */
function parseSingle(s: string, raw: string, today: Day, weekStart: WeekStart): Single {
  const rel = RELATIVE[s];
  if (rel) {
    const current = startOfInterval(today, rel.unit, weekStart);
    const start = addIntervals(current, rel.unit, -rel.back, weekStart);
    const end = addIntervals(start, rel.unit, rel.count ?? 1, weekStart);
    return { start, end, unit: rel.unit, weekBasis: weekStart };
  }
  const y = digitsAt(s, 0, 4);
  if (y < 0 || (s.length > 4 && s.charCodeAt(4) !== 45 /* - */)) throw periodError(raw, 'not a period expression');
  if (s.length === 4) {
    return { start: dayFromYmd0(y, 0), end: dayFromYmd0(y, 12), unit: 'year', weekBasis: weekStart };
  }
  const tag = s.charCodeAt(5);
  if (s.length === 7 && tag === 113 /* q */) {
    const q = digitsAt(s, 6, 1);
    if (q < 1 || q > 4) throw periodError(raw, 'a quarter is Q1 to Q4');
    return { start: dayFromYmd0(y, (q - 1) * 3), end: dayFromYmd0(y, q * 3), unit: 'quarter', weekBasis: weekStart };
  }
  if (s.length === 7) {
    const m = digitsAt(s, 5, 2);
    if (m < 1 || m > 12) throw periodError(raw, 'a month is 01 to 12');
    return { start: dayFromYmd0(y, m - 1), end: dayFromYmd0(y, m), unit: 'month', weekBasis: weekStart };
  }
  if (s.length === 8 && tag === 119 /* w */) {
    const w = digitsAt(s, 6, 2);
    const weeks = isoWeeksInYear(y);
    if (w < 1 || w > weeks) throw periodError(raw, `ISO year ${y} has weeks W01 to W${weeks}`);
    const start = isoWeekStart(y, w);
    // YYYY-Www is always the ISO week, whatever week_start says (SPEC-DECISIONS #33).
    return { start, end: start + 7, unit: 'week', weekBasis: 'monday' };
  }
  if (s.length === 10) {
    const day = parseIsoDay(s);
    if (day === null) {
      const m = digitsAt(s, 5, 2);
      const why =
        m >= 1 && m <= 12 && s.charCodeAt(7) === 45 && digitsAt(s, 8, 2) >= 0
          ? `${s.slice(0, 7)} has days 01 to ${daysInMonth(y, m)}`
          : 'a date is yyyy-MM-dd';
      throw periodError(raw, why);
    }
    return { start: day, end: day + 1, unit: 'day', weekBasis: weekStart };
  }
  throw periodError(raw, 'not a period expression');
}

/** First day of month index `m0` (0-based; 12 is January of the next year) of year `y`. */
function dayFromYmd0(y: number, m0: number): Day {
  return dayFromYmd(y, m0 + 1, 1);
}

/**
 * Parse a period expression (SPEC §4 + SPEC-DECISIONS #32). For `A..B` the span runs from the
 * start of A to the end of B (any granularities) and the unit is the finer of the two; an open
 * side (`A..`, `..B`) is null, for the caller to fill from the data. B ending at or before A's
 * start is an error. Every error is a KpiError with exit 2 listing the accepted forms.
 */
export function parsePeriod(expr: string, today: Day, weekStart: WeekStart): ParsedPeriod {
  const s = expr.trim().toLowerCase();
  if (s === '') throw periodError(expr, 'the expression is empty');
  const dots = s.indexOf('..');
  if (dots < 0) return parseSingle(s, expr, today, weekStart);

  const left = s.slice(0, dots).trim();
  const right = s.slice(dots + 2).trim();
  if (right.includes('..')) throw periodError(expr, 'a range has one ".."');
  if (left === '' && right === '') throw periodError(expr, 'a range needs a start, an end or both');
  const a = left === '' ? null : parseSingle(left, left, today, weekStart);
  const b = right === '' ? null : parseSingle(right, right, today, weekStart);
  if (a && b && b.end <= a.start) {
    throw periodError(expr, `the end (${right}) is before the start (${left})`);
  }
  const unit = a && b ? finerInterval(a.unit, b.unit) : (a ?? b)!.unit;
  return { start: a?.start ?? null, end: b?.end ?? null, unit, weekBasis: rangeWeekBasis(a, b, unit, weekStart) };
}

/** ISO weeks only when every week-unit side of the range is an ISO week. */
function rangeWeekBasis(a: Single | null, b: Single | null, unit: Interval, weekStart: WeekStart): WeekStart {
  if (unit !== 'week') return weekStart;
  const weekSides = [a, b].filter((x): x is Single => x !== null && x.unit === 'week');
  return weekSides.every((x) => x.weekBasis === 'monday') ? 'monday' : weekStart;
}

/** `--today`: only `yyyy-MM-dd` (SPEC-DECISIONS #32), else a KpiError with exit 2. */
export function parseToday(s: string): Day {
  const day = parseIsoDay(s.trim());
  if (day === null) {
    throw usageError(`invalid --today "${s}": expected a date yyyy-MM-dd, e.g. 2026-10-05`, 'relative dates are not accepted here');
  }
  return day;
}
