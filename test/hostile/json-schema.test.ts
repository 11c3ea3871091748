/**
 * The zod schemas of src/report/json-schema.ts against real outputs (the demo company, the Zoho
 * sample in ../shared/data) with every option that adds fields, and against documents broken one
 * way at a time: a schema that accepted those would not be checking anything.
 */
import { describe, it, expect } from 'vitest';
import { inspectJsonSchema, reportJsonSchema } from '../../src/report/json-schema.js';
import { shared, sharedDataAvailable } from '../helpers/shared-data.js';
import { expectJson, run } from './support/run.js';

const DEMO = ['--demo', '--today', '2026-01-10'];
const have = sharedDataAvailable();

function reportDoc(args: string[]): unknown {
  return expectJson(run(['report', ...args, '-O', 'json'], { timeoutMs: 60_000 }));
}

describe('real outputs validate', () => {
  it.each([
    ['the whole demo span', []],
    ['a month with both comparisons in turn', ['-p', '2025-12', '--compare', 'prev']],
    ['yoy, grouped by manager, explained (targets apply)', ['-p', '2025-12', '--compare', 'yoy', '-g', 'manager', '--explain']],
    ['a fixed comparison period, by segment (calls are not split)', ['-p', '2025-Q4', '--compare', '2024-Q4', '-g', 'segment']],
    ['weeks', ['-p', '2025-11', '-W', '-g', 'channel']],
    ['days', ['-p', '2025-12-01..2025-12-07', '-D']],
    ['one section', ['-p', '2025', '-Q']],
  ])('demo: %s', (_what, extra) => {
    const doc = reportJsonSchema.parse(reportDoc([...DEMO, ...extra]));
    expect(doc.rows.length).toBeGreaterThan(0);
  });

  it('demo: kpi calls (one section) validates and keeps its section id', () => {
    const doc = reportJsonSchema.parse(expectJson(run(['calls', ...DEMO, '-p', '2025-12', '-O', 'json'])));
    expect(new Set(doc.rows.map((r) => r.section))).toEqual(new Set(['calls']));
  });

  it('demo: inspect of the three inputs validates', () => {
    const doc = inspectJsonSchema.parse(expectJson(run(['inspect', 'fixtures/demo/leads.csv', 'fixtures/demo/Master.csv', 'fixtures/demo/invoices.xlsx', '-c', 'fixtures/demo/kpi.config.yaml', '-O', 'json'])));
    expect(doc.files.map((f) => f.kind)).toEqual(['leads', 'calls', 'invoices']);
  });

  it.skipIf(!have).each([
    ['leads by channel', [shared('zoho-crm-sample/Leads.csv'), '-g', 'channel']],
    ['deals as leads, by manager, compared', ['--leads', shared('zoho-crm-sample/Potentials.csv'), '-g', 'manager', '--compare', 'prev']],
    ['calls explained', [shared('zoho-crm-sample/Calls.csv'), '--explain']],
    ['invoices and leads together', ['--invoices', shared('zoho-crm-sample/Invoices.csv'), shared('zoho-crm-sample/Leads.csv'), '-Q']],
  ])('Zoho sample: %s', (_what, args) => {
    reportJsonSchema.parse(reportDoc([...args, '--no-config', '--today', '2026-11-27', '-p', '2018-07..2021-04']));
  });

  it.skipIf(!have)('Zoho sample: inspect of every export validates', () => {
    const files = ['Leads.csv', 'Calls.csv', 'Invoices.csv', 'Potentials.csv', 'Accounts.csv'].map((f) => shared('zoho-crm-sample', f));
    inspectJsonSchema.parse(expectJson(run(['inspect', ...files, '--no-config', '-O', 'json'], { timeoutMs: 60_000 })));
  });
});

