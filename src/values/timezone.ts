/**
 * IANA time zones through `Intl`, made cheap enough for per-row use (SPEC-DECISIONS #14).
 *
 * `Intl.DateTimeFormat#formatToParts` costs microseconds, so a zone's UTC offset is computed once
 * per UTC hour and cached. An hour whose two ends disagree contains a transition; its exact
 * instant is found once by bisection and cached too, so conversions stay exact even for zones
 * that change at half hours or at odd historical seconds.
 *
 * Offsets are looked up for instants clamped to 1800–2300: outside that window the tz database
 * has nothing but LMT and the last rule, and `Intl` year handling gets era-dependent.
 */
import { daysFromCivil } from './calendar.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const CLAMP_MIN = Date.UTC(1800, 0, 1);
const CLAMP_MAX = Date.UTC(2300, 0, 1);

/** A transition inside one cached UTC hour: offset `before` until `at` (exclusive), then `after`. */
interface Transition {
  at: number;
  before: number;
  after: number;
}

interface Zone {
  /** null for UTC: no Intl call at all. */
  fmt: Intl.DateTimeFormat | null;
  /** UTC hour index → offset ms; NaN marks an hour whose entry is in `transitions`. */
  hours: Map<number, number>;
  transitions: Map<number, Transition>;
  /** The last hour looked up and its offset: rows come sorted or clustered, so this hits often. */
  lastHour: number;
  lastOffset: number;
}

const zones = new Map<string, Zone>();
const validity = new Map<string, boolean>();
export const UTC_NAMES: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu', 'Zulu', 'Universal']);

/** True when `Intl` knows the zone (IANA names such as `Europe/Moscow`, `UTC`). Cached. */
export function isValidTimeZone(tz: string): boolean {
  // no Intl for UTC: the first Intl call loads ICU's zone data (~11 ms of a run's start-up)
  if (UTC_NAMES.has(tz)) return true;
  let ok = validity.get(tz);
  if (ok === undefined) {
    try {
      ok = tz.length > 0 && new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone.length > 0;
    } catch {
      ok = false;
    }
    validity.set(tz, ok);
  }
  return ok;
}

let lastTz = '';
let lastZone: Zone | null = null;

function zoneOf(tz: string): Zone {
  if (tz === lastTz && lastZone !== null) return lastZone;
  let z = zones.get(tz);
  if (z === undefined) {
    if (!isValidTimeZone(tz)) throw new RangeError(`unknown time zone "${tz}"`);
    const fmt = UTC_NAMES.has(tz)
      ? null
      : new Intl.DateTimeFormat('en-US', {
          timeZone: tz,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        });
    z = { fmt, hours: new Map(), transitions: new Map(), lastHour: NaN, lastOffset: 0 };
    zones.set(tz, z);
  }
  lastTz = tz;
  lastZone = z;
  return z;
}

/** The zone's offset at a whole second, straight from Intl (the slow path). */
function intlOffset(fmt: Intl.DateTimeFormat, utcSec: number): number {
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const p of fmt.formatToParts(utcSec)) {
    switch (p.type) {
      case 'year': y = Number(p.value); break;
      case 'month': mo = Number(p.value); break;
      case 'day': d = Number(p.value); break;
      case 'hour': h = Number(p.value); break;
      case 'minute': mi = Number(p.value); break;
      case 'second': s = Number(p.value); break;
      default: break;
    }
  }
  return daysFromCivil(y, mo, d) * DAY + h * HOUR + mi * 60_000 + s * 1000 - utcSec;
}

/** Offset (wall − UTC, ms) of `tz` at the instant `utcMs`. */
function offsetAt(z: Zone, utcMs: number): number {
  if (z.fmt === null) return 0;
  const t = utcMs < CLAMP_MIN ? CLAMP_MIN : utcMs >= CLAMP_MAX ? CLAMP_MAX - 1 : utcMs;
  const hour = Math.floor(t / HOUR);
  if (hour === z.lastHour) return z.lastOffset;
  let off = z.hours.get(hour);
  if (off === undefined) off = fillHour(z, z.fmt, hour);
  if (off === off) {
    // not NaN: the whole hour has one offset
    z.lastHour = hour;
    z.lastOffset = off;
    return off;
  }
  const tr = z.transitions.get(hour) as Transition;
  return t < tr.at ? tr.before : tr.after;
}

/** Compute and cache one UTC hour; returns its offset, or NaN when it holds a transition. */
function fillHour(z: Zone, fmt: Intl.DateTimeFormat, hour: number): number {
  const start = hour * HOUR;
  const lastSec = start + HOUR - 1000;
  const before = intlOffset(fmt, start);
  const after = intlOffset(fmt, lastSec);
  if (before === after) {
    z.hours.set(hour, before);
    return before;
  }
  // Bisect on whole seconds: transitions happen on second boundaries, Intl resolves seconds.
  let lo = start;
  let hi = lastSec;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (intlOffset(fmt, mid) === before) lo = mid;
    else hi = mid;
  }
  z.transitions.set(hour, { at: hi, before, after });
  z.hours.set(hour, NaN);
  return NaN;
}

/** UTC instant ms → wall-clock ms in `tz` (wall time computed as if UTC). Throws on an unknown zone. */
export function instantToWall(utcMs: number, tz: string): number {
  return utcMs + offsetAt(zoneOf(tz), utcMs);
}

/**
 * Wall-clock ms in `tz` → UTC instant ms (SPEC-DECISIONS #14). A wall time in a DST gap (02:30
 * on a spring-forward night) is shifted forward by the gap, i.e. read with the offset in force
 * before the change; a wall time that occurs twice (autumn overlap) gives the earlier instant.
 * Assumes no two transitions within 48 hours, which holds for every zone in use since 1900.
 */
export function wallToInstant(wall: number, tz: string): number {
  const z = zoneOf(tz);
  if (z.fmt === null) return wall;
  const before = offsetAt(z, wall - DAY);
  const after = offsetAt(z, wall + DAY);
  const u1 = wall - before;
  const ok1 = offsetAt(z, u1) === before;
  if (before === after && ok1) return u1;
  const u2 = wall - after;
  const ok2 = offsetAt(z, u2) === after;
  if (ok1 && ok2) return u1 < u2 ? u1 : u2;
  if (ok1) return u1;
  if (ok2) return u2;
  return u1; // in the gap: the pre-transition offset lands past the gap, i.e. shifted forward
}
