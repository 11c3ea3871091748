/**
 * Test helpers that convert dates with Date.UTC — an implementation independent of
 * src/period/calendar.ts, so the tests do not check the code against itself.
 */
const MS = 86_400_000;

/** Day number of `yyyy-MM-dd` (years ≥ 100). */
export function D(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / MS;
}

/** `yyyy-MM-dd` of a day number (years ≥ 100). */
export function iso(day: number): string {
  return new Date(day * MS).toISOString().slice(0, 10);
}

/** A span as ISO strings, for readable expectations. */
export function isoSpan(s: { start: number; end: number } | null): [string, string] | null {
  return s === null ? null : [iso(s.start), iso(s.end)];
}
