import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { csvNumber, plainNumber, renderCsv, type CsvOptions } from '../../src/render/csv.js';
import { neutralizeText, isFormulaLike } from '../../src/render/neutralize.js';
import { reportRows, type JsonRow } from '../../src/render/json.js';
import { metricDef } from '../../src/kpi/registry.js';
import { KpiError } from '../../src/errors/kpi-error.js';
import type { Report } from '../../src/report/model.js';
import { HOSTILE, makeReport, metricRow, monthColumn, sampleReport } from './factories.js';

/** An independent RFC 4180 reader: records, and the terminator after each (`''` at EOF). */
function readCsv(text: string, sep: string): { records: string[][]; ends: string[] } {
  const records: string[][] = [];
  const ends: string[] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let atStart = true;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') {
        cell += ch;
        i++;
      } else if (text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else {
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== sep && next !== '\n' && next !== '\r') throw new Error(`text after closing quote at ${i}`);
      }
      continue;
    }
    if (ch === '"') {
      if (!atStart) throw new Error(`quote inside an unquoted cell at ${i}`);
      quoted = true;
      atStart = false;
      i++;
    } else if (ch === sep) {
      row.push(cell);
      cell = '';
      atStart = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      const end = ch === '\r' && text[i + 1] === '\n' ? '\r\n' : ch;
      row.push(cell);
      records.push(row);
      ends.push(end);
      row = [];
      cell = '';
      atStart = true;
      i += end.length;
    } else {
      cell += ch;
      atStart = false;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quote');
  if (!atStart || row.length) {
    row.push(cell);
    records.push(row);
    ends.push('');
  }
  return { records, ends };
}

/** What a text cell must look like after neutralization (written here independently, by regex). */
const expectedText = (s: string | null): string => (s === null ? '' : /^[=+\-@\t\r]/.test(s) ? "'" + s : s);

/** A CSV number cell must carry exactly the JSON value (Decision #24). */
function expectNumber(cell: string | undefined, value: number | null, kind: string, comma: boolean, what: string): void {
  if (value === null) return void expect(cell, what).toBe('');
  expect(cell, what).toBeDefined();
  const dot = comma ? cell!.replace(',', '.') : cell!;
  if (comma) expect(cell, what).not.toContain('.');
  expect(dot, what).not.toMatch(/e/i);
  if (kind === 'money') {
    expect(dot, what).toMatch(/^-?\d+\.\d{2}$/);
    expect(Number(dot), what).toBe(Math.round(value * 100) / 100);
  } else {
    expect(Number(dot), what).toBe(value);
    if (kind === 'count') expect(dot, what).toMatch(/^-?\d+$/);
  }
}

const CSV: CsvOptions = { layout: 'tidy', delimiter: ',', dialect: 'default' };
const dialects: [string, CsvOptions, string][] = [
  ['csv', CSV, ','],
  ['tsv', { ...CSV, delimiter: '\t' }, '\t'],
  ['excel-ru', { ...CSV, dialect: 'excel-ru' }, ';'],
];

function parse(r: Report, o: CsvOptions, sep: string) {
  let text = renderCsv(r, o);
  if (o.dialect === 'excel-ru') {
    expect(text.charCodeAt(0)).toBe(0xfeff);
    text = text.slice(1);
  }
  const { records, ends } = readCsv(text, sep);
  const [head, ...body] = records;
  return { head: head!, body, ends };
}

describe('plainNumber', () => {
  it.each([
    [1e-7, '0.0000001'],
    [1.5e-10, '0.00000000015'],
    [-2.5e-7, '-0.00000025'],
    [1 / 3, '0.3333333333333333'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e21, '1000000000000000000000'],
    [1.2345e22, '12345000000000000000000'],
    [123, '123'],
    [-0, '0'],
  ])('%s → %s', (x, s) => {
    expect(plainNumber(x)).toBe(s);
  });

  it('round-trips every finite double without exponent form', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const s = plainNumber(x);
        expect(s).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(s)).toBe(x === 0 ? 0 : x);
      }),
    );
  });

  it.each([NaN, Infinity, -Infinity])('refuses %s instead of writing a cell', (x) => {
    expect(() => plainNumber(x)).toThrow();
  });
});

