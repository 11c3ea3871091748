/** Collections during a long output (src/app/collect-garbage.ts). */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { collectingEvery } from '../../src/app/collect-garbage.js';

describe('collectingEvery', () => {
  it('hands every piece on unchanged and in order', () => {
    const pieces = ['a', '', 'bc', 'x'.repeat(100), 'end'];
    expect([...collectingEvery(pieces, 10)]).toEqual(pieces);
    expect([...collectingEvery([], 10)]).toEqual([]);
  });

  it('runs full collections as the output grows', async () => {
    const majors = async (run: () => void): Promise<number> => {
      let n = 0;
      const obs = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if ((e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) n++;
      });
      obs.observe({ entryTypes: ['gc'] });
      run();
      await new Promise((resolve) => setTimeout(resolve, 100));
      obs.disconnect();
      return n;
    };
    const piece = 'y'.repeat(1 << 20);
    // pieces (ropes: cheap to make) past the heap's size each: a collection after every one
    const heap = process.memoryUsage().heapUsed;
    const big = Array.from({ length: 4 }, () => piece.repeat(Math.ceil(heap / piece.length) + 1));
    expect(await majors(() => void [...collectingEvery(big, 1 << 20)])).toBeGreaterThanOrEqual(3);
  });
});
