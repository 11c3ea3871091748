/** Small statistics for benchmark samples. */

/** The median of a non-empty sample (mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of an empty sample');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** The largest value, or null for an empty sample or one with a null. */
export function maxOrNull(xs: readonly (number | null)[]): number | null {
  let m: number | null = null;
  for (const x of xs) {
    if (x === null) return null;
    m = m === null ? x : Math.max(m, x);
  }
  return m;
}

/** Round to `digits` decimals (for results.json: stable, readable figures). */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
