/**
 * Golden tests for the issue codes `fixtures/errors/` has no reproducer for (the others are in
 * test/cli/errors.test.ts): each reproducer in fixtures/hostile/codes gives its documented exit
 * code, its code with severity at FILE[:LINE] on stderr (the hledger-style line of
 * src/errors/format.ts), the same issue in the JSON output, and never a stack trace.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { inspectJsonSchema, reportJsonSchema } from '../../src/report/json-schema.js';
import { BASE, expectJson, expectRefusal, run } from './support/run.js';

const C = 'fixtures/hostile/codes';
const TODAY = ['--today', '2026-11-27'];

/** Warnings and notes: the run goes on (exit 0). [code, args, file in the issue, line, severity]. */
const GOES_ON: [string, string[], string, number | null, string][] = [
  ['bad_optional', [`${C}/bad_optional.csv`, ...BASE], `${C}/bad_optional.csv`, 2, 'warning'],
  ['duplicate_header', [`${C}/duplicate_header.csv`, ...BASE], `${C}/duplicate_header.csv`, 1, 'warning'],
  ['column_ambiguous', [`${C}/column_ambiguous.csv`, ...BASE], `${C}/column_ambiguous.csv`, 1, 'warning'],
  ['column_missing_optional', ['-c', `${C}/column_missing_optional.yaml`, ...TODAY], `${C}/invoices.csv`, 1, 'warning'],
  ['future_date', [`${C}/future_date.csv`, ...BASE], '-', null, 'warning'],
  ['client_ambiguous', [`${C}/client_ambiguous.csv`, ...BASE], `${C}/client_ambiguous.csv`, 4, 'warning'],
  ['group_case_variant', [`${C}/group_case_variant.csv`, '-g', 'manager', ...BASE], '-', null, 'warning'],
  ['unknown_direction', [`${C}/unknown_direction.csv`, ...BASE], `${C}/unknown_direction.csv`, 2, 'warning'],
  ['kind_flag_conflict', ['--invoices', `${C}/invoices.csv`, '-c', `${C}/kind_flag_conflict.yaml`, ...TODAY], `${C}/invoices.csv`, null, 'warning'],
  ['file_repeated', [`${C}/invoices.csv`, `${C}/invoices.csv`, ...BASE], `${C}/invoices.csv`, null, 'warning'],
  ['no_records', ['fixtures/hostile/files/header-only.csv', ...BASE], '-', null, 'warning'],
  ['encoding_guessed', [`${C}/encoding_guessed.csv`, ...BASE], `${C}/encoding_guessed.csv`, null, 'info'],
  ['sheets_not_read', [`${C}/sheets_not_read.xlsx`, ...BASE], `${C}/sheets_not_read.xlsx`, null, 'info'],
  ['mixed_currency', [`${C}/mixed_currency.csv`, ...BASE], `${C}/mixed_currency.csv`, null, 'warning'],
  ['cost_missing', [`${C}/cost_missing.csv`, ...BASE], `${C}/cost_missing.csv`, null, 'warning'],
  ['id_precision_lost', [`${C}/id_precision_lost.csv`, ...BASE], `${C}/id_precision_lost.csv`, 3, 'warning'],
];

describe('warnings and notes: exit 0, the issue at its position in JSON and on stderr', () => {
  it.each(GOES_ON)('%s', (code, args, file, line, severity) => {
    const r = run(['report', ...args, '-O', 'json']);
    const doc = reportJsonSchema.parse(expectJson(r));
    const issue = doc.issues.find((i) => i.code === code);
    expect(issue, JSON.stringify(doc.issues)).toBeTruthy();
    expect([issue!.file, issue!.line, issue!.severity]).toEqual([file, line, severity]);
    expect(issue!.message.length).toBeGreaterThan(10);
    expect(r.stderr).toContain(`kpi: ${file}${line === null ? '' : `:${line}`}: ${severity}[${code}] `);
    for (const input of doc.meta.inputs) expect(input.rows_read).toBe(input.rows_used + input.rows_rejected);
  });

  it('config_multiple: two default configs in the working directory, the yaml one is used', () => {
    const cwd = path.join(ROOT, C, 'config_multiple');
    const r = run(['report', '../invoices.csv', ...TODAY, '-O', 'json'], { cwd });
    const doc = reportJsonSchema.parse(expectJson(r));
    const issue = doc.issues.find((i) => i.code === 'config_multiple');
    expect(issue?.severity).toBe('warning');
    expect(r.stderr).toMatch(/config_multiple\/kpi\.config\.yaml: warning\[config_multiple\] several config files found; using kpi\.config\.yaml \(ignored: kpi\.config\.json\)/);
  });
});

