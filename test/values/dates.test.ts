import { describe, expect, it } from 'vitest';
import { createDateColumn, formatWall, validateDateFormat } from '../../src/values/dates.js';

/** Wall ms of a local date-time (month 1-based), the way the parsers must produce it. */
const w = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number => Date.UTC(y, mo - 1, d, h, mi, s, ms);

const MSK = 'Europe/Moscow';

describe('auto-detected date forms (one value per fresh column)', () => {
  it.each<[string, number, boolean]>([
    // ISO and friends
    ['2024-03-05', w(2024, 3, 5), false],
    ['2024-03-05 15:31', w(2024, 3, 5, 15, 31), true],
    ['2024-03-05T15:31:07', w(2024, 3, 5, 15, 31, 7), true],
    ['2024-03-05 15:31:07.123', w(2024, 3, 5, 15, 31, 7, 123), true],
    ['2024-03-05 15:31:07.123456', w(2024, 3, 5, 15, 31, 7, 123), true],
    ['2024-3-5 9:05', w(2024, 3, 5, 9, 5), true],
    ['2021-04-15 23:03:00', w(2021, 4, 15, 23, 3), true], // Zoho calls
    ['2025-07-25T11:41:48', w(2025, 7, 25, 11, 41, 48), true], // 3CX
    ['2024-03-05 3:31 PM', w(2024, 3, 5, 15, 31), true],
    ['2024-03-05 12:05 am', w(2024, 3, 5, 0, 5), true],
    // instants: converted to Moscow wall clock (+03:00)
    ['2024-03-05T12:31:00Z', w(2024, 3, 5, 15, 31), true],
    ['2026-04-05T12:00:00Z', w(2026, 4, 5, 15, 0), true], // Megafon VATS
    ['2024-03-05T15:31:00+03:00', w(2024, 3, 5, 15, 31), true],
    ['2024-03-05 15:31:00+0300', w(2024, 3, 5, 15, 31), true], // Roistat
    ['2024-03-05 12:31:00+0000', w(2024, 3, 5, 15, 31), true],
    ['2024-03-05T07:31:00-05:00', w(2024, 3, 5, 15, 31), true],
    ['2024-03-05 15:31:00+03', w(2024, 3, 5, 15, 31), true], // PostgreSQL
    ['2024-03-05 12:31:00 UTC', w(2024, 3, 5, 15, 31), true],
    ['2024-03-05T12:31:00.000000Z', w(2024, 3, 5, 15, 31), true],
    ['2024-03-31T23:30:00Z', w(2024, 4, 1, 2, 30), true], // an April record in Moscow (Decision #14)
    ['Tue, 31 Aug 2010 20:36:28 +0000', w(2010, 9, 1, 0, 36, 28), true], // RFC 2822; Moscow was +04 in 2010
    // year first with other separators
    ['2024/03/05', w(2024, 3, 5), false],
    ['2024.03.05', w(2024, 3, 5), false],
    // dotted: always day-first
    ['05.03.2024', w(2024, 3, 5), false],
    ['5.3.2024', w(2024, 3, 5), false],
    ['05.03.24', w(2024, 3, 5), false],
    ['05.03.2024 15:31', w(2024, 3, 5, 15, 31), true],
    ['11.12.2024 9:07:59', w(2024, 12, 11, 9, 7, 59), true], // 1C
    ['05.03.2024, 15:31', w(2024, 3, 5, 15, 31), true],
    ['29.02.2024', w(2024, 2, 29), false],
    ['05.03.2024 г.', w(2024, 3, 5), false],
    // dashed day-first (Zoho sales orders)
    ['03-07-2021 01:09', w(2021, 7, 3, 1, 9), true],
    ['03-07-2021', w(2021, 7, 3), false],
    // month names
    ['15 Apr, 2021 00:03:00', w(2021, 4, 15, 0, 3), true], // Zoho
    ['1 Apr, 2021 07:49:50', w(2021, 4, 1, 7, 49, 50), true],
    ['Apr 15, 2021', w(2021, 4, 15), false],
    ['April 15, 2021 3:45 PM', w(2021, 4, 15, 15, 45), true],
    ['Sept 5, 2024', w(2024, 9, 5), false],
    ['15 April 2021', w(2021, 4, 15), false],
    ['15-Apr-21', w(2021, 4, 15), false],
    ['15-Apr-2021 10:00', w(2021, 4, 15, 10, 0), true],
    ['15 апр. 2021', w(2021, 4, 15), false],
    ['15 апреля 2021 г.', w(2021, 4, 15), false],
    ['15 апреля 2021 года', w(2021, 4, 15), false],
    ['1 января 2024 г. 10:00', w(2024, 1, 1, 10, 0), true],
    ['15 ИЮН 2024', w(2024, 6, 15), false],
    ['3 мая 2024', w(2024, 5, 3), false],
    ['вт, 5 мар. 2024 10:00', w(2024, 3, 5, 10, 0), true],
    // compact
    ['20240305', w(2024, 3, 5), false],
    ['20240305153107', w(2024, 3, 5, 15, 31, 7), true],
    // slashed with self-evident order
    ['13/12/2010', w(2010, 12, 13), false],
    ['12/13/2010 8:26', w(2010, 12, 13, 8, 26), true],
    ['31/1/24', w(2024, 1, 31), false],
  ])('%s', (text, wall, hasTime) => {
    const col = createDateColumn({ tz: MSK });
    expect(col.observe(text)).toBe(true);
    expect(col.parse(text)).toEqual({ wall, hasTime });
  });
});

