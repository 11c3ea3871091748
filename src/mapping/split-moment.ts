/**
 * A record's moment written in two columns: a date column and a time-of-day column (Russian
 * telephony cabinets' «Дата» | «Время», a generator's `date,time`; EXPORT-FORMATS §2 "Дата + Время
 * split"). Read from one of them only, every call of a day started at midnight (callbacks and
 * hours were wrong) or, read from the time column, every row was refused as a bad date.
 *
 * `findSplitMoment` decides from the header and the first rows: the field's column holds dates
 * and a column named like a time (`Время`, `Time`, …) holds times of day — or the field's column
 * holds times and a column named like a date holds dates (nine in ten of the values). Both names
 * are required besides the values, so that a duration written `00:01:30` or a second date column
 * is never taken for the time. `joinMoment` then gives the loader one cell for the moment.
 */
import { cellText, type Cell, type RawRow } from '../ingest/types.js';
import type { Kind } from '../records/types.js';
import { normalizeHeader } from './header.js';

/** The field whose moment may be split, per kind (invoice dates carry no time worth joining). */
const MOMENT_FIELD: Partial<Record<Kind, string>> = { calls: 'started_at', leads: 'created_at' };

const DATE_NAMES = new Set(['Дата', 'Date', 'Дата звонка', 'Call Date', 'Дата обращения', 'Дата заявки', 'Дата создания', 'Created Date', 'Day', 'День'].map(normalizeHeader));
const TIME_NAMES = new Set(['Время', 'Time', 'Время звонка', 'Call Time', 'Время обращения', 'Время заявки', 'Время создания', 'Created Time', 'Время начала', 'Start Time', 'Час', 'Hour'].map(normalizeHeader));

/** A date, or a date at midnight as 1C and Excel write a date-only value (`05.01.2024 0:00:00`). */
const DATE_ONLY = /^(\d{1,4}[./-]\d{1,2}[./-]\d{1,4})(?:[ T]0?0:00(?::00)?)?$/;
const TIME_ONLY = /^\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?(?:\s?[AaPp][Mm])?$/;
const MS_DAY = 86_400_000;
/** 1899-12-30 as wall ms: an XLSX time without a date is a fraction of a day past it. */
const EXCEL_ZERO = Date.UTC(1899, 11, 30);

function isDateOnly(c: Cell): boolean {
  if (c !== null && typeof c === 'object') return c.t === 'd' && c.v % MS_DAY === 0 && c.v >= EXCEL_ZERO + 2 * MS_DAY;
  return DATE_ONLY.test((c ?? '').trim());
}

function isTimeOnly(c: Cell): boolean {
  if (c !== null && typeof c === 'object') return c.t === 'd' && c.v >= EXCEL_ZERO && c.v < EXCEL_ZERO + 2 * MS_DAY;
  return TIME_ONLY.test((c ?? '').trim());
}

/**
 * Nine in ten of the non-empty cells of column `col` in `rows` pass `test`, and one at least: a
 * stray `утро` among the first rows' times must not send every row back to a bad date (joined,
 * that row alone fails, its whole text in the message).
 */
function mostlyAre(rows: readonly RawRow[], col: number, test: (c: Cell) => boolean): boolean {
  let seen = 0;
  let pass = 0;
  for (const r of rows) {
    const c = r.cells[col] ?? null;
    if (cellText(c).trim() === '') continue;
    seen++;
    if (test(c)) pass++;
  }
  return seen > 0 && pass * 10 >= seen * 9;
}

/** The date and time columns of a split moment: `field` is read from `date` joined with `time`. */
export interface SplitMoment {
  field: string;
  date: number;
  time: number;
}

/**
 * The split moment of a table, or null. `fields` is the mapping (field → column), `headers` the
 * header row, `rows` the first data rows.
 */
export function findSplitMoment(kind: Kind, headers: readonly string[], fields: Readonly<Record<string, number | undefined>>, rows: readonly RawRow[]): SplitMoment | null {
  const field = MOMENT_FIELD[kind];
  if (field === undefined) return null;
  const at = fields[field];
  if (at === undefined) return null;
  const taken = new Set(Object.values(fields));
  const other = (names: Set<string>, test: (c: Cell) => boolean): number =>
    headers.findIndex((h, i) => !taken.has(i) && names.has(normalizeHeader(h)) && mostlyAre(rows, i, test));
  if (mostlyAre(rows, at, isDateOnly)) {
    const time = other(TIME_NAMES, isTimeOnly);
    return time < 0 ? null : { field, date: at, time };
  }
  if (mostlyAre(rows, at, isTimeOnly)) {
    const date = other(DATE_NAMES, isDateOnly);
    return date < 0 ? null : { field, date, time: at };
  }
  return null;
}

/** `h:mm[:ss]` of a wall time's time of day. */
function clock(v: number): string {
  const ms = ((v % MS_DAY) + MS_DAY) % MS_DAY;
  const s = Math.round(ms / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600) % 24)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/**
 * One cell for a moment written as a date cell and a time cell. Two XLSX date/time cells give one
 * date/time cell; text gives `date time` (a time that is not one then fails the date's parse with
 * the whole text in its message, never silently). An empty time leaves the date as it is; an
 * empty date stays empty (the record has no moment).
 */
export function joinMoment(date: Cell, time: Cell): Cell {
  const d = cellText(date).trim();
  const t = cellText(time).trim();
  if (d === '' || t === '') return date;
  if (date !== null && typeof date === 'object' && date.t === 'd' && time !== null && typeof time === 'object' && time.t === 'd') {
    const v = date.v - (((date.v % MS_DAY) + MS_DAY) % MS_DAY) + (((time.v % MS_DAY) + MS_DAY) % MS_DAY);
    return { t: 'd', v, text: `${d} ${clock(time.v)}` };
  }
  const dText = date !== null && typeof date === 'object' && date.t === 'd' ? new Date(date.v).toISOString().slice(0, 10) : (DATE_ONLY.exec(d)?.[1] ?? d);
  const tText = time !== null && typeof time === 'object' && time.t === 'd' ? clock(time.v) : t;
  return `${dText} ${tText}`;
}
