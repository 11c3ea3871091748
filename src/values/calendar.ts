/**
 * Wall-clock arithmetic for the value parsers: calendar dates → `Wall` milliseconds and back,
 * with the accepted year range. Integer math only (Howard Hinnant's civil algorithms): no Date
 * objects, so no host time zone leaks in and years are never shifted the way `Date.UTC(99, …)`
 * shifts them to 1999.
 *
 * src/period/calendar.ts has similar day helpers; this module keeps its own few lines so the
 * value parsers depend on nothing that changes with the report model.
 */
import { MS_PER_DAY, type Wall } from '../period/types.js';

/**
 * The accepted year range of parsed dates, inclusive. Anything outside is a typo or a sentinel
 * (`01.01.0001`, `9999-12-31`), not a business event, so it is rejected rather than bucketed.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

const EPOCH_SHIFT = 719_468;
const DAYS_PER_ERA = 146_097;

/** Days since 1970-01-01 of a valid proleptic Gregorian date (`m` 1–12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * DAYS_PER_ERA + doe - EPOCH_SHIFT;
}

/** Number of days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * Wall milliseconds of a date and time, or NaN when any part is impossible: month 13, 31.02,
 * hour 24, minute 60, a year outside [{@link MIN_YEAR}, {@link MAX_YEAR}]. NaN (not null) so the
 * hot parsers stay allocation- and branch-light; public APIs turn it into null.
 */
export function wallOf(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): Wall {
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NaN;
  if (h > 23 || mi > 59 || s > 59 || h < 0 || mi < 0 || s < 0 || ms < 0 || ms > 999) return NaN;
  return daysFromCivil(y, mo, d) * MS_PER_DAY + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

const MIN_WALL = daysFromCivil(MIN_YEAR, 1, 1) * MS_PER_DAY;
const MAX_WALL_EXCLUSIVE = daysFromCivil(MAX_YEAR + 1, 1, 1) * MS_PER_DAY;

/** True when a wall value lies inside the accepted year range (used after zone conversion). */
export function wallInRange(w: Wall): boolean {
  return w >= MIN_WALL && w < MAX_WALL_EXCLUSIVE;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/**
 * Wall ms → `yyyy-MM-dd`, or `yyyy-MM-dd HH:mm:ss` with `withTime` (milliseconds are dropped).
 * For messages, lists and JSON. Years are written with at least four digits.
 */
export function formatWall(wall: Wall, withTime = false): string {
  const day = Math.floor(wall / MS_PER_DAY);
  const z = day + EPOCH_SHIFT;
  const era = Math.floor(z / DAYS_PER_ERA);
  const doe = z - era * DAYS_PER_ERA;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const date = String(y).padStart(4, '0') + '-' + pad2(m) + '-' + pad2(d);
  if (!withTime) return date;
  const t = Math.floor((wall - day * MS_PER_DAY) / 1000);
  return date + ' ' + pad2(Math.floor(t / 3600)) + ':' + pad2(Math.floor(t / 60) % 60) + ':' + pad2(t % 60);
}