describe('rejected values', () => {
  it.each([
    '31.02.2024', '29.02.2023', '00.01.2024', '32.01.2024', '01.13.2024', '2024-13-01', '2024-02-30', '2024-00-10',
    '13/13/2024', '31/02/2024', '0/5/2024', '1899-12-31', '2201-01-01', '01.01.0001', '9999-12-31',
    '2024-03-05 24:00', '2024-03-05 15:60', '2024-03-05 15:31:60', '2024-03-05 13:00 PM', '2024-03-05 0:30 AM',
    '2024-03-05T15:31+25:00', '2024-03-05Z', '2024-03-05 15', '20241301', '12345678', '45366', '123',
    '', '   ', 'yesterday', 'Grand Total', '15 Foo 2021', '2024-03-05 15:31 XYZ', '2024-03-05 15:31:00 Europe/Moscow',
    '05/03', '5.3', '2024--03-05', '2024-03-05T', '1.5', '-2024-03-05', '05.03.2024 15:31 Итого',
  ])('%j is not a date', (text) => {
    const col = createDateColumn({ tz: MSK });
    expect(col.observe(text)).toBe(false);
    expect(col.parse(text)).toBeNull();
  });
});

describe('column evidence for slashed dates (Decision #22)', () => {
  const column = (values: string[]) => {
    const col = createDateColumn({ tz: 'UTC' });
    for (const v of values) expect(col.observe(v)).toBe(true);
    return col;
  };

  it('an all-1/12/2010 column stays undecided and parses nothing', () => {
    const col = column(['1/12/2010 8:26', '1/12/2010 8:28', '1/12/2010 9:01']);
    expect(col.undecided).toBe(true);
    expect(col.conflicting).toBe(false);
    expect(col.parse('1/12/2010 8:26')).toBeNull();
    expect(col.format()).toBe('d/MM/yyyy H:mm or M/dd/yyyy H:mm');
  });

  it('adding 13/12/2010 decides day-first for the whole column', () => {
    const col = column(['1/12/2010 8:26', '13/12/2010 9:00']);
    expect(col.undecided).toBe(false);
    expect(col.parse('1/12/2010 8:26')).toEqual({ wall: w(2010, 12, 1, 8, 26), hasTime: true });
    expect(col.parse('2/1/2011')?.wall).toBe(w(2011, 1, 2));
    expect(col.format()).toBe('d/MM/yyyy H:mm');
  });

  it('a second part > 12 decides month-first', () => {
    const col = column(['1/12/2010', '12/13/2010']);
    expect(col.parse('1/12/2010')?.wall).toBe(w(2010, 1, 12));
    expect(col.parse('12/13/2010')?.wall).toBe(w(2010, 12, 13));
    expect(col.parse('13/12/2010')).toBeNull(); // contradicts the column
  });

  it('evidence order does not matter: parse uses the whole column', () => {
    const col = column(['3/4/2024', '5/6/2024', '25/12/2024']);
    expect(col.parse('3/4/2024')?.wall).toBe(w(2024, 4, 3));
  });

  it('both kinds of evidence make the column conflicting; slashed values then parse to null', () => {
    const col = column(['13/12/2010', '12/13/2010', '2024-03-05']);
    expect(col.conflicting).toBe(true);
    expect(col.parse('13/12/2010')).toBeNull();
    expect(col.parse('1/2/2010')).toBeNull();
    expect(col.parse('2024-03-05')?.wall).toBe(w(2024, 3, 5)); // unambiguous forms still read
  });

  it('a column may mix forms that are each unambiguous', () => {
    const col = column(['2024-03-05T15:31', '05.03.2024', '15 Apr, 2021 00:03:00', '13/12/2010']);
    expect(col.undecided).toBe(false);
    expect(col.parse('2024-03-05T15:31')?.wall).toBe(w(2024, 3, 5, 15, 31));
    expect(col.parse('05.03.2024')?.wall).toBe(w(2024, 3, 5));
    expect(col.format()).toBe('iso | dd.MM.yyyy | dd MMM, yyyy HH:mm:ss | dd/MM/yyyy');
  });

  it('two-digit-year slashed dates are 20yy', () => {
    const col = column(['1/12/10', '25/12/10']);
    expect(col.parse('1/12/10')?.wall).toBe(w(2010, 12, 1));
  });

  it('an ISO-only column has no undecided slashed values', () => {
    const col = column(['2024-03-05', '2024-03-06']);
    expect(col.undecided).toBe(false);
    expect(col.format()).toBe('iso');
  });
});

