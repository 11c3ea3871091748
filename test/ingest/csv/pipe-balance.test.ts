import { describe, it, expect } from 'vitest';
import { BALANCE_WINDOW_MS, MAX_SWITCHES, PipeBalance, WAIT_HIGH, WAIT_LOW } from '../../../src/ingest/csv/pipe-balance.js';

/** Feed messages 10 ms apart, each having waited `share` of that, for `ms`; the settings returned. */
function run(b: PipeBalance, shares: number[], msEach = BALANCE_WINDOW_MS, from = 0): { changes: (boolean | null)[]; t: number } {
  const changes: (boolean | null)[] = [];
  let t = from;
  for (const share of shares) {
    for (let k = 0; k < msEach / 10; k++) {
      t += 10;
      const c = b.took(10 * share, t);
      if (c !== null) changes.push(c);
    }
  }
  return { changes, t };
}

describe('PipeBalance', () => {
  it('starts with the optional work on this thread, and gives it to the worker once this thread waits little', () => {
    const b = new PipeBalance();
    expect(b.on).toBe(false);
    // the first message only starts the clock: its wait is the worker's start-up
    expect(b.took(500, 1000)).toBeNull();
    const { changes } = run(b, [WAIT_LOW / 2], BALANCE_WINDOW_MS + 10, 1000);
    expect(changes).toEqual([true]);
    expect(b.on).toBe(true);
  });

  it('keeps the setting between the thresholds, and takes the work back once this thread waits much', () => {
    const b = new PipeBalance();
    b.took(0, 0);
    expect(run(b, [(WAIT_LOW + WAIT_HIGH) / 2, (WAIT_LOW + WAIT_HIGH) / 2]).changes).toEqual([]);
    expect(b.on).toBe(false);
    const on = run(b, [WAIT_LOW / 3], BALANCE_WINDOW_MS, 2 * BALANCE_WINDOW_MS);
    expect(on.changes).toEqual([true]);
    // on the worker, waiting between the thresholds keeps it there
    expect(run(b, [(WAIT_LOW + WAIT_HIGH) / 2], BALANCE_WINDOW_MS, on.t).changes).toEqual([]);
    expect(run(b, [WAIT_HIGH * 1.5], BALANCE_WINDOW_MS, on.t + BALANCE_WINDOW_MS).changes).toEqual([false]);
    expect(b.on).toBe(false);
  });

  it('decides over whole windows: a short stall does not move the work', () => {
    const b = new PipeBalance();
    b.took(0, 0);
    // a window of mostly short waits with one long one, averaging below the low threshold
    let t = 0;
    const changes: (boolean | null)[] = [];
    for (let k = 0; k < BALANCE_WINDOW_MS / 10; k++) {
      t += 10;
      const c = b.took(k === 3 ? 10 : 0, t);
      if (c !== null) changes.push(c);
    }
    expect(changes).toEqual([true]);
  });

  it(`switches ${MAX_SWITCHES} times per file at most`, () => {
    const b = new PipeBalance();
    b.took(0, 0);
    const shares = Array.from({ length: 4 * MAX_SWITCHES }, (_, k) => (k % 2 === 0 ? 0 : 0.9));
    const { changes } = run(b, shares);
    expect(changes).toEqual(Array.from({ length: MAX_SWITCHES }, (_, k) => k % 2 === 0));
  });
});