describe('broken documents are rejected', () => {
  const base = reportDoc([...DEMO, '-p', '2025-12', '-g', 'channel', '--compare', 'prev']) as Record<string, never>;
  // `any`: each case breaks the document in a way its type would forbid.
  const copy = (): any => structuredClone(base);
  type Doc = ReturnType<typeof copy>;

  it('the base document is valid', () => {
    expect(reportJsonSchema.safeParse(base).success).toBe(true);
  });

  it.each([
    ['an unknown top-level key', (d: Doc) => (d.extra = 1)],
    ['another schema id', (d: Doc) => (d.schema = 'kpi-report/2')],
    ['an unknown meta key', (d: Doc) => (d.meta.lang = 'en')],
    ['read ≠ used + rejected', (d: Doc) => (d.meta.inputs[0].rows_read += 1)],
    ['a negative count', (d: Doc) => (d.meta.inputs[0].rows_blank = -1)],
    ['a fractional count', (d: Doc) => (d.meta.records.leads = 1.5)],
    ['kind in the singular', (d: Doc) => (d.meta.inputs[0].kind = 'lead')],
    ['a metric id not in §3', (d: Doc) => (d.rows[0].metric = 'leads_totl')],
    ['a section id not in #2', (d: Doc) => (d.rows[0].section = 'entry_points')],
    ['a value as text', (d: Doc) => (d.rows[0].value = '12')],
    ['a row without value', (d: Doc) => delete d.rows[0].value],
    ['a row on no column', (d: Doc) => (d.rows[0].period = '2019-01')],
    ['a bad period label', (d: Doc) => (d.rows[0].period = '2025/12')],
    ['a day in another form', (d: Doc) => (d.rows[0].start = '01.12.2025')],
    ['a duplicated row', (d: Doc) => d.rows.push(d.rows[0])],
    ['a group on an ungrouped row', (d: Doc) => Object.assign(d.rows.find((r: { group_by: unknown }) => r.group_by === null) ?? d.rows[0], { group_by: null, group: 'SEO' })],
    ['a group_by other than the report\'s', (d: Doc) => (d.rows[0].group_by = 'manager')],
    ['a row without compare under --compare', (d: Doc) => delete d.rows[0].compare],
    ['a comparison with an unknown basis', (d: Doc) => (d.rows[0].compare = { ...d.rows[0].compare, basis: 'mom' })],
    ['an issue code not in the catalogue', (d: Doc) => d.issues.push({ severity: 'warning', code: 'oops', file: 'x', sheet: null, line: 1, column: null, column_index: null, value: null, expected: null, hint: null, message: 'x' })],
    ['an issue at line 0', (d: Doc) => d.issues.push({ severity: 'error', code: 'bad_date', file: 'x', sheet: null, line: 0, column: null, column_index: null, value: null, expected: null, hint: null, message: 'x' })],
    ['a span that ends before it starts', (d: Doc) => (d.meta.span = { start: '2026-01-01', end: '2025-12-01' })],
    ['coverage without a kind', (d: Doc) => delete d.meta.coverage.calls],
  ])('%s', (_what, breakIt) => {
    const d = copy();
    breakIt(d);
    expect(reportJsonSchema.safeParse(d).success).toBe(false);
  });

  it.each([
    ['a 0-based column index', (d: { files: { columns: { index: number }[] }[] }) => (d.files[0]!.columns[0]!.index = 0)],
    ['more rejected than read', (d: { files: { rejected: number; rows: number }[] }) => (d.files[0]!.rejected = d.files[0]!.rows + 1)],
    ['an unknown format', (d: { files: { format: string }[] }) => (d.files[0]!.format = 'xls')],
  ] as const)('inspect: %s', (_what, breakIt) => {
    const doc = expectJson(run(['inspect', 'fixtures/errors/bad_date.csv', '--no-config', '-O', 'json'])) as never;
    expect(inspectJsonSchema.safeParse(doc).success).toBe(true);
    breakIt(doc);
    expect(inspectJsonSchema.safeParse(doc).success).toBe(false);
  });
});