describe('csvNumber', () => {
  it.each([
    [1234.5, 'money', false, '1234.50'],
    [1234567.5, 'money', true, '1234567,50'],
    [0, 'money', false, '0.00'],
    [-3, 'money', false, '-3.00'],
    [-0.001, 'money', false, '0.00'],
    [99.99, 'money', false, '99.99'],
    [1234.5678, 'money_per_client', false, '1234.5678'],
    [0.25, 'ratio', true, '0,25'],
    [1e-7, 'ratio', false, '0.0000001'],
    [12, 'count', true, '12'],
    [12.5, 'minutes', false, '12.5'],
    [null, 'money', false, ''],
    [null, 'ratio', true, ''],
  ] as const)('%s (%s, comma %s) → %j', (x, kind, comma, s) => {
    expect(csvNumber(x, kind, comma)).toBe(s);
  });
});

describe('neutralizeText', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+7 912 345-67-89', "'+7 912 345-67-89"],
    ['-', "'-"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['SEO', 'SEO'],
    ['a=b', 'a=b'],
    ["'quoted", "'quoted"],
    ['', ''],
    ['مرحبا', 'مرحبا'],
  ])('%j → %j', (s, out) => {
    expect(neutralizeText(s)).toBe(out);
    expect(isFormulaLike(s)).toBe(out !== s);
  });
});

describe('renderCsv tidy', () => {
  const cases = [
    ['no grouping', sampleReport()],
    ['-g channel, hostile names', sampleReport({ groupBy: 'channel' })],
    ['-g segment, calls ungrouped', sampleReport({ groupBy: 'segment' })],
  ] as const;

  describe.each(dialects)('%s', (_name, opts, sep) => {
    it.each(cases)('%s: one row per JSON row, value by value', (_c, report) => {
      const { head, body } = parse(report, opts, sep);
      expect(head).toEqual(['period', 'section', 'group_by', 'group', 'metric', 'value']);
      const json = reportRows(report);
      expect(body.length).toBe(json.length);
      const ungrouped = new Set(report.meta.ungrouped);
      json.forEach((jr: JsonRow, i) => {
        const cells = body[i]!;
        const def = metricDef(jr.metric)!;
        const what = `row ${i} ${jr.metric} ${jr.group}`;
        expect(cells.length, what).toBe(6);
        expect(cells[0], what).toBe(jr.period);
        expect(cells[1], what).toBe(jr.section);
        // Decision #25: rows of kinds that cannot be split carry an empty group_by.
        const split = jr.group_by !== null && !def.needs.every((k) => ungrouped.has(k));
        expect(cells[2], what).toBe(split ? jr.group_by : '');
        expect(cells[3], what).toBe(expectedText(jr.group));
        expect(cells[4], what).toBe(jr.metric);
        expectNumber(cells[5], jr.value, def.kind, opts.dialect === 'excel-ru', what);
      });
    });
  });

  it('has the same columns whatever -g (Decision #25)', () => {
    const a = parse(sampleReport(), CSV, ',').head;
    const b = parse(sampleReport({ groupBy: 'manager' }), CSV, ',').head;
    expect(b).toEqual(a);
  });

  it('writes leads_inbound once, under its home section; under `kpi inbound`, under inbound (#2)', () => {
    const full = parse(sampleReport(), CSV, ',').body.filter((c) => c[4] === 'leads_inbound');
    expect(full.map((c) => c[1])).toEqual(['leads', 'leads', 'leads']);
    const r = sampleReport();
    const only: Report = { ...r, only: 'inbound', sections: r.sections.filter((s) => s.id === 'inbound') };
    const sub = parse(only, CSV, ',').body.filter((c) => c[4] === 'leads_inbound');
    expect(sub.map((c) => c[1])).toEqual(['inbound', 'inbound', 'inbound']);
  });

  it('is period-major', () => {
    const periods = parse(sampleReport({ groupBy: 'channel' }), CSV, ',').body.map((c) => c[0]);
    const firstOf = (p: string) => periods.indexOf(p);
    const lastOf = (p: string) => periods.lastIndexOf(p);
    expect(lastOf('2026-08')).toBeLessThan(firstOf('2026-09'));
    expect(lastOf('2026-09')).toBeLessThan(firstOf('2026-10'));
  });

  it('adds compare_period, compare_value, delta, delta_pct with --compare (#4)', () => {
    const report = sampleReport({ compare: 'prev' });
    const { head, body } = parse(report, CSV, ',');
    expect(head.slice(6)).toEqual(['compare_period', 'compare_value', 'delta', 'delta_pct']);
    reportRows(report).forEach((jr, i) => {
      const c = jr.compare as { period: string; value: number | null; delta: number | null; delta_pct: number | null } | null;
      const kind = metricDef(jr.metric)!.kind;
      const cells = body[i]!;
      expect(cells[6]).toBe(c?.period ?? '');
      expectNumber(cells[7], c?.value ?? null, kind, false, 'compare_value');
      expectNumber(cells[8], c?.delta ?? null, kind, false, 'delta');
      expectNumber(cells[9], c?.delta_pct ?? null, 'ratio', false, 'delta_pct');
    });
  });

  it('adds an explain column with the formula and the terms (#10)', () => {
    const { head, body } = parse(sampleReport({ explain: true }), CSV, ',');
    expect(head.at(-1)).toBe('explain');
    const conv = body.find((c) => c[0] === '2026-09' && c[4] === 'lead_conversion')!;
    expect(conv.at(-1)).toBe('leads_won / leads_total; num=0.0000001, den=0.5');
    const unknown = body.find((c) => c[0] === '2026-10' && c[4] === 'lead_conversion')!;
    expect(unknown.at(-1)).toBe('leads_won / leads_total');
  });
});