describe('instants land on the configured zone wall clock across DST', () => {
  it.each<[string, string, number]>([
    ['America/New_York', '2024-03-10T06:59:59Z', w(2024, 3, 10, 1, 59, 59)], // last EST second
    ['America/New_York', '2024-03-10T07:00:00Z', w(2024, 3, 10, 3, 0, 0)], // first EDT second
    ['America/New_York', '2024-11-03T05:30:00Z', w(2024, 11, 3, 1, 30)], // 01:30 EDT
    ['America/New_York', '2024-11-03T06:30:00Z', w(2024, 11, 3, 1, 30)], // 01:30 EST, an hour later
    ['America/New_York', '2024-07-01T12:00:00+03:00', w(2024, 7, 1, 5, 0)],
    ['Europe/Moscow', '2024-07-01T12:00:00-04:00', w(2024, 7, 1, 19, 0)],
    ['UTC', '2024-07-01T12:00:00+03:00', w(2024, 7, 1, 9, 0)],
    ['UTC', '2024-07-01 12:00:00', w(2024, 7, 1, 12, 0)], // no offset: already wall clock
    ['America/New_York', '2024-03-10 02:30', w(2024, 3, 10, 2, 30)], // in the gap: kept as written
  ])('%s %s', (tz, text, wall) => {
    const col = createDateColumn({ tz });
    expect(col.observe(text)).toBe(true);
    expect(col.parse(text)?.wall).toBe(wall);
  });

  it('an instant pushed outside 1900–2200 by the zone is rejected', () => {
    const col = createDateColumn({ tz: 'Asia/Tokyo' });
    expect(col.parse('2200-12-31T23:00:00Z')).toBeNull();
    expect(col.parse('2200-12-31T13:00:00Z')?.wall).toBe(w(2200, 12, 31, 22, 0));
  });
});

describe('10-digit Unix seconds', () => {
  it('are instants when the whole column is 10-digit numbers', () => {
    const col = createDateColumn({ tz: MSK });
    expect(col.observe('1711929600')).toBe(true); // 2024-04-01T00:00:00Z
    expect(col.observe('1711929660')).toBe(true);
    expect(col.parse('1711929600')).toEqual({ wall: w(2024, 4, 1, 3, 0), hasTime: true });
    expect(col.format()).toBe('unix');
  });

  it('are not dates in a column that has anything else', () => {
    const col = createDateColumn({ tz: 'UTC' });
    expect(col.observe('1711929600')).toBe(true);
    expect(col.observe('2024-04-01')).toBe(true);
    expect(col.observe('1711929660')).toBe(false);
    expect(col.parse('1711929600')).toBeNull();
    expect(col.format()).toBe('iso');
  });
});

