/**
 * The committed hostile corpus (fixtures/hostile/files), each file through `inspect` and `report`:
 * the documented exit code (0 read, 3 unreadable; inspect reports detection problems as issues and
 * exits 0, SPEC-DECISIONS #34), the file and line named, no stack trace, done in seconds, and for
 * every run that goes through, JSON that validates against the SPEC §5 schemas with
 * read = used + rejected per file.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { inspectJsonSchema, reportJsonSchema, type InspectJson, type ReportJson } from '../../src/report/json-schema.js';
import { allHostileFixtures, MAX_FIXTURE_BYTES } from '../../scripts/make-hostile-fixtures.js';
import { BASE, expectJson, expectRefusal, run } from './support/run.js';
import { expectInertHtml, expectNoFormulaCells } from './support/inert.js';

const DIR = 'fixtures/hostile/files';

/** [code, line] pairs of the issues, in order. */
const issuePairs = (issues: readonly { code: string; line: number | null }[]) => issues.map((i) => [i.code, i.line]);

type InspectCheck = (f: InspectJson['files'][number]) => void;
type ReportCheck = (doc: ReportJson) => void;

/** Files read through (exit 0 for both commands), with what each command must show. */
const READ: [file: string, inspect: InspectCheck, report: ReportCheck][] = [
  ['header-only.csv', (f) => expect([f.kind, f.rows]).toEqual(['leads', 0]), (d) => {
    expect(d.rows).toEqual([]);
    expect(d.meta.span).toBeNull();
    expect(d.issues.map((i) => i.code)).toContain('no_records');
  }],
  ['xlsx-named.csv', (f) => expect([f.format, f.kind, f.sheet, f.rows]).toEqual(['xlsx', 'invoices', 'Продажи', 3]), (d) => expect(d.meta.inputs[0]!.rows_used).toBe(3)],
  ['csv-named.xlsx', (f) => expect([f.format, f.kind, f.delimiter, f.rows]).toEqual(['csv', 'invoices', ';', 2]), (d) => expect(d.meta.inputs[0]!.rows_used).toBe(2)],
  ['duplicate-empty-headers.csv', (f) => {
    expect(f.columns.map((c) => c.field)).toEqual(['id', 'created_at', 'channel', null, null, 'manager', null]);
    expect(issuePairs(f.issues)).toEqual([['duplicate_header', 1]]);
  }, (d) => expect(d.meta.inputs[0]!.warnings).toBe(1)],
  ['mixed-line-endings.csv', (f) => expect([f.rows, f.rejected]).toEqual([4, 1]), (d) => expect(issuePairs(d.issues)).toEqual([['bad_date', 6]])],
  ['utf16le-nobom.csv', (f) => expect([f.encoding, f.kind, f.rows, f.rejected]).toEqual(['utf-16le', 'leads', 3, 0]), (d) => expect(d.meta.records.leads).toBe(3)],
  ['utf16be-nobom.csv', (f) => expect([f.encoding, f.kind, f.rows, f.rejected]).toEqual(['utf-16be', 'leads', 3, 0]), (d) => expect(d.meta.records.leads).toBe(3)],
  ['invalid-utf8.csv', (f) => {
    expect([f.encoding, f.rows, f.rejected]).toEqual(['utf-8', 40, 1]);
    expect(issuePairs(f.issues)).toEqual([['bad_date', 26]]);
  }, (d) => expect(d.issues.find((i) => i.code === 'bad_date')?.value).toBe('05.03.2024\ufffd 10:00')],
  ['years-1-9999.csv', (f) => expect(issuePairs(f.issues)).toEqual([2, 4, 6, 7, 8].map((l) => ['bad_date', l])), (d) => {
    expect(d.meta.inputs[0]).toMatchObject({ rows_read: 8, rows_used: 3, rows_rejected: 5 });
  }],
  // Typed date cells obey the 1900–2200 range of text dates: the 9999-12-31 cell (serial 2958465) is
  // rejected like the text years 1 and 9999, and coverage ends in 2024, not in the year 10000.
  ['years-1-9999.xlsx', (f) => expect(issuePairs(f.issues)).toEqual([['bad_date', 3], ['bad_date', 4], ['bad_date', 5]]), (d) => {
    expect(d.meta.inputs[0]).toMatchObject({ rows_read: 5, rows_used: 2, rows_rejected: 3 });
    expect(d.meta.coverage.invoices).toEqual({ start: '1900-01-01', end: '2024-03-16' });
  }],
  ['amounts-extreme.csv', (f) => expect(issuePairs(f.issues)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11].map((l) => ['bad_amount', l])), (d) => {
    expect(d.meta.inputs[0]).toMatchObject({ rows_read: 10, rows_used: 1, rows_rejected: 9 });
    expect(d.rows.find((r) => r.metric === 'revenue')?.value).toBe(1200.5);
  }],
  ['ids-19-digit.csv', (f) => expect(f.samples.map((s) => s.id)).toEqual(['1234567890123456789', '1234567890123456788', '1234567890123456789']), (d) => {
    expect(d.meta.records.leads).toBe(2);
    expect(d.meta.inputs[0]!.rows_merged).toBe(1);
  }],
  ['ids-19-digit.xlsx', (f) => expect(f.samples.map((s) => s.id)).toEqual(['1234567890123456789', '1234567890123456788', '1234567890123456789']), (d) => {
    expect(d.meta.records.leads).toBe(2);
  }],
  ['nul-bytes.csv', (f) => expect([f.kind, f.rows, f.rejected]).toEqual(['leads', 30, 0]), (d) => expect(d.meta.records.leads).toBe(30)],
  ['quotes-chaos.csv', (f) => {
    expect([f.rows, f.rejected]).toEqual([4, 0]);
    expect(issuePairs(f.issues)).toEqual([['unclosed_quote', 5]]);
  }, (d) => expect(d.meta.records.leads).toBe(4)],
  ['unicode-chaos.csv', (f) => expect([f.rows, f.rejected]).toEqual([3, 0]), (d) => expect(d.meta.records.leads).toBe(3)],
  ['injection.csv', (f) => expect([f.rows, f.rejected]).toEqual([9, 0]), (d) => expect(d.meta.records.leads).toBe(9)],
];

