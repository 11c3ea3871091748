/**
 * Excel serial numbers to wall-clock time. A serial is a count of days in the workbook's own
 * calendar with no time zone, so the result is milliseconds since 1970-01-01T00:00 *as if UTC*
 * (`Date.UTC` arithmetic, never the local zone). Pure.
 */

const DAY_MS = 86_400_000;
/** Serial of 1970-01-01 in the 1900 system for serials ≥ 60 (epoch 1899-12-30, after the Lotus bug). */
const EPOCH_1900 = 25_569;
/** Serial of 1970-01-01 in the 1904 system (epoch 1904-01-01). */
const EPOCH_1904 = 24_107;
/** The last serial Excel can show as a date: 9999-12-31 (1900 system). */
const MAX_SERIAL_1900 = 2_958_466;
const MAX_SERIAL_1904 = MAX_SERIAL_1900 - 1_462;

/**
 * Convert a serial to wall-clock ms, or null when Excel itself could not show it as a date
 * (negative, non-finite, or after 9999-12-31).
 *
 * 1900 system: Excel copies Lotus 1-2-3 in believing 1900 was a leap year, so serial 60 is the
 * non-existent 1900-02-29 and serials 1–59 are one day later than a plain count from 1899-12-30
 * would say. We count serials < 60 from 1899-12-31 and serials ≥ 60 from 1899-12-30; serial 60
 * itself therefore reads as 1900-02-28 (the same day as serial 59: the phantom 29th has no
 * honest answer, and the 28th keeps times of day on the day before March). Serials in [0, 1)
 * are times of day with no date; they land on 1899-12-31, Excel's "1900-01-00".
 *
 * Rounded to the nearest millisecond, then to the nearest second: serials stored with 15–17
 * significant digits (`40513.351388888892`) otherwise read as 08:25:59.999.
 */
export function serialToWallMs(serial: number, date1904: boolean): number | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  if (serial >= (date1904 ? MAX_SERIAL_1904 : MAX_SERIAL_1900)) return null;
  const epoch = date1904 ? EPOCH_1904 : serial < 60 ? EPOCH_1900 - 1 : EPOCH_1900;
  const ms = Math.round((serial - epoch) * DAY_MS);
  return Math.round(ms / 1000) * 1000;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/**
 * `yyyy-MM-dd`, or `yyyy-MM-dd HH:mm:ss` when the value has a time of day or `withTime` asks
 * for it (a date-time format showing midnight).
 */
export function formatWallMs(ms: number, withTime: boolean): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const date = `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  if (!withTime && h === 0 && m === 0 && s === 0) return date;
  return `${date} ${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

/**
 * Parse the ISO 8601 text of a `t="d"` cell (strict OOXML, some converters):
 * `yyyy-MM-dd`, optionally `THH:mm[:ss[.fff]]`, optionally `Z` (no other offsets: the value is
 * a wall-clock time). Returns wall ms rounded to the second, or null when it is not that shape.
 */
export function parseIsoWall(text: string): { ms: number; time: boolean } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?Z?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, f] = m;
  const month = Number(mo);
  const day = Number(d);
  const check = new Date(Date.UTC(2000, 0, 1, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), f ? Math.floor(Number('0.' + f) * 1000) : 0));
  check.setUTCFullYear(Number(y), month - 1, day); // Date.UTC alone maps years 0–99 to 19xx
  const ms = check.getTime();
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) return null;
  return { ms: Math.round(ms / 1000) * 1000, time: h !== undefined };
}
