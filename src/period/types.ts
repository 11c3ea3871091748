/**
 * Calendar types shared by periods, metrics and reports. Everything is local to the configured
 * time zone: a `Day` is the number of days since 1970-01-01 of the *wall-clock* calendar date,
 * and a `Wall` is wall-clock milliseconds since 1970-01-01T00:00 computed as if UTC
 * (so `Math.floor(wall / 86_400_000)` is its Day). No Date objects, no clock reads.
 */

/** Days since 1970-01-01 (local calendar). */
export type Day = number;
/** Wall-clock milliseconds in the configured zone, computed as if UTC. */
export type Wall = number;

export const MS_PER_DAY = 86_400_000;

export type Interval = 'day' | 'week' | 'month' | 'quarter' | 'year';
export type WeekStart = 'monday' | 'sunday' | 'saturday';

/** A half-open span of days [start, end). */
export interface Span {
  start: Day;
  end: Day;
}

/** One report column. */
export interface Column extends Span {
  /** `2026-10-05`, `2026-W42`, `2026-10`, `2026-Q3`, `2026` (weeks not starting Monday: first day). */
  label: string;
  interval: Interval;
  /** The full interval this column belongs to (equal to start/end unless clipped). */
  fullStart: Day;
  fullEnd: Day;
  /** True when the span's edge cut the interval. */
  clipped: boolean;
}

export function dayOfWall(w: Wall): Day {
  return Math.floor(w / MS_PER_DAY);
}
