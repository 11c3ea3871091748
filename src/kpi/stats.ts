/**
 * Order statistics used by the callback metrics and the at-risk list (SPEC §3): the median is
 * the mean of the two middle values for an even count; p90 is the nearest rank, the ⌈0.9·n⌉-th
 * smallest value. Both are null for an empty list (never 0).
 */

/** A numerically sorted copy (typed-array sort compares numbers, not strings). */
function sorted(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** Median; null when there are no values. */
export function median(values: readonly number[]): number | null {
  const n = values.length;
  if (n === 0) return null;
  const s = sorted(values);
  const mid = n >>> 1;
  return n % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Nearest-rank percentile: the ⌈q·n⌉-th smallest value (1-based); null when empty. */
export function nearestRank(values: readonly number[], q: number): number | null {
  const n = values.length;
  if (n === 0) return null;
  const s = sorted(values);
  // Rounding guards 0.9 × 10 = 9.000000000000002 → rank 10 instead of 9.
  const rank = Math.max(1, Math.ceil(Math.round(q * n * 1e9) / 1e9));
  return s[Math.min(rank, n) - 1] as number;
}