describe('format() merges per-value variants', () => {
  it.each<[string[], string]>([
    [['05.03.2024', '5.3.2024', '15.11.2024'], 'd.M.yyyy'],
    [['05.03.2024', '5.03.2024'], 'd.MM.yyyy'],
    [['05.03.2024 15:31', '06.03.2024 09:15'], 'dd.MM.yyyy HH:mm'],
    [['15 Apr, 2021 00:03:00', '1 Apr, 2021 00:03:00'], 'd MMM, yyyy HH:mm:ss'],
    [['15 апреля 2021 г.'], "dd MMMM yyyy 'г'."],
    [['Tue, 31 Aug 2010 20:36:28 +0000'], 'EEE, dd MMM yyyy HH:mm:ss xx'],
    [['2024-03-05T15:31:00Z', '2024-03-05'], 'iso'],
    [['20240305'], 'yyyyMMdd'],
    [['03-07-2021 01:09'], 'dd-MM-yyyy HH:mm'],
  ])('%j → %s', (values, pattern) => {
    const col = createDateColumn({ tz: 'UTC' });
    for (const v of values) col.observe(v);
    expect(col.format()).toBe(pattern);
  });

  it('is null before anything was seen', () => {
    expect(createDateColumn({ tz: 'UTC' }).format()).toBeNull();
  });
});

describe('declared formats (Decision #41)', () => {
  it.each<[string[], string, number | null, boolean?]>([
    [['dd.MM.yyyy'], '05.03.2024', w(2024, 3, 5), false],
    [['dd.MM.yyyy'], '5.3.2024', w(2024, 3, 5), false],
    [['dd.MM.yyyy'], '05.03.2024 15:31', w(2024, 3, 5, 15, 31), true],
    [['dd.MM.yyyy'], '05.03.2024 15:31:07', w(2024, 3, 5, 15, 31, 7), true],
    [['dd.MM.yyyy'], '05.03.2024 15:31 x', null],
    [['dd.MM.yyyy'], '2024-03-05', null], // declared means declared
    [['dd.MM.yyyy'], '31.02.2024', null],
    [['MM/dd/yy'], '03/05/24', w(2024, 3, 5), false],
    [['MM/dd/yyyy'], '1/12/2010', w(2010, 1, 12), false],
    [['d/M/yyyy H:mm'], '1/12/2010 8:26', w(2010, 12, 1, 8, 26), true],
    [['dd/MM/yyyy hh:mm a'], '05/03/2024 03:31 PM', w(2024, 3, 5, 15, 31), true],
    [["yyyy-MM-dd'T'HH:mm:ssXXX"], '2024-03-05T12:31:00Z', w(2024, 3, 5, 12, 31), true],
    [["yyyy-MM-dd'T'HH:mm:ssXXX"], '2024-03-05T15:31:00+03:00', w(2024, 3, 5, 12, 31), true],
    [['yyyyMMdd'], '20240305', w(2024, 3, 5), false],
    [['yyyyMMdd'], '2024035', null],
    [['d MMMM yyyy'], '15 апреля 2021', w(2021, 4, 15), false],
    [['d MMM yyyy'], '15 апр. 2021', w(2021, 4, 15), false],
    [['dd.MM.yyyy HH:mm:ss.SSS'], '05.03.2024 15:31:07.5', w(2024, 3, 5, 15, 31, 7, 500), true],
    [['dd.MM.yyyy HH:mm:ss.SSS'], '05.03.2024 15:31:07.005', w(2024, 3, 5, 15, 31, 7, 5), true],
    [['yyyy-MM-dd', 'dd.MM.yyyy'], '05.03.2024', w(2024, 3, 5), false],
    [['excel'], '45366', w(2024, 3, 15), false],
    [['excel'], '45366.5', w(2024, 3, 15, 12), true],
    [['excel'], '40513.3513888889', w(2010, 12, 1, 8, 26), true],
    [['excel'], '1', w(1900, 1, 1), false],
    [['excel'], '61', w(1900, 3, 1), false],
    [['excel'], '60', null], // Lotus' 29.02.1900
    [['excel'], '0', null],
    [['excel'], '2024-03-05', null],
  ])('%j reads %j', (declared, text, wall, hasTime) => {
    const col = createDateColumn({ tz: 'UTC', declared });
    expect(col.observe(text)).toBe(wall !== null);
    expect(col.parse(text)).toEqual(wall === null ? null : { wall, hasTime });
    expect(col.undecided).toBe(false);
  });

  it('reports the declared patterns that matched', () => {
    const col = createDateColumn({ tz: 'UTC', declared: ['yyyy-MM-dd', 'dd.MM.yyyy', 'excel'] });
    col.observe('05.03.2024');
    col.observe('45366');
    expect(col.format()).toBe('dd.MM.yyyy | excel');
  });

  it('reads "A | B" as two declared patterns, as inspect shows and init writes them', () => {
    const col = createDateColumn({ tz: 'UTC', declared: ['dd.MM.yyyy HH:mm:ss | dd.MM.yyyy HH:mm'] });
    expect(col.observe('05.03.2024 14:20:11')).toBe(true);
    expect(col.observe('06.03.2024 10:00')).toBe(true);
    expect(col.parse('06.03.2024 10:00')?.wall).toBe(w(2024, 3, 6, 10, 0));
    expect(col.format()).toBe('dd.MM.yyyy HH:mm:ss | dd.MM.yyyy HH:mm');
  });

  it('shows the declared patterns as its format before any value matched (a bad_date names them)', () => {
    const col = createDateColumn({ tz: 'UTC', declared: ['yyyy-MM-dd', 'dd.MM.yyyy'] });
    expect(col.format()).toBe('yyyy-MM-dd | dd.MM.yyyy');
    expect(col.observe('05/03/2024')).toBe(false);
    expect(col.format()).toBe('yyyy-MM-dd | dd.MM.yyyy');
    expect(col.observe('05.03.2024')).toBe(true);
    expect(col.format()).toBe('dd.MM.yyyy');
  });

  it('refuses an invalid declared pattern at creation', () => {
    expect(() => createDateColumn({ tz: 'UTC', declared: ['DD.MM.YYYY'] })).toThrow(/did you mean yyyy\/dd/);
  });
});

