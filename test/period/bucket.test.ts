import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { makeBucketer } from '../../src/period/bucket.js';
import { splitColumns } from '../../src/period/span.js';
import { parsePeriod } from '../../src/period/expr.js';
import { intervalLabel } from '../../src/period/calendar.js';
import type { Column, Interval, WeekStart } from '../../src/period/types.js';
import { D } from './days.js';

const INTERVALS: Interval[] = ['day', 'week', 'month', 'quarter', 'year'];
const WEEK_STARTS: WeekStart[] = ['monday', 'sunday', 'saturday'];

const linear = (cols: readonly Column[], day: number) => cols.findIndex((c) => day >= c.start && day < c.end);

/** Any span of 1 to 3000 days between 1900 and 2100. */
const spanArb = fc
  .tuple(fc.integer({ min: D('1900-01-01'), max: D('2100-01-01') }), fc.integer({ min: 1, max: 3000 }))
  .map(([start, len]) => ({ start, end: start + len }));

describe('makeBucketer', () => {
  it('maps days to clipped month columns and -1 outside', () => {
    const cols = splitColumns({ start: D('2026-02-15'), end: D('2026-05-10') }, 'month', 'monday');
    const bucket = makeBucketer(cols);
    expect(
      ['2026-02-14', '2026-02-15', '2026-02-28', '2026-03-01', '2026-04-30', '2026-05-01', '2026-05-09', '2026-05-10'].map((d) => bucket(D(d))),
    ).toEqual([-1, 0, 0, 1, 2, 3, 3, -1]);
    expect(bucket(Number.NaN)).toBe(-1);
  });

  it('returns -1 for every day when there are no columns', () => {
    expect(makeBucketer([])(D('2026-10-05'))).toBe(-1);
  });

  it('agrees with a linear search on any grid (day/week/month/quarter/year, any week start)', () => {
    fc.assert(
      fc.property(
        spanArb,
        fc.constantFrom(...INTERVALS),
        fc.constantFrom(...WEEK_STARTS),
        fc.array(fc.integer({ min: -400, max: 3400 }), { minLength: 1, maxLength: 40 }),
        (span, interval, ws, offsets) => {
          const cols = splitColumns(span, interval, ws);
          const bucket = makeBucketer(cols);
          for (const o of offsets) expect(bucket(span.start + o)).toBe(linear(cols, span.start + o));
        },
      ),
    );
  });

  it('agrees with a linear search on columns with gaps', () => {
    fc.assert(
      fc.property(
        spanArb,
        fc.constantFrom(...INTERVALS),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 200 }),
        fc.array(fc.integer({ min: -400, max: 3400 }), { minLength: 1, maxLength: 40 }),
        (span, interval, keep, offsets) => {
          const all = splitColumns(span, interval, 'monday');
          const cols = all.filter((_, i) => keep[i % keep.length]);
          const bucket = makeBucketer(cols);
          for (const o of offsets) expect(bucket(span.start + o)).toBe(linear(cols, span.start + o));
        },
      ),
    );
  });

  it('handles contiguous columns of mixed intervals (binary-search fallback)', () => {
    const days = splitColumns({ start: D('2026-09-28'), end: D('2026-10-01') }, 'day', 'monday');
    const months = splitColumns({ start: D('2026-10-01'), end: D('2027-01-01') }, 'month', 'monday');
    const cols = [...days, ...months];
    const bucket = makeBucketer(cols);
    expect(['2026-09-27', '2026-09-28', '2026-09-30', '2026-10-01', '2026-11-15', '2026-12-31', '2027-01-01'].map((d) => bucket(D(d)))).toEqual([
      -1, 0, 2, 3, 4, 5, -1,
    ]);
  });

  it('buckets a million days quickly', () => {
    const cols = splitColumns({ start: D('2020-01-01'), end: D('2027-01-01') }, 'month', 'monday');
    const bucket = makeBucketer(cols);
    const first = D('2020-01-01');
    const t0 = performance.now();
    let sum = 0;
    for (let i = 0; i < 1_000_000; i++) sum += bucket(first + (i % 2557));
    const ms = performance.now() - t0;
    expect(sum).toBeGreaterThan(0);
    expect(ms).toBeLessThan(1000); // typically ~10 ms; a generous bound that still catches O(n) lookups
  });
});

describe('splitColumns properties', () => {
  it('columns tile the span: contiguous, lengths sum to the span length, clipped only at the edges', () => {
    fc.assert(
      fc.property(spanArb, fc.constantFrom(...INTERVALS), fc.constantFrom(...WEEK_STARTS), (span, interval, ws) => {
        const cols = splitColumns(span, interval, ws);
        expect(cols.reduce((n, c) => n + (c.end - c.start), 0)).toBe(span.end - span.start);
        expect(cols[0]!.start).toBe(span.start);
        expect(cols.at(-1)!.end).toBe(span.end);
        cols.forEach((c, i) => {
          if (i > 0) expect(c.start).toBe(cols[i - 1]!.end);
          expect(c.fullStart <= c.start && c.end <= c.fullEnd).toBe(true);
          expect(c.clipped).toBe(c.start !== c.fullStart || c.end !== c.fullEnd);
          if (i > 0 && i < cols.length - 1) expect(c.clipped).toBe(false);
          expect(c.label).toBe(intervalLabel(c.fullStart, interval, ws));
        });
      }),
    );
  });

  it('day columns are one day each', () => {
    fc.assert(
      fc.property(spanArb, (span) => {
        const cols = splitColumns(span, 'day', 'monday');
        expect(cols).toHaveLength(span.end - span.start);
        expect(cols.every((c) => c.end - c.start === 1 && !c.clipped)).toBe(true);
      }),
    );
  });

  it('every Monday-week, month, quarter and year label parses back to its own interval', () => {
    fc.assert(
      fc.property(spanArb, fc.constantFrom<Interval>('week', 'month', 'quarter', 'year'), (span, interval) => {
        for (const c of splitColumns(span, interval, 'monday')) {
          const p = parsePeriod(c.label, span.start, 'monday');
          expect([p.start, p.end, p.unit]).toEqual([c.fullStart, c.fullEnd, interval]);
        }
      }),
      { numRuns: 50 },
    );
  });
});
