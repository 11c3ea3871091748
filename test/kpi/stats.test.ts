import { describe, it, expect } from 'vitest';
import { median, nearestRank } from '../../src/kpi/stats.js';

describe('median', () => {
  it.each([
    [[], null],
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 2], 6],
    [[100, 9, 11], 11], // numeric, not lexicographic, order
  ])('median(%j) = %j', (xs, want) => {
    expect(median(xs)).toBe(want);
  });
});

describe('nearest-rank p90 (⌈0.9·n⌉-th smallest)', () => {
  const oneToN = (n: number) => Array.from({ length: n }, (_, i) => n - i); // descending input
  it.each([
    [0, null],
    [1, 1],
    [2, 2], // ⌈1.8⌉ = 2
    [9, 9], // ⌈8.1⌉ = 9
    [10, 9], // ⌈9⌉ = 9, not 10 (0.9·10 in floating point is 9.000000000000002)
    [11, 10], // ⌈9.9⌉ = 10
    [20, 18],
  ])('n = %i → %j', (n, want) => {
    expect(nearestRank(oneToN(n), 0.9)).toBe(want);
  });
});