describe('validateDateFormat', () => {
  it.each<[string, RegExp | null]>([
    ['dd.MM.yyyy', null],
    ['d/M/yyyy H:mm', null],
    ['MM/dd/yy', null],
    ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", null],
    ['EEE, dd MMM yyyy HH:mm:ss xx', null],
    ['excel', null],
    ['DD.MM.YYYY', /did you mean yyyy\/dd/],
    ['YYYY-MM-DD', /did you mean yyyy\/dd/],
    ['dd.MM.YY', /did you mean yyyy\/dd/],
    ['D.M.yyyy', /did you mean yyyy\/dd/],
    ['dd.mm.yyyy', /mm is minutes; did you mean MM/],
    ['dd.MM', /needs a year/],
    ['dd.MM.yyyy Q', /unknown date token "Q"/],
    ['ddd.MM.yyyy', /unknown date token "ddd"/],
    ['hh:mm dd.MM.yyyy', /12-hour/],
    ["dd.MM.yyyy 'at", /unclosed quote/],
    ['dd.MM.yyyy HH:mm:ss | dd.MM.yyyy HH:mm', null],
    ['dd.MM.yyyy | excel', null],
    ["dd.MM.yyyy'|'HH:mm", null],
    ['dd.MM.yyyy | DD.MM.yyyy', /did you mean yyyy\/dd/],
    ['dd.MM.yyyy |', /empty alternative/],
  ])('%j', (pattern, error) => {
    const result = validateDateFormat(pattern);
    if (error === null) expect(result).toBeNull();
    else expect(result).toMatch(error);
  });
});

describe('formatWall', () => {
  it.each<[number, boolean, string]>([
    [w(2024, 3, 5), false, '2024-03-05'],
    [w(2024, 3, 5, 15, 31, 7, 999), true, '2024-03-05 15:31:07'],
    [w(2024, 2, 29, 23, 59, 59), true, '2024-02-29 23:59:59'],
    [w(1969, 12, 31, 23, 59, 59), true, '1969-12-31 23:59:59'],
    [w(1900, 1, 1), true, '1900-01-01 00:00:00'],
    [w(2200, 12, 31), false, '2200-12-31'],
  ])('%i → %s', (wall, withTime, text) => {
    expect(formatWall(wall, withTime)).toBe(text);
  });

  it('round-trips every parsed ISO date', () => {
    const col = createDateColumn({ tz: 'UTC' });
    for (const text of ['2024-01-01 00:00:00', '1900-01-01 12:00:00', '2199-12-31 23:59:59', '2000-02-29 06:07:08']) {
      expect(formatWall(col.parse(text)?.wall ?? NaN, true)).toBe(text);
    }
  });
});
