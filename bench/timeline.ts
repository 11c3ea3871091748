/**
 * When generated records happen: spread evenly over 2024-01-01 … 2025-12-31 (the runner's
 * `-p 2024-01..2025-12`), in working hours, in file order — exports are sorted by date, and an
 * even spread makes every month of the report carry the same load at any file size.
 */
import { MS_DAY } from './text.js';
import type { Rng } from './prng.js';

/** 2024-01-01T00:00 as wall-clock epoch ms. */
export const SPAN_START_MS = Date.UTC(2024, 0, 1);
/** Days in 2024 (leap) and 2025. */
export const SPAN_DAYS = 731;

const WORKDAY_START_MS = 9 * 3_600_000;
const WORKDAY_MS = 10 * 3_600_000;

/**
 * The moment of row `i` of `n`: day ⌊i·731/n⌋, at a time between 09:00 and 19:00 that grows
 * with the row's position inside its day, plus up to a minute of jitter (whole seconds).
 */
export function rowTime(i: number, n: number, rng: Rng): number {
  const x = (i * SPAN_DAYS) / n;
  const day = Math.floor(x);
  const within = x - day;
  const ms = SPAN_START_MS + day * MS_DAY + WORKDAY_START_MS + Math.floor(within * WORKDAY_MS);
  return ms - (ms % 1000) + rng.int(0, 59) * 1000;
}
