import { describe, it, expect } from 'vitest';
import { dayOf, formatIsoSecond, formatRuMinute, isWorkingDay, isoWeekday, wallAt } from '../../scripts/demo/calendar.js';
import { collisionKey, formatCrmPhone, innWithCheckDigit, translit } from '../../scripts/demo/names.js';
import { formatRub } from '../../scripts/demo/render-leads.js';
import { cdrLine } from '../../scripts/demo/render-cdr.js';
import { Rng } from '../../scripts/demo/rng.js';
import type { DemoCall } from '../../scripts/demo/types.js';

describe('demo calendar', () => {
  it.each([
    ['2024-01-01 (Mon, New Year)', dayOf(2024, 1, 1), false],
    ['2024-01-09 (Tue)', dayOf(2024, 1, 9), true],
    ['2024-02-23 (Fri, holiday)', dayOf(2024, 2, 23), false],
    ['2024-04-27 (Sat, working)', dayOf(2024, 4, 27), true],
    ['2024-04-29 (Mon, transferred day off)', dayOf(2024, 4, 29), false],
    ['2024-12-28 (Sat, working)', dayOf(2024, 12, 28), true],
    ['2025-05-02 (Fri, transferred day off)', dayOf(2025, 5, 2), false],
    ['2025-06-13 (Fri, transferred day off)', dayOf(2025, 6, 13), false],
    ['2025-11-01 (Sat, working)', dayOf(2025, 11, 1), true],
    ['2025-11-03 (Mon, day off)', dayOf(2025, 11, 3), false],
    ['2025-12-30 (Tue)', dayOf(2025, 12, 30), true],
    ['2025-12-31 (Wed, day off)', dayOf(2025, 12, 31), false],
    ['2025-07-06 (Sun)', dayOf(2025, 7, 6), false],
  ])('%s is a working day: %s', (_label, day, expected) => {
    expect(isWorkingDay(day)).toBe(expected);
  });

  it.each([
    [dayOf(1970, 1, 1), 4],
    [dayOf(2024, 1, 1), 1],
    [dayOf(2025, 12, 28), 7],
  ])('ISO weekday of day %i is %i', (day, expected) => {
    expect(isoWeekday(day)).toBe(expected);
  });

  it.each([
    [wallAt(dayOf(2024, 3, 5), 9 * 60 + 7.5), '05.03.2024 09:07', '2024-03-05 09:07:30'],
    [wallAt(dayOf(2025, 12, 31), 23 * 60 + 59), '31.12.2025 23:59', '2025-12-31 23:59:00'],
  ])('formats wall time %i', (w, ru, iso) => {
    expect(formatRuMinute(w)).toBe(ru);
    expect(formatIsoSecond(w)).toBe(iso);
  });
});

describe('demo names and numbers', () => {
  // Real ИНН of well-known companies: the check digit must come out the same.
  it.each(['7707083893', '7736050003', '7728168971', '7702070139'])('ИНН %s gets its check digit', (inn) => {
    expect(innWithCheckDigit(inn.slice(0, 9))).toBe(inn);
  });

  it.each([
    [0, '+7 (916) 123-45-67'],
    [1, '8 (916) 123-45-67'],
    [2, '+79161234567'],
    [3, '8-916-123-45-67'],
    [4, '89161234567'],
  ])('phone style %i', (style, expected) => {
    expect(formatCrmPhone('9161234567', style)).toBe(expected);
  });

  it.each([
    ['ООО «Альфа-Трейд»', 'ООО "Альфа Трейд"'],
    ['Берёзка ООО', 'БЕРЕЗКА ООО'],
  ])('%s and %s collide after normalization', (a, b) => {
    expect(collisionKey(a)).toBe(collisionKey(b));
  });

  it.each([
    ['Вектор Трейд', 'vektortreyd'],
    ['Щит-24', 'shchit24'],
  ])('transliterates %s', (text, expected) => {
    expect(translit(text)).toBe(expected);
  });

  it.each([
    [1_250_000, '12 500,00'],
    [31_500, '315,00'],
    [5, '0,05'],
    [123_456_789_01, '123 456 789,01'],
    [-100_000, '-1 000,00'],
  ])('kopecks %i format as %s', (kop, expected) => {
    expect(formatRub(kop)).toBe(expected);
  });
});

describe('demo CDR line', () => {
  const base: DemoCall = {
    accountcode: '',
    src: '101',
    dst: '89161234567',
    dcontext: 'from-internal',
    clid: '"Иванов Иван" <101>',
    channel: 'PJSIP/101-0000000a',
    dstchannel: 'PJSIP/rt-0000000b',
    lastapp: 'Dial',
    lastdata: 'PJSIP/89161234567@rt',
    start: wallAt(dayOf(2024, 2, 1), 10 * 60),
    answer: wallAt(dayOf(2024, 2, 1), 10 * 60 + 0.25),
    end: wallAt(dayOf(2024, 2, 1), 10 * 60 + 2),
    duration: 120,
    billsec: 105,
    disposition: 'ANSWERED',
    amaflags: 'DOCUMENTATION',
    uniqueid: '1706770800.12',
    userfield: '',
    direction: 'outbound',
  };

  it.each([
    [
      'answered',
      base,
      '"","101","89161234567","from-internal","""Иванов Иван"" <101>","PJSIP/101-0000000a","PJSIP/rt-0000000b","Dial","PJSIP/89161234567@rt","2024-02-01 10:00:00","2024-02-01 10:00:15","2024-02-01 10:02:00",120,105,"ANSWERED","DOCUMENTATION","1706770800.12",""',
    ],
    [
      'unanswered (empty unquoted answer)',
      { ...base, answer: null, billsec: 0, disposition: 'NO ANSWER' as const },
      '"","101","89161234567","from-internal","""Иванов Иван"" <101>","PJSIP/101-0000000a","PJSIP/rt-0000000b","Dial","PJSIP/89161234567@rt","2024-02-01 10:00:00",,"2024-02-01 10:02:00",120,0,"NO ANSWER","DOCUMENTATION","1706770800.12",""',
    ],
  ])('%s', (_label, call, expected) => {
    expect(cdrLine(call)).toBe(expected);
  });
});

describe('demo Rng', () => {
  it('repeats a stream for the same seed and label, and differs across labels', () => {
    const a = Rng.stream(1, 'x');
    const b = Rng.stream(1, 'x');
    const c = Rng.stream(1, 'y');
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });

  it('draws plausible distributions', () => {
    const rng = new Rng(42);
    const n = 20_000;
    let u = 0;
    let p = 0;
    let inRange = true;
    for (let i = 0; i < n; i++) {
      const x = rng.next();
      u += x;
      p += rng.poisson(3);
      const k = rng.int(2, 5);
      if (k < 2 || k > 5 || x < 0 || x >= 1) inRange = false;
    }
    expect(inRange).toBe(true);
    expect(u / n).toBeGreaterThan(0.49);
    expect(u / n).toBeLessThan(0.51);
    expect(p / n).toBeGreaterThan(2.9);
    expect(p / n).toBeLessThan(3.1);
    const counts = [0, 0, 0];
    for (let i = 0; i < 9000; i++) {
      const k = rng.weightedIndex([1, 2, 0]);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts[2]).toBe(0);
    expect((counts[1] ?? 0) / (counts[0] ?? 1)).toBeGreaterThan(1.8);
    expect((counts[1] ?? 0) / (counts[0] ?? 1)).toBeLessThan(2.2);
  });
});