describe('renderCsv wide', () => {
  const WIDE: CsvOptions = { ...CSV, layout: 'wide' };

  it.each(dialects)('%s: section,metric,group,<periods> with the JSON values', (_n, opts, sep) => {
    const report = sampleReport({ groupBy: 'channel' });
    const { head, body } = parse(report, { ...opts, layout: 'wide' }, sep);
    expect(head).toEqual(['section', 'metric', 'group', '2026-08', '2026-09', '2026-10']);
    const json = reportRows(report);
    const perPeriod = json.length / 3;
    expect(body.length).toBe(perPeriod);
    body.forEach((cells, i) => {
      const kind = metricDef(cells[1]!)!.kind;
      for (let ci = 0; ci < 3; ci++) {
        const jr = json[ci * perPeriod + i]!;
        expect([cells[0], cells[1], cells[2]]).toEqual([jr.section, jr.metric, expectedText(jr.group)]);
        expectNumber(cells[3 + ci], jr.value, kind, opts.dialect === 'excel-ru', `${jr.metric} ${jr.period}`);
      }
    });
  });

  it('appends <compare label>,delta,delta_pct for the last period only (#4)', () => {
    const report = sampleReport({ compare: 'period' });
    const { head, body } = parse(report, WIDE, ',');
    expect(head).toEqual(['section', 'metric', 'group', '2026-08', '2026-09', '2026-10', '2025-10', 'delta', 'delta_pct']);
    const last = reportRows(report).filter((jr) => jr.period === '2026-10');
    last.forEach((jr, i) => {
      const c = jr.compare as { value: number | null; delta: number | null; delta_pct: number | null };
      const kind = metricDef(jr.metric)!.kind;
      expectNumber(body[i]![6], c.value, kind, false, 'compare value');
      expectNumber(body[i]![7], c.delta, kind, false, 'delta');
      expectNumber(body[i]![8], c.delta_pct, 'ratio', false, 'delta_pct');
    });
  });

  it('ignores --explain and leaves partial coverage and targets out (#10, #12, #15)', () => {
    const plain = sampleReport();
    const marked = sampleReport({ explain: true });
    marked.meta.columns.forEach((c) => c.partial_kinds.push('invoices'));
    marked.sections[0]!.rows[0]!.targets[2] = { min: 100, max: null, status: 'missed' };
    expect(renderCsv(marked, WIDE)).toBe(renderCsv(plain, WIDE));
  });

  it('writes only the header when there are no columns', () => {
    const empty = makeReport({ columns: [], sections: [] });
    expect(renderCsv(empty, WIDE)).toBe('section,metric,group\n');
    expect(renderCsv(empty, CSV)).toBe('period,section,group_by,group,metric,value\n');
  });
});