describe('a workbook with a sheet per month', () => {
  const BOOK = `${C}/sheets_not_read.xlsx`;
  type Doc = { rows: { period: string; metric: string; value: number | null }[]; issues: { code: string; value: string | null }[]; meta: { inputs: { sheet: string | null; rows_read: number }[] } };
  const revenue = (doc: Doc) => doc.rows.filter((r) => r.metric === 'revenue').map((r) => [r.period, r.value]);
  const report = (args: string[]) => expectJson(run(['report', ...args, '-p', '2024-03..2024-04', ...TODAY, '-O', 'json'])) as Doc;

  it('read by default: the first visible sheet, and a note naming the other sheet with data (not the empty or hidden one)', () => {
    const doc = report([BOOK, '--no-config']);
    expect(doc.meta.inputs.map((i) => i.sheet)).toEqual(['Март']);
    expect(revenue(doc)).toEqual([['2024-03', 1200.5], ['2024-04', 0]]);
    expect(doc.issues.filter((i) => i.code === 'sheets_not_read').map((i) => i.value)).toEqual(['"Апрель"']);
  });

  it('a source per sheet reads both, from the config or with the file on the command line', () => {
    for (const args of [['-c', `${C}/sheets_by_source.yaml`], [BOOK, '-c', `${C}/sheets_by_source.yaml`]]) {
      const doc = report(args);
      expect(doc.meta.inputs.map((i) => [i.sheet, i.rows_read])).toEqual([['Март', 1], ['Апрель', 1]]);
      expect(revenue(doc)).toEqual([['2024-03', 1200.5], ['2024-04', 300]]);
      expect(doc.issues.map((i) => i.code)).toEqual([]);
    }
  });
});

/** File-level problems: report exits 3 before any output. [code, args, file named, stderr pattern]. */
const STOPS: [string, string[], string, RegExp][] = [
  ['file_not_found', [`${C}/no-such-file.csv`, ...BASE], `${C}/no-such-file.csv`, /no such file\n {2}hint: /],
  ['glob_no_match', [`${C}/no-such-*.csv`, ...BASE], `${C}/no-such-*.csv`, /no file matches this pattern\n {2}hint: /],
  ['file_unreadable', [`${C}/file_unreadable.xlsx`, ...BASE], `${C}/file_unreadable.xlsx`, /not a valid XLSX \(no zip end-of-directory record: the file is truncated or not a zip\)\n {2}hint: /],
  ['xlsx_too_large', [`${C}/xlsx_too_large.xlsx`, ...BASE], `${C}/xlsx_too_large.xlsx`, /refusing to read XLSX part xl\/worksheets\/sheet1\.xml: it declares an inflated size over the 1 GiB limit\n {2}hint: /],
  ['sheet_not_found', ['-c', `${C}/sheet_not_found.yaml`, ...TODAY], `${C}/workbook.xlsx`, /no sheet named "Лиды"; the workbook has "Сводка", "Продажи"\n {2}hint: set `sheet:`/],
  ['not_a_table', [`${C}/not_a_table.xlsx`, ...BASE], `${C}/not_a_table.xlsx[Свод]:2`, /error\[not_a_table\] this looks like a pivoted report.*; hint: export the underlying list/],
  ['kind_ambiguous', [`${C}/kind_ambiguous.csv`, ...BASE], `${C}/kind_ambiguous.csv:1`, /error\[kind_ambiguous\] the headers fit several kinds.*; hint: name the kind with --leads\/--calls\/--invoices/],
];

describe('file-level problems: exit 3, nothing on stdout, the file and a hint on stderr', () => {
  it.each(STOPS)('%s', (_code, args, file, re) => {
    const r = run(['report', ...args, '-O', 'json']);
    expectRefusal(r, 3, file);
    expect(r.stderr).toMatch(re);
  });

  it.each([
    ['not_a_table', `${C}/not_a_table.xlsx`, 2],
    ['kind_ambiguous', `${C}/kind_ambiguous.csv`, 1],
  ] as const)('inspect shows %s as an issue and exits 0', (code, file, line) => {
    const doc = inspectJsonSchema.parse(expectJson(run(['inspect', file, ...BASE, '-O', 'json'])));
    const issue = doc.files[0]!.issues.find((i) => i.code === code);
    expect([issue?.severity, issue?.line]).toEqual(['error', line]);
    expect(doc.files[0]!.kind).toBeNull();
  });
});
