import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fast, fastSlash, fastWall, slash } from '../../src/values/date-fast.js';
import { scan, scanDate } from '../../src/values/date-scan.js';
import { F_SLASH } from '../../src/values/date-roles.js';
import { createDateColumn } from '../../src/values/dates.js';

const w = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h, mi, s);

/** What the full scanner makes of `text` in a fresh column (NaN when no date). */
function scanned(text: string, tz = 'UTC'): number {
  const p = createDateColumn({ tz }).parse(text);
  return p === null ? NaN : p.wall;
}

const digit = fc.constantFrom(...'0123456789');
const two = fc.tuple(digit, digit).map(([a, b]) => a + b);
const four = fc.tuple(two, two).map(([a, b]) => a + b);
/** Texts in or near the fixed layouts: random digits (often impossible dates), odd separators. */
const nearLayout = fc.oneof(
  fc.tuple(four, two, two, fc.constantFrom('', ' ', 'T', '_'), two, two, fc.constantFrom('', ':', ';'), two).map(
    ([y, mo, d, sep, h, mi, colon, s]) => `${y}-${mo}-${d}` + (sep === '' ? '' : `${sep}${h}:${mi}` + (colon === '' ? '' : `${colon}${s}`)),
  ),
  fc.tuple(two, two, four, fc.constantFrom('', ' ', 'T'), fc.oneof(two, digit), two, fc.constantFrom('', ':'), two).map(
    ([d, mo, y, sep, h, mi, colon, s]) => `${d}.${mo}.${y}` + (sep === '' ? '' : `${sep}${h}:${mi}` + (colon === '' ? '' : `${colon}${s}`)),
  ),
  fc.tuple(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(
    ([y, mo, d, h, mi]) => `${String(d).padStart(2, '0')}.${String(mo).padStart(2, '0')}.${y} ${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`,
  ),
  fc.string({ maxLength: 20 }),
);

describe('fastWall: the fixed date layouts', () => {
  it.each<[string, number, number]>([
    ['2024-03-05', w(2024, 3, 5), 4],
    ['2024-03-05 15:31', w(2024, 3, 5, 15, 31), 5],
    ['2024-03-05 15:31:07', w(2024, 3, 5, 15, 31, 7), 6],
    ['2024-03-05T15:31', w(2024, 3, 5, 15, 31), 8],
    ['2024-03-05T15:31:07', w(2024, 3, 5, 15, 31, 7), 9],
    ['05.03.2024', w(2024, 3, 5), 1],
    ['05.03.2024 15:31', w(2024, 3, 5, 15, 31), 2],
    ['05.03.2024 15:31:07', w(2024, 3, 5, 15, 31, 7), 3],
    ['29.02.2024', w(2024, 2, 29), 1],
    ['05.03.2024 9:31', w(2024, 3, 5, 9, 31), 10],
    ['05.03.2024 9:31:07', w(2024, 3, 5, 9, 31, 7), 11],
  ])('%s', (text, wall, layout) => {
    expect(fastWall(text)).toBe(wall);
    expect(fast.layout).toBe(layout);
  });

  it.each(['2024-02-30', '31.04.2024', '2024-03-05 24:00', '2024-03-05 23:60:00', '1899-12-31', '2201-01-01', '2024-03-05Z15:31', '2024/03/05', '5.3.2024', '2024-03-05 15:31:07Z', ' 2024-03-05', '2024-0a-05', '2024-03-05 9:31', '05.03.2024T9:31', '05.03.2024 9:3', '05.03.2024 9:31:7'])(
    'leaves %j to the scanner',
    (text) => {
      expect(fastWall(text)).toBeNaN();
      expect(fast.layout).toBe(0);
    },
  );

  it('reads every text the way the full scanner does, whenever it reads it at all', () => {
    fc.assert(
      fc.property(nearLayout, (text) => {
        const f = fastWall(text);
        if (f === f) expect(f).toBe(scanned(text));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('a date column taking the shortcut', () => {
  it('reads a column the same value by value, and describes it the same, as with one value per layout', () => {
    fc.assert(
      fc.property(fc.array(nearLayout, { maxLength: 40 }), fc.constantFrom('UTC', 'Europe/Moscow'), (values, tz) => {
        const col = createDateColumn({ tz });
        const walls = values.map((v) => (col.observe(v) ? col.wall(v) : NaN));
        // the reference: every value read by a fresh column, which never trusts the shortcut
        const expected = values.map((v) => {
          const c = createDateColumn({ tz });
          return c.observe(v) ? c.wall(v) : NaN;
        });
        expect(walls).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the format of a long column of two layouts', () => {
    const col = createDateColumn({ tz: 'UTC' });
    for (let i = 0; i < 1000; i++) {
      const d = String((i % 28) + 1).padStart(2, '0');
      expect(col.observe(`${d}.01.2024 09:${String(i % 60).padStart(2, '0')}`)).toBe(true);
      expect(col.observe(`2024-01-${d} 09:00:${String(i % 60).padStart(2, '0')}`)).toBe(true);
    }
    expect(col.format()).toBe('iso | dd.MM.yyyy HH:mm');
    expect(col.wall('31.01.2024 23:59')).toBe(w(2024, 1, 31, 23, 59));
    expect(col.wall('2024-02-30 10:00:00')).toBeNaN();
  });
});

const oneOrTwo = fc.oneof(digit, two, fc.integer({ min: 1, max: 31 }).map(String));
/** Texts in or near the slashed layouts: one- or two-digit parts, times of every width, slips. */
const nearSlash = fc.oneof(
  fc.tuple(oneOrTwo, oneOrTwo, fc.oneof(four, fc.integer({ min: 2019, max: 2026 }).map(String)), fc.constantFrom('', ' ', 'T', '  '), oneOrTwo, two, fc.constantFrom('', ':', '.'), two).map(
    ([a, b, y, sep, h, mi, colon, s]) => `${a}/${b}/${y}` + (sep === '' ? '' : `${sep}${h}:${mi}` + (colon === '' ? '' : `${colon}${s}`)),
  ),
  fc.tuple(oneOrTwo, oneOrTwo, fc.constantFrom('24', '2024', '02024'), fc.constantFrom('', ' AM', ' +03:00', 'Z')).map(([a, b, y, tail]) => `${a}/${b}/${y}${tail}`),
  fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '9', '/', ' ', ':'), maxLength: 19 }),
);

describe('fastSlash: slashed dates cut at their separators', () => {
  it.each<[string, number, number, number, number, number, number, number]>([
    ['1/5/2024', 1, 5, 2024, 0, 0, 0, 1],
    ['12/31/2024', 12, 31, 2024, 0, 0, 0, 4],
    ['31/1/2024', 31, 1, 2024, 0, 0, 0, 2],
    ['1/31/2024 9:05', 1, 31, 2024, 9, 5, 0, 7],
    ['31/01/2024 09:05', 31, 1, 2024, 9, 5, 0, 12],
    ['31/01/2024 09:05:07', 31, 1, 2024, 9, 5, 7, 20],
    ['1/2/2024 7:08:09', 1, 2, 2024, 7, 8, 9, 13],
  ])('%s', (text, a, b, y, h, mi, s, layout) => {
    expect(fastSlash(text)).toBe(true);
    expect({ ...slash }).toEqual({ layout, a, b, y, h, mi, s });
  });

  it.each(['1/5/24', '2024/01/05', '1/5/2024 9:5', '1/5/2024T09:05', '1/5/2024 09:05 AM', '1/5/2024 09:05Z', '123/5/2024', '1-5-2024', ' 1/5/2024', '1/5/2024 ', '1/5/2024 09:05:07.5'])(
    'leaves %j to the scanner',
    (text) => {
      expect(fastSlash(text)).toBe(false);
      expect(slash.layout).toBe(0);
    },
  );

  it('cuts every text as the full scanner does, whenever it cuts it at all', () => {
    fc.assert(
      fc.property(nearSlash, (text) => {
        if (!fastSlash(text)) return;
        const cut = { ...slash };
        expect(scanDate(text)).toBe(true);
        expect([scan.form, scan.a, scan.b, scan.y, scan.h, scan.mi, scan.s, scan.ms, scan.hasOffset]).toEqual([F_SLASH, cut.a, cut.b, cut.y, cut.h, cut.mi, cut.s, 0, false]);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('a slashed date column taking the shortcut', () => {
  it('observes, reads and describes a column as the scanner alone does', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(nearSlash, nearLayout), { maxLength: 60 }), (values) => {
        const fast = createDateColumn({ tz: 'UTC' });
        const slow = createDateColumn({ tz: 'UTC', shortcuts: false });
        expect(values.map((v) => fast.observe(v))).toEqual(values.map((v) => slow.observe(v)));
        expect([fast.undecided, fast.conflicting, fast.format()]).toEqual([slow.undecided, slow.conflicting, slow.format()]);
        expect(values.map((v) => fast.wall(v))).toEqual(values.map((v) => slow.wall(v)));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads a month-first column once a day past 12 decides it', () => {
    const col = createDateColumn({ tz: 'UTC' });
    const values = ['1/5/2024', '2/6/2024 9:05', '1/31/2024', '12/1/2024 23:59:59'];
    for (const v of values) expect(col.observe(v)).toBe(true);
    expect(col.undecided).toBe(false);
    expect(values.map((v) => col.wall(v))).toEqual([w(2024, 1, 5), w(2024, 2, 6, 9, 5), w(2024, 1, 31), w(2024, 12, 1, 23, 59, 59)]);
  });
});
