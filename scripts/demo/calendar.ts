/**
 * The demo company's calendar: the two simulated years, Russian working days, demand
 * seasonality, and the date formats each export uses. Times are wall-clock Moscow time held as
 * `Wall` milliseconds "as if UTC" (src/period/types.ts), so no time-zone library is needed;
 * Moscow has had no DST since 2014, which makes the epoch conversion a fixed offset.
 */
import type { Day, Wall } from '../../src/period/types.js';
import { MS_PER_DAY } from '../../src/period/types.js';

/** Day number of a calendar date (month 1-based). */
export function dayOf(year: number, month: number, date: number): Day {
  return Date.UTC(year, month - 1, date) / MS_PER_DAY;
}

/** First simulated day, 2024-01-01. */
export const DEMO_START: Day = dayOf(2024, 1, 1);
/** The day after the last simulated day (2025-12-31 is the last). */
export const DEMO_END: Day = dayOf(2026, 1, 1);

/** Milliseconds in a minute. */
export const MS_PER_MINUTE = 60_000;
/** Moscow is UTC+3 all year: Asterisk's uniqueid carries real epoch seconds. */
const MOSCOW_OFFSET_MS = 3 * 3_600_000;

/** Calendar parts of a day. */
export interface YMD {
  year: number;
  month: number;
  date: number;
}

/** Year, month and date of a day. */
export function ymdOf(day: Day): YMD {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

/** ISO weekday: Monday 1 … Sunday 7 (1970-01-01 was a Thursday). */
export function isoWeekday(day: Day): number {
  return (((day + 3) % 7) + 7) % 7 + 1;
}

/** Month 1–12 of a day. */
export function monthOf(day: Day): number {
  return ymdOf(day).month;
}

/**
 * The production calendar of 2024–2025 (government decrees on transferred days off): weekdays
 * that were days off, and Saturdays that were working days.
 */
const HOLIDAYS = new Set<Day>(
  [
    [2024, 1, 1], [2024, 1, 2], [2024, 1, 3], [2024, 1, 4], [2024, 1, 5], [2024, 1, 8],
    [2024, 2, 23], [2024, 3, 8], [2024, 4, 29], [2024, 4, 30], [2024, 5, 1], [2024, 5, 9],
    [2024, 5, 10], [2024, 6, 12], [2024, 11, 4], [2024, 12, 30], [2024, 12, 31],
    [2025, 1, 1], [2025, 1, 2], [2025, 1, 3], [2025, 1, 6], [2025, 1, 7], [2025, 1, 8],
    [2025, 5, 1], [2025, 5, 2], [2025, 5, 8], [2025, 5, 9], [2025, 6, 12], [2025, 6, 13],
    [2025, 11, 3], [2025, 11, 4], [2025, 12, 31],
  ].map(([y, m, d]) => dayOf(y ?? 0, m ?? 0, d ?? 0)),
);
const WORKING_SATURDAYS = new Set<Day>(
  [[2024, 4, 27], [2024, 11, 2], [2024, 12, 28], [2025, 11, 1]].map(([y, m, d]) =>
    dayOf(y ?? 0, m ?? 0, d ?? 0),
  ),
);

/** True for an office working day. */
export function isWorkingDay(day: Day): boolean {
  if (WORKING_SATURDAYS.has(day)) return true;
  if (HOLIDAYS.has(day)) return false;
  return isoWeekday(day) <= 5;
}

/** The first working day on or after `day`. */
export function nextWorkingDay(day: Day): Day {
  let d = day;
  while (!isWorkingDay(d)) d++;
  return d;
}

/**
 * Demand by calendar month for an office-supplies distributor: the New Year and May holidays
 * and the summer holidays dip, September (back to school and to offices) and December (year-end
 * budgets) peak.
 */
const MONTH_DEMAND = [0.75, 0.95, 1.05, 1.0, 0.85, 0.82, 0.68, 0.85, 1.3, 1.15, 1.05, 1.2];

/** Demand factor of a calendar month (1 = an average month). */
export function monthDemand(month: number): number {
  return MONTH_DEMAND[month - 1] ?? 1;
}

/** Slow business growth: about +12 % from the start of 2024 to the end of 2025. */
export function growth(day: Day): number {
  return 0.95 + (0.12 * (day - DEMO_START)) / (DEMO_END - DEMO_START);
}

/** Wall time of a day plus minutes since midnight (fractions become seconds). */
export function wallAt(day: Day, minutes: number): Wall {
  return day * MS_PER_DAY + Math.round(minutes * 60) * 1000;
}

/** The day a wall time falls on. */
export function dayOfWall(w: Wall): Day {
  return Math.floor(w / MS_PER_DAY);
}

/** Minutes since midnight of a wall time. */
export function minuteOfDay(w: Wall): number {
  return (w - dayOfWall(w) * MS_PER_DAY) / MS_PER_MINUTE;
}

/** Epoch seconds of a Moscow wall time (for Asterisk uniqueids). */
export function epochSeconds(w: Wall): number {
  return Math.floor((w - MOSCOW_OFFSET_MS) / 1000);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Cache of `dd.mm.yyyy` / `yyyy-mm-dd` per day: 100 k timestamps share ~730 dates. */
const dayTexts = new Map<Day, { ru: string; iso: string }>();

function dayText(day: Day): { ru: string; iso: string } {
  let t = dayTexts.get(day);
  if (t === undefined) {
    const { year, month, date } = ymdOf(day);
    t = { ru: `${pad2(date)}.${pad2(month)}.${year}`, iso: `${year}-${pad2(month)}-${pad2(date)}` };
    dayTexts.set(day, t);
  }
  return t;
}

function clock(w: Wall, withSeconds: boolean): string {
  const secs = Math.floor((w - dayOfWall(w) * MS_PER_DAY) / 1000);
  const hh = pad2(Math.floor(secs / 3600));
  const mm = pad2(Math.floor(secs / 60) % 60);
  return withSeconds ? `${hh}:${mm}:${pad2(secs % 60)}` : `${hh}:${mm}`;
}

/** Bitrix24 portal style: `dd.mm.yyyy HH:mm`. */
export function formatRuMinute(w: Wall): string {
  return `${dayText(dayOfWall(w)).ru} ${clock(w, false)}`;
}

/** `dd.mm.yyyy` (report titles). */
export function formatRuDate(day: Day): string {
  return dayText(day).ru;
}

/** Asterisk cdr_csv `%Y-%m-%d %H:%M:%S`. */
export function formatIsoSecond(w: Wall): string {
  return `${dayText(dayOfWall(w)).iso} ${clock(w, true)}`;
}
