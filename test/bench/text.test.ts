import { describe, expect, it } from 'vitest';
import { csvCell, dottedDate, isoDate, rubAmount, toCivil, type Civil } from '../../bench/text.js';
import { createRng, weighted } from '../../bench/prng.js';
import { rowTime, SPAN_DAYS, SPAN_START_MS } from '../../bench/timeline.js';
import { phoneText } from '../../bench/clients.js';

const civil = (): Civil => ({ y: 0, m: 0, d: 0, hh: 0, mi: 0, ss: 0 });

describe('bench text helpers', () => {
  it.each([
    [0, ' ', '0,00'], [5, ' ', '0,05'], [100, ' ', '1,00'], [1_250_000, ' ', '12 500,00'],
    [123_456_789, ' ', '1 234 567,89'], [100_000_000, '\u00a0', '1\u00a0000\u00a0000,00'], [-120_000, ' ', '-1 200,00'],
    [99_999, ' ', '999,99'], [100_000, ' ', '1 000,00'],
  ])('rubAmount(%i) = %j', (cents, sep, want) => {
    expect(rubAmount(cents, sep as string)).toBe(want);
  });

  it.each([
    [Date.UTC(2024, 0, 1), '01.01.2024 00:00', '2024-01-01 00:00:00'],
    [Date.UTC(2024, 1, 29, 23, 59, 58), '29.02.2024 23:59', '2024-02-29 23:59:58'],
    [Date.UTC(2025, 11, 31, 9, 5, 7), '31.12.2025 09:05', '2025-12-31 09:05:07'],
    [Date.UTC(2000, 2, 1, 12), '01.03.2000 12:00', '2000-03-01 12:00:00'],
    [Date.UTC(1999, 11, 31), '31.12.1999 00:00', '1999-12-31 00:00:00'],
  ])('toCivil(%i) → %s / %s', (ms, dotted, iso) => {
    const c = toCivil(ms, civil());
    expect(dottedDate(c, true)).toBe(dotted);
    expect(isoDate(c, true)).toBe(iso);
    expect(dottedDate(c, false)).toBe(dotted.slice(0, 10));
    expect(isoDate(c, false)).toBe(iso.slice(0, 10));
  });

  it('toCivil agrees with Date over every day of the span', () => {
    const c = civil();
    for (let day = 0; day < SPAN_DAYS; day++) {
      const ms = SPAN_START_MS + day * 86_400_000 + 37_000;
      expect(isoDate(toCivil(ms, c), true)).toBe(new Date(ms).toISOString().slice(0, 19).replace('T', ' '));
    }
  });

  it.each([
    ['plain', 59, false, 'plain'], ['plain', 59, true, '"plain"'], ['a;b', 59, false, '"a;b"'],
    ['a;b', 44, false, 'a;b'], ['ООО "Вектор"', 59, false, '"ООО ""Вектор"""'], ['two\nlines', 44, false, '"two\nlines"'],
  ])('csvCell(%j, %i, %s) = %j', (s, delim, always, want) => {
    expect(csvCell(s as string, delim as number, always as boolean)).toBe(want);
  });

  it.each([
    [0, '+7 (912) 345-67-89'], [1, '8 912 345 67 89'], [2, '79123456789'], [3, '+79123456789'],
  ])('phoneText style %i', (style, want) => {
    expect(phoneText('9123456789', style as number)).toBe(want);
  });
});

describe('bench PRNG and timeline', () => {
  it('is deterministic per seed and salt, and stays in range', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(42, 1);
    const xs = Array.from({ length: 50 }, () => a.u32());
    expect(Array.from({ length: 50 }, () => b.u32())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.u32())).not.toEqual(xs);
    const r = createRng(1);
    for (let i = 0; i < 10_000; i++) {
      const n = r.int(3, 7);
      expect(n >= 3 && n <= 7 && Number.isInteger(n)).toBe(true);
      const f = r.float();
      expect(f >= 0 && f < 1).toBe(true);
    }
  });

  it('samples weighted tables in proportion', () => {
    const t = weighted([['a', 1], ['b', 3], ['c', 6]] as const);
    const rng = createRng(5);
    const n = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30_000; i++) n[t.sample(rng)]++;
    expect(n.a / 30_000).toBeCloseTo(0.1, 1);
    expect(n.b / 30_000).toBeCloseTo(0.3, 1);
    expect(n.c / 30_000).toBeCloseTo(0.6, 1);
    expect(() => weighted([])).toThrow();
    expect(() => weighted([['x', 0]])).toThrow();
  });

  it('spreads rows over 2024–2025 in order, inside working hours', () => {
    const rng = createRng(1);
    let prevDay = -1;
    for (const n of [10, 1000, 100_000]) {
      for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 500))) {
        const t = rowTime(i, n, rng);
        const d = new Date(t);
        expect(d.getUTCFullYear() === 2024 || d.getUTCFullYear() === 2025).toBe(true);
        expect(d.getUTCHours()).toBeGreaterThanOrEqual(9);
        expect(d.getUTCHours()).toBeLessThan(19);
        const day = Math.floor((t - SPAN_START_MS) / 86_400_000);
        expect(day).toBeGreaterThanOrEqual(prevDay);
        prevDay = day;
      }
      prevDay = -1;
    }
    const last = new Date(rowTime(99_999, 100_000, rng));
    expect(last.toISOString().slice(0, 10)).toBe('2025-12-31');
  });
});