/** Files refused: [file, inspect exit, report exit, stderr pattern, line]. */
const REFUSED: [file: string, inspectExit: number, reportExit: number, stderr: RegExp, line: number | null][] = [
  ['empty.csv', 0, 3, /error\[kind_unknown\]/, null],
  ['blank-lines.csv', 0, 3, /error\[kind_unknown\]/, null],
  ['bom-only.csv', 0, 3, /error\[kind_unknown\]/, null],
  ['binary-garbage.csv', 3, 3, /unsupported format: this is binary data.*\n {2}hint: /, null],
  ['pdf-named.csv', 3, 3, /unsupported format: this is a PDF document/, null],
  ['zip-named.csv', 3, 3, /not a valid XLSX \(no workbook part/, null],
  ['truncated.xlsx', 3, 3, /not a valid XLSX \(.*truncated/, null],
  ['corrupted.xlsx', 3, 3, /not a valid XLSX \(zip entry .* is corrupt/, null],
  ['row-beyond-excel.xlsx', 3, 3, /refusing to read XLSX part xl\/worksheets\/sheet1\.xml: row 1048577 is past Excel's last row/, null],
  ['column-beyond-xfd.xlsx', 3, 3, /not a valid XLSX \(cell reference beyond column XFD in row 1\)/, null],
  ['shared-string-out-of-range.xlsx', 3, 3, /not a valid XLSX \(cell B1 refers to shared string 999/, null],
];

const SECONDS = 10_000;

describe('the committed corpus is what the generator writes, and small', () => {
  it.each(allHostileFixtures().map((f) => [f.path, f] as const))('%s', (p, f) => {
    expect(f.bytes.length).toBeLessThan(MAX_FIXTURE_BYTES);
    expect(Buffer.compare(readFileSync(path.join(ROOT, 'fixtures/hostile', p)), Buffer.from(f.bytes)), 'run npx tsx scripts/make-hostile-fixtures.ts').toBe(0);
  });

  it('every file of fixtures/hostile/files has an expectation here', () => {
    const covered = new Set([...READ.map((r) => r[0]), ...REFUSED.map((r) => r[0])]);
    for (const f of allHostileFixtures()) if (f.path.startsWith('files/')) expect(covered.has(f.path.slice(6)), f.path).toBe(true);
  });
});

describe('hostile files that are read: exit 0, valid JSON, nothing lost', () => {
  it.each(READ)('%s', (file, inspectCheck, reportCheck) => {
    const p = `${DIR}/${file}`;
    const ins = run(['inspect', p, ...BASE, '-O', 'json']);
    const idoc = inspectJsonSchema.parse(expectJson(ins));
    expect(idoc.files).toHaveLength(1);
    expect(idoc.files[0]!.file).toBe(p);
    inspectCheck(idoc.files[0]!);

    const rep = run(['report', p, ...BASE, '-O', 'json']);
    const raw = expectJson(rep);
    const rdoc = reportJsonSchema.parse(raw);
    for (const input of rdoc.meta.inputs) expect(input.rows_read).toBe(input.rows_used + input.rows_rejected);
    // the inspect counts are the report's (SPEC-DECISIONS #34)
    expect(rdoc.meta.inputs[0]!.rows_read).toBe(idoc.files[0]!.rows);
    for (const i of rdoc.issues.filter((x) => x.severity !== 'info' && x.line !== null)) expect(rep.stderr).toContain(`${p}${i.sheet ? `[${i.sheet}]` : ''}:${i.line}: ${i.severity}[${i.code}]`);
    reportCheck(rdoc);
    expect(Math.max(ins.ms, rep.ms)).toBeLessThan(SECONDS);
  });
});

describe('hostile files that are refused: exit 3 for report, named, no stack trace', () => {
  it.each(REFUSED)('%s', (file, inspectExit, reportExit, re, line) => {
    const p = `${DIR}/${file}`;
    const rep = run(['report', p, ...BASE, '-O', 'json']);
    expectRefusal(rep, reportExit, p, line);
    expect(rep.stderr).toMatch(re);
    const ins = run(['inspect', p, ...BASE, '-O', 'json']);
    if (inspectExit === 0) {
      const doc = inspectJsonSchema.parse(expectJson(ins));
      expect(doc.files[0]!.issues.map((i) => i.code)).toContain('kind_unknown');
    } else {
      expectRefusal(ins, inspectExit, p, line);
      expect(ins.stderr).toMatch(re);
    }
    expect(Math.max(ins.ms, rep.ms)).toBeLessThan(SECONDS);
  });
});

describe('injection through the corpus: formulas neutralized, markup escaped', () => {
  const p = `${DIR}/injection.csv`;
  it('csv (both layouts) prefixes every formula-like text cell with a quote', () => {
    for (const layout of ['wide', 'tidy']) {
      const r = run(['report', p, ...BASE, '-g', 'channel', '-O', 'csv', '--layout', layout]);
      expect(r.code, r.stderr).toBe(0);
      const cells = expectNoFormulaCells(r.stdout);
      expect(cells.length).toBeGreaterThan(9);
      expect(cells).toContain('\'=HYPERLINK("http://evil.example","x")');
      expect(cells).toContain("'-2+3");
    }
  });

  it('html has no script, no event handler, no URL', () => {
    const r = run(['report', p, ...BASE, '-g', 'manager', '-O', 'html']);
    expect(r.code, r.stderr).toBe(0);
    expectInertHtml(r.stdout);
    expect(r.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(r.stdout).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
