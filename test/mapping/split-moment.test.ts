/**
 * A moment written as a date column and a time column (src/mapping/split-moment.ts): found only
 * when the names and the values both say so, and joined into one cell the date parsers read.
 */
import { describe, it, expect } from 'vitest';
import { findSplitMoment, joinMoment } from '../../src/mapping/split-moment.js';
import type { Cell, RawRow } from '../../src/ingest/types.js';

const rows = (...cells: Cell[][]): RawRow[] => cells.map((c, k) => ({ line: k + 2, cells: c }));
const day = (y: number, m: number, d: number): Cell => ({ t: 'd', v: Date.UTC(y, m - 1, d), text: String(Date.UTC(y, m - 1, d) / 86_400_000 + 25_569) });
/** An XLSX time of day: a fraction of a day after 1899-12-30. */
const time = (h: number, mi: number): Cell => ({ t: 'd', v: Date.UTC(1899, 11, 30, h, mi), text: `${h}:${mi}` });

describe('findSplitMoment', () => {
  it('a time column read as the start, beside a date column: the date column with its time', () => {
    const hs = ['Дата', 'Время', 'Тип', 'Откуда'];
    const r = rows(['05.01.2024', '10:00:00', 'Входящий', '+7916'], ['', '', '', ''], ['05.01.2024', '9:05', 'Исходящий', '101']);
    expect(findSplitMoment('calls', hs, { started_at: 1, direction: 2, from: 3 }, r)).toEqual({ field: 'started_at', date: 0, time: 1 });
  });

  it('a date column read as the start, beside an unread time column', () => {
    const hs = ['date', 'time', 'direction'];
    expect(findSplitMoment('calls', hs, { started_at: 0, direction: 2 }, rows(['2024-01-05', '10:00', 'in'], ['2024-01-05', '10:00 PM', 'out']))).toEqual({ field: 'started_at', date: 0, time: 1 });
    expect(findSplitMoment('leads', ['Date', 'Time', 'Source'], { created_at: 0, channel: 2 }, rows(['1/5/2024', '13:45', 'web']))).toEqual({ field: 'created_at', date: 0, time: 1 });
  });

  it('one stray value among ten does not undo it (that row alone fails its date)', () => {
    const r = rows(...Array.from({ length: 9 }, (_, k): Cell[] => ['05.01.2024', `1${k}:00`]), ['05.01.2024', 'утро']);
    expect(findSplitMoment('calls', ['Дата', 'Время'], { started_at: 1 }, r)).toEqual({ field: 'started_at', date: 0, time: 1 });
  });

  it('a date column written at midnight (`05.01.2024 0:00:00`, as 1C and Excel write dates)', () => {
    expect(findSplitMoment('calls', ['Дата', 'Время'], { started_at: 0 }, rows(['05.01.2024 0:00:00', '10:15:00'], ['2024-01-06 00:00', '9:05']))).toEqual({ field: 'started_at', date: 0, time: 1 });
    expect(joinMoment('05.01.2024 0:00:00', '10:15:00')).toBe('05.01.2024 10:15:00');
    // a real time in the date column is no date-only column
    expect(findSplitMoment('calls', ['Дата', 'Время'], { started_at: 0 }, rows(['05.01.2024 10:15:00', '10:15:00']))).toBeNull();
  });

  it('XLSX date and time cells too', () => {
    expect(findSplitMoment('calls', ['Date', 'Time'], { started_at: 0 }, rows([day(2024, 1, 5), time(10, 30)]))).toEqual({ field: 'started_at', date: 0, time: 1 });
  });

  it('not a duration, a second date, a mapped column or a full date and time', () => {
    // a duration written like a clock, under its own name
    expect(findSplitMoment('calls', ['Date', 'Duration', 'Wait time'], { started_at: 0 }, rows(['2024-01-05', '00:01:30', '00:00:15']))).toBeNull();
    // the time column is already some field's
    expect(findSplitMoment('calls', ['Date', 'Time'], { started_at: 0, duration_s: 1 }, rows(['2024-01-05', '00:01:30']))).toBeNull();
    // Sipuni's `Время` is a whole date and time
    expect(findSplitMoment('calls', ['Дата', 'Время'], { started_at: 1 }, rows(['05.01.2024', '05.01.2024 10:00:00']))).toBeNull();
    // a time column whose values are mostly not times
    expect(findSplitMoment('calls', ['Date', 'Time'], { started_at: 0 }, rows(['2024-01-05', '10:00'], ['2024-01-06', 'утро']))).toBeNull();
    // invoices keep their date as it is
    expect(findSplitMoment('invoices', ['Date', 'Time'], { date: 0 }, rows(['2024-01-05', '10:00']))).toBeNull();
    // nothing but empty cells says nothing
    expect(findSplitMoment('calls', ['Date', 'Time'], { started_at: 0 }, rows(['2024-01-05', '']))).toBeNull();
  });
});

describe('joinMoment', () => {
  it('text: date and time with a space; an empty time leaves the date, an empty date stays empty', () => {
    expect(joinMoment('05.01.2024', '10:00:00')).toBe('05.01.2024 10:00:00');
    expect(joinMoment(' 2024-01-05 ', ' 9:05 ')).toBe('2024-01-05 9:05');
    expect(joinMoment('2024-01-05', '')).toBe('2024-01-05');
    expect(joinMoment('2024-01-05', null)).toBe('2024-01-05');
    expect(joinMoment('', '10:00')).toBe('');
    expect(joinMoment(null, '10:00')).toBeNull();
    // not a time: the joined text fails the date parse, with the whole value in its message
    expect(joinMoment('2024-01-05', 'утро')).toBe('2024-01-05 утро');
  });

  it('XLSX cells: the day of the date at the clock of the time', () => {
    const j = joinMoment(day(2024, 1, 5), time(10, 30)) as { t: string; v: number; text: string };
    expect([j.t, new Date(j.v).toISOString(), j.text]).toEqual(['d', '2024-01-05T10:30:00.000Z', '45296 10:30:00']);
    expect(joinMoment(day(2024, 1, 5), '10:30')).toBe('2024-01-05 10:30');
    expect(joinMoment('05.01.2024', time(10, 30))).toBe('05.01.2024 10:30:00');
  });
});
