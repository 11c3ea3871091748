import { describe, it, expect } from 'vitest';
import { resolveSpan, splitColumns, type SpanRequest } from '../../src/period/span.js';
import { KpiError } from '../../src/errors/kpi-error.js';
import type { Column } from '../../src/period/types.js';
import { D, iso, isoSpan } from './days.js';

/** A request with today 2026-10-15 (Thursday), data 2026-03-17 … 2026-08-05, week_start monday. */
function req(over: Partial<SpanRequest> = {}): SpanRequest {
  return { today: D('2026-10-15'), weekStart: 'monday', dataMin: D('2026-03-17'), dataMax: D('2026-08-05'), ...over };
}

/** Columns as `label[start,end)` with `*` when clipped, for compact expectations. */
function show(cols: Column[]): string[] {
  return cols.map((c) => `${c.label}${c.clipped ? '*' : ''}[${iso(c.start)},${iso(c.end)})`);
}

describe('resolveSpan — Decision #3', () => {
  it('(a) no period: whole months covering the data, nothing clipped', () => {
    const r = resolveSpan(req());
    expect(isoSpan(r.span)).toEqual(['2026-03-01', '2026-09-01']);
    expect(r.interval).toBe('month');
    expect(r.columns.map((c) => c.label)).toEqual(['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08']);
    expect(r.columns.every((c) => !c.clipped)).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('(a) no period with -Q: whole quarters', () => {
    const r = resolveSpan(req({ interval: 'quarter' }));
    expect(show(r.columns)).toEqual(['2026-Q1[2026-01-01,2026-04-01)', '2026-Q2[2026-04-01,2026-07-01)', '2026-Q3[2026-07-01,2026-10-01)']);
  });

  it('(a) no period with -W and week_start sunday: whole Sunday weeks labelled by first day', () => {
    const r = resolveSpan(req({ interval: 'week', weekStart: 'sunday', dataMin: D('2026-10-14'), dataMax: D('2026-10-20'), today: D('2026-10-30') }));
    expect(show(r.columns)).toEqual(['2026-10-11[2026-10-11,2026-10-18)', '2026-10-18[2026-10-18,2026-10-25)']);
  });

  it.each([
    ['today', 'day', ['2026-10-15[2026-10-15,2026-10-16)']],
    ['2026-10-05', 'day', ['2026-10-05[2026-10-05,2026-10-06)']],
    ['2026-W44', 'week', ['2026-W44[2026-10-26,2026-11-02)']],
    ['this-week', 'week', ['2026-W42[2026-10-12,2026-10-19)']],
    ['2026-10-05..2026-10-07', 'day', ['2026-10-05[2026-10-05,2026-10-06)', '2026-10-06[2026-10-06,2026-10-07)', '2026-10-07[2026-10-07,2026-10-08)']],
    ['2026-W42..2026-11', 'week', ['2026-W42', '2026-W43', '2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49*']],
    ['2026-Q3', 'month', ['2026-07[2026-07-01,2026-08-01)', '2026-08[2026-08-01,2026-09-01)', '2026-09[2026-09-01,2026-10-01)']],
    ['last-month', 'month', ['2026-09[2026-09-01,2026-10-01)']],
  ] as const)('(b) -p %s: interval %s, never coarser than the expression', (period, interval, expected) => {
    const r = resolveSpan(req({ period }));
    expect(r.interval).toBe(interval);
    const shown = show(r.columns);
    expect(expected.every((e, i) => shown[i]!.startsWith(e))).toBe(true);
    expect(shown).toHaveLength(expected.length);
  });

  it('(b) -p 2026 by month gives 12 whole columns', () => {
    const r = resolveSpan(req({ period: '2026' }));
    expect(r.columns).toHaveLength(12);
    expect(r.columns[0]!.label).toBe('2026-01');
    expect(r.columns[11]!.label).toBe('2026-12');
  });

  it('(b) an explicit interval wins: -p 2026-10-05 -M is one clipped month column', () => {
    const r = resolveSpan(req({ period: '2026-10-05', interval: 'month' }));
    expect(r.interval).toBe('month');
    expect(r.columns).toEqual([
      { start: D('2026-10-05'), end: D('2026-10-06'), label: '2026-10', interval: 'month', fullStart: D('2026-10-01'), fullEnd: D('2026-11-01'), clipped: true },
    ]);
  });

  it('(b)(c) -p 2026-W44 -M: two clipped month columns keep their month labels', () => {
    const r = resolveSpan(req({ period: '2026-W44', interval: 'month' }));
    expect(show(r.columns)).toEqual(['2026-10*[2026-10-26,2026-11-01)', '2026-11*[2026-11-01,2026-11-02)']);
    expect(r.columns.map((c) => [iso(c.fullStart), iso(c.fullEnd)])).toEqual([
      ['2026-10-01', '2026-11-01'],
      ['2026-11-01', '2026-12-01'],
    ]);
  });

  it('(b) ISO week -p under week_start sunday stays one ISO column; explicit -W uses Sunday weeks', () => {
    const iso1 = resolveSpan(req({ period: '2026-W42', weekStart: 'sunday' }));
    expect(show(iso1.columns)).toEqual(['2026-W42[2026-10-12,2026-10-19)']);
    const sunday = resolveSpan(req({ period: '2026-W42', weekStart: 'sunday', interval: 'week' }));
    expect(show(sunday.columns)).toEqual(['2026-10-11*[2026-10-12,2026-10-18)', '2026-10-18*[2026-10-18,2026-10-19)']);
    const thisWeek = resolveSpan(req({ period: 'this-week', weekStart: 'saturday' }));
    expect(show(thisWeek.columns)).toEqual(['2026-10-10[2026-10-10,2026-10-17)']);
  });

  it('(d) no period: the span stops at the interval holding today; later records are warned about', () => {
    const r = resolveSpan(req({ dataMin: D('2026-01-10'), dataMax: D('2029-05-01') }));
    expect(isoSpan(r.span)).toEqual(['2026-01-01', '2026-11-01']);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/after --today \(2026-10-15\), up to 2029-05-01/);
  });

  it('(d) -e covering future records includes them without a warning', () => {
    const r = resolveSpan(req({ dataMin: D('2026-01-10'), dataMax: D('2029-05-01'), end: '2030' }));
    expect(isoSpan(r.span)).toEqual(['2026-01-01', '2030-01-01']);
    expect(r.warnings).toEqual([]);
  });

  it('(d) records only in the future: the span is the interval holding today', () => {
    const r = resolveSpan(req({ dataMin: D('2027-02-01'), dataMax: D('2028-01-01') }));
    expect(isoSpan(r.span)).toEqual(['2026-10-01', '2026-11-01']);
    expect(r.warnings[0]).toMatch(/after --today/);
  });

  it('(d) records of today itself are in, without a warning', () => {
    const r = resolveSpan(req({ dataMax: D('2026-10-15') }));
    expect(isoSpan(r.span)).toEqual(['2026-03-01', '2026-11-01']);
    expect(r.warnings).toEqual([]);
  });

  it('(e) no records and no period: span null, no columns, a warning', () => {
    const r = resolveSpan(req({ dataMin: null, dataMax: null }));
    expect(r.span).toBeNull();
    expect(r.columns).toEqual([]);
    expect(r.interval).toBe('month');
    expect(r.warnings[0]).toMatch(/no records/);
  });

  it('(e) no records but a period: the period is reported', () => {
    const r = resolveSpan(req({ dataMin: null, dataMax: null, period: 'last-month' }));
    expect(isoSpan(r.span)).toEqual(['2026-09-01', '2026-10-01']);
    expect(r.warnings).toEqual([]);
  });
});

describe('resolveSpan — flags (Decision #32)', () => {
  it('-p wins over -b/-e, with a warning', () => {
    const r = resolveSpan(req({ period: '2026-10', begin: '2026-01-01', end: '2026-12-01' }));
    expect(isoSpan(r.span)).toEqual(['2026-10-01', '2026-11-01']);
    // a flag conflict, not a warning about the data (raised as period_flag_conflict, not future_date)
    expect(r.conflicts).toEqual([expect.stringMatching(/-p\/--period wins over -b\/--begin and -e\/--end, which are ignored/)]);
    expect(r.warnings).toEqual([]);
    expect(resolveSpan(req({ period: '2026-10', begin: '2026-01-01' })).conflicts).toEqual(['-p/--period wins over -b/--begin, which is ignored']);
  });

  it('-b/-e are exact edges: edge columns clipped', () => {
    const r = resolveSpan(req({ begin: '2026-10-05', end: '2026-11-20' }));
    expect(show(r.columns)).toEqual(['2026-10*[2026-10-05,2026-11-01)', '2026-11*[2026-11-01,2026-11-20)']);
  });

  it('-b/-e take any expression\'s start: -e 2026-11 means before November', () => {
    const r = resolveSpan(req({ begin: '2026-Q2', end: '2026-11' }));
    expect(isoSpan(r.span)).toEqual(['2026-04-01', '2026-11-01']);
    expect(r.columns).toHaveLength(7);
    expect(r.interval).toBe('month'); // -b/-e do not narrow the interval
  });

  it('only -e: the start is soft, from the data', () => {
    const r = resolveSpan(req({ end: '2026-07-20' }));
    expect(show(r.columns)).toEqual([
      '2026-03[2026-03-01,2026-04-01)',
      '2026-04[2026-04-01,2026-05-01)',
      '2026-05[2026-05-01,2026-06-01)',
      '2026-06[2026-06-01,2026-07-01)',
      '2026-07*[2026-07-01,2026-07-20)',
    ]);
  });

  it('only -b: the end is soft, the interval holding min(dataMax, today)', () => {
    const r = resolveSpan(req({ begin: '2026-05-10', dataMax: D('2026-12-24') }));
    expect(isoSpan(r.span)).toEqual(['2026-05-10', '2026-11-01']);
    expect(r.columns[0]!.clipped).toBe(true);
    expect(r.columns.at(-1)!.clipped).toBe(false);
  });

  it.each([
    ['2026-10..', { dataMax: D('2026-12-05'), today: D('2026-11-10') }, ['2026-10-01', '2026-12-01']],
    ['..2026-06', {}, ['2026-03-01', '2026-07-01']],
    ['2026-05-10..', {}, ['2026-05-10', '2026-08-06']], // day unit → day columns, soft end = last record day
  ] as const)('open range -p %s is filled from the data', (period, over, expected) => {
    expect(isoSpan(resolveSpan(req({ period, ...over })).span)).toEqual(expected);
  });

  it('an open range beyond the data shows the one interval next to its edge, with a warning', () => {
    const after = resolveSpan(req({ period: '2030..' }));
    expect(isoSpan(after.span)).toEqual(['2030-01-01', '2030-02-01']);
    expect(after.warnings[0]).toMatch(/no records from 2030-01-01 on/);
    const before = resolveSpan(req({ period: '..2020-06', dataMin: null, dataMax: null }));
    expect(isoSpan(before.span)).toEqual(['2020-06-01', '2020-07-01']); // ..B includes B
    expect(before.warnings[0]).toMatch(/no records before 2020-07-01/);
  });

  it.each([
    [{ begin: '2026-11', end: '2026-10' }, /not after -b/],
    [{ begin: '2026-10-05', end: '2026-10-05' }, /not after -b/],
    [{ begin: '..2026' }, /-b\/--begin "\.\.2026" has no start/],
    [{ period: 'someday' }, /invalid period "someday"/],
    [{ period: '2026..2025' }, /before the start/],
    [{ end: 'nope' }, /invalid period "nope"/],
  ] as const)('%o is a usage error (exit 2)', (over, message) => {
    let err: unknown;
    try {
      resolveSpan(req(over));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KpiError);
    expect((err as KpiError).exitCode).toBe(2);
    expect((err as KpiError).message).toMatch(message);
  });
});

describe('splitColumns', () => {
  it('clips both edges and keeps whole intervals in between', () => {
    const cols = splitColumns({ start: D('2026-02-15'), end: D('2026-05-10') }, 'month', 'monday');
    expect(show(cols)).toEqual([
      '2026-02*[2026-02-15,2026-03-01)',
      '2026-03[2026-03-01,2026-04-01)',
      '2026-04[2026-04-01,2026-05-01)',
      '2026-05*[2026-05-01,2026-05-10)',
    ]);
  });

  it('crosses ISO year boundaries with the right week labels', () => {
    const cols = splitColumns({ start: D('2020-12-21'), end: D('2021-01-11') }, 'week', 'monday');
    expect(cols.map((c) => c.label)).toEqual(['2020-W52', '2020-W53', '2021-W01']);
    const cols2 = splitColumns({ start: D('2025-12-22'), end: D('2026-01-12') }, 'week', 'monday');
    expect(cols2.map((c) => c.label)).toEqual(['2025-W52', '2026-W01', '2026-W02']);
  });

  it('Saturday weeks are labelled by their first day', () => {
    const cols = splitColumns({ start: D('2026-10-01'), end: D('2026-10-15') }, 'week', 'saturday');
    expect(show(cols)).toEqual(['2026-09-26*[2026-10-01,2026-10-03)', '2026-10-03[2026-10-03,2026-10-10)', '2026-10-10*[2026-10-10,2026-10-15)']);
  });

  it('an empty span has no columns', () => {
    expect(splitColumns({ start: D('2026-10-05'), end: D('2026-10-05') }, 'day', 'monday')).toEqual([]);
  });
});