describe('dialects', () => {
  const hostile = sampleReport({ groupBy: 'manager', groups: HOSTILE });

  it('default: UTF-8 without BOM, LF, quotes only where needed', () => {
    const text = renderCsv(hostile, CSV);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const { ends } = readCsv(text, ',');
    expect(new Set(ends)).toEqual(new Set(['\n']));
    expect(text).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(text).toContain(`,"a,b",`);
    expect(text).toContain(`,a;b,`);
    expect(text).toContain(`,"line1\nline2",`);
    expect(text).toContain(`,"crlf\r\nhere",`);
    expect(text).toContain(`,'@SUM(A1),`);
    // a tab is no separator in CSV, so the neutralized cell needs no quotes
    expect(text).toContain(`,'\tleading tab,`);
  });

  it('never neutralizes numbers: a negative profit stays a number', () => {
    const { body } = parse(hostile, CSV, ',');
    const profit = body.find((c) => c[0] === '2026-08' && c[4] === 'profit' && c[3] === '')!;
    expect(profit[5]).toBe('-3.00');
  });

  it('excel-ru: BOM bytes, `;`, decimal comma, CRLF, Cyrillic and Arabic intact', () => {
    const bytes = Buffer.from(renderCsv(hostile, { ...CSV, dialect: 'excel-ru' }), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text).toContain('Иванов И.И.');
    expect(text).toContain('مرحبا');
    const { records, ends } = readCsv(text, ';');
    expect(new Set(ends)).toEqual(new Set(['\r\n']));
    expect(records[0]!.join('|')).toBe('period|section|group_by|group|metric|value');
    expect(text).toContain(';"a;b";');
    expect(text).toContain(';a,b;');
    const revenue = records.find((c) => c[0] === '2026-08' && c[4] === 'revenue' && c[3] === '')!;
    expect(revenue[5]).toBe('1234567,50');
  });

  it('tsv: tab-separated, cells with tabs quoted', () => {
    const text = renderCsv(hostile, { ...CSV, delimiter: '\t' });
    expect(text.split('\n')[0]).toBe('period\tsection\tgroup_by\tgroup\tmetric\tvalue');
    expect(text).toContain('\t"tab\there"\t');
    expect(text).toContain('\ta,b\t');
  });

  it('--csv-dialect with tsv is a usage error (exit 2)', () => {
    let err: unknown;
    try {
      renderCsv(hostile, { ...CSV, delimiter: '\t', dialect: 'excel-ru' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KpiError);
    expect((err as KpiError).exitCode).toBe(2);
  });

  it('refuses NaN rather than writing an empty or zero cell', () => {
    const r = makeReport({ columns: [monthColumn('2026-10')], sections: [{ id: 'leads', rows: [metricRow('leads_total', null, [NaN])] }] });
    expect(() => renderCsv(r, CSV)).toThrow(/NaN/);
  });

  it('keeps up with a large report (3 metrics × 201 rows × 24 months)', () => {
    const columns = Array.from({ length: 24 }, (_, i) => monthColumn(`${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`));
    const groups = Array.from({ length: 200 }, (_, i) => `manager ${i}`);
    const rows = ['revenue', 'retention_rate', 'clients_active'].flatMap((id) =>
      [null, ...groups].map((g, gi) => metricRow(id as 'revenue', g, columns.map((_, ci) => (gi * 31 + ci) / 7))),
    );
    const r = makeReport({ columns, groupBy: 'manager', sections: [{ id: 'clients', rows }] });
    const started = performance.now();
    const text = renderCsv(r, CSV);
    const ms = performance.now() - started;
    expect(text.split('\n').length - 2).toBe(rows.length * 24);
    expect(ms).toBeLessThan(5000);
  });
});
