import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantToWall, isValidTimeZone, wallToInstant } from '../../src/values/timezone.js';

const u = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h, mi, s);
const HOUR = 3_600_000;

describe('isValidTimeZone', () => {
  it.each<[string, boolean]>([
    ['Europe/Moscow', true],
    ['America/New_York', true],
    ['UTC', true],
    ['Etc/UTC', true],
    ['Asia/Kolkata', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    ['Moscow', false],
    ['MSK+3', false],
  ])('%j → %s', (tz, ok) => {
    expect(isValidTimeZone(tz)).toBe(ok);
  });

  it('conversion in an unknown zone throws instead of guessing', () => {
    expect(() => instantToWall(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => wallToInstant(0, 'Nowhere')).toThrow(RangeError);
  });
});

describe('instantToWall', () => {
  it.each<[string, number, number]>([
    ['UTC', u(2024, 3, 5, 12, 31), u(2024, 3, 5, 12, 31)],
    ['Europe/Moscow', u(2024, 3, 31, 23, 30), u(2024, 4, 1, 2, 30)], // +03:00 all year since 2014
    ['Europe/Moscow', u(2010, 7, 1, 12), u(2010, 7, 1, 16)], // summer time +04:00 in 2010
    ['Europe/Moscow', u(2010, 1, 1, 12), u(2010, 1, 1, 15)],
    ['Europe/Moscow', u(2012, 1, 1, 12), u(2012, 1, 1, 16)], // permanent +04:00 2011–2014
    ['Asia/Kolkata', u(2024, 1, 1, 0), u(2024, 1, 1, 5, 30)],
    // New York, spring forward 2024-03-10 07:00Z (02:00 EST → 03:00 EDT)
    ['America/New_York', u(2024, 3, 10, 6, 59, 59), u(2024, 3, 10, 1, 59, 59)],
    ['America/New_York', u(2024, 3, 10, 7, 0, 0), u(2024, 3, 10, 3, 0, 0)],
    // fall back 2024-11-03 06:00Z (02:00 EDT → 01:00 EST)
    ['America/New_York', u(2024, 11, 3, 5, 59, 59), u(2024, 11, 3, 1, 59, 59)],
    ['America/New_York', u(2024, 11, 3, 6, 0, 0), u(2024, 11, 3, 1, 0, 0)],
    // Lord Howe changes by 30 minutes at 15:30Z: the transition is mid-hour
    ['Australia/Lord_Howe', u(2024, 10, 5, 15, 29, 59), u(2024, 10, 6, 1, 59, 59)],
    ['Australia/Lord_Howe', u(2024, 10, 5, 15, 30, 0), u(2024, 10, 6, 2, 30, 0)],
  ])('%s %i', (tz, instant, wall) => {
    expect(instantToWall(instant, tz)).toBe(wall);
  });
});

describe('wallToInstant', () => {
  it.each<[string, number, number]>([
    ['UTC', u(2024, 3, 5, 12), u(2024, 3, 5, 12)],
    ['Europe/Moscow', u(2024, 4, 1, 2, 30), u(2024, 3, 31, 23, 30)],
    ['America/New_York', u(2024, 1, 15, 9), u(2024, 1, 15, 14)],
    ['America/New_York', u(2024, 7, 15, 9), u(2024, 7, 15, 13)],
    // DST gap: 02:30 does not exist on 2024-03-10; shifted forward → 03:30 EDT = 07:30Z
    ['America/New_York', u(2024, 3, 10, 2, 30), u(2024, 3, 10, 7, 30)],
    ['America/New_York', u(2024, 3, 10, 2, 0), u(2024, 3, 10, 7, 0)],
    ['America/New_York', u(2024, 3, 10, 3, 0), u(2024, 3, 10, 7, 0)],
    // overlap: 01:30 happens twice on 2024-11-03; the earlier instant (EDT) wins
    ['America/New_York', u(2024, 11, 3, 1, 30), u(2024, 11, 3, 5, 30)],
    ['America/New_York', u(2024, 11, 3, 2, 0), u(2024, 11, 3, 7, 0)],
    ['Europe/Moscow', u(2010, 3, 28, 2, 30), u(2010, 3, 27, 23, 30)], // Moscow's last spring gap
  ])('%s %i', (tz, wall, instant) => {
    expect(wallToInstant(wall, tz)).toBe(instant);
  });

  it('an elapsed window across a DST change is measured in real hours', () => {
    const tz = 'America/New_York';
    const missed = wallToInstant(u(2024, 3, 9, 23, 0), tz);
    const callback = wallToInstant(u(2024, 3, 10, 23, 0), tz);
    expect(callback - missed).toBe(23 * HOUR);
  });

  it.each(['Europe/Moscow', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'UTC'])(
    'round-trips every instant in %s except in the ambiguous overlap hour',
    (tz) => {
      fc.assert(
        fc.property(fc.integer({ min: u(1990, 1, 1) / 1000, max: u(2040, 1, 1) / 1000 }), (sec) => {
          const instant = sec * 1000;
          const wall = instantToWall(instant, tz);
          const back = wallToInstant(wall, tz);
          // Either the same instant, or (overlap) an earlier one with the same wall clock.
          expect(back === instant || (back < instant && instantToWall(back, tz) === wall)).toBe(true);
        }),
        { numRuns: 2000 },
      );
    },
  );

  it('agrees with the engine for random instants (an independent reference)', () => {
    const fmt = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    fc.assert(
      fc.property(fc.integer({ min: u(2000, 1, 1) / 1000, max: u(2030, 1, 1) / 1000 }), (sec) => {
        const expected = Date.parse(fmt.format(sec * 1000).replace(' ', 'T') + 'Z');
        expect(instantToWall(sec * 1000, 'America/New_York')).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
