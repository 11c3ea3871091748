/**
 * Workbooks as users hand them over: a first sheet left empty (a cover, a template tab) before
 * the data, and rows a writer listed out of order. The data is read, the sheet read is shown, and
 * every row is accounted for: rows_read = rows_used + rows_rejected, and inspect's rows =
 * records + merged + rejected + held.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildPackage, worksheetXml } from '../ingest/xlsx/support/build-package.js';
import type { SheetSpec } from '../ingest/xlsx/support/build-package.js';
import { kpi, tempDir } from '../helpers/cli.js';

const TODAY = ['--today', '2026-11-28'];
const inline = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
const row = (r: number, vals: readonly string[]) => `<row r="${r}">${vals.map((v, k) => inline(`${'ABCD'[k]}${r}`, v)).join('')}</row>`;
const HEADER = ['Дата', 'Номер', 'Контрагент', 'Сумма'];
const month = (date: string, n: string, amount: string) => worksheetXml(row(1, HEADER) + row(2, [date, n, `ООО ${n}`, amount]));

function dirWith(sheets: SheetSpec[]): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'book.xlsx'), buildPackage({ sheets }));
  return dir;
}

interface Input { sheet: string; rows_read: number; rows_used: number; rows_rejected: number }
interface InspectFile { sheet: string; rows: number; records: number; merged: number; rejected: number; held: number }

function accounted(inputs: readonly Input[]): void {
  for (const i of inputs) expect(i.rows_read, i.sheet).toBe(i.rows_used + i.rows_rejected);
}

function inspected(f: InspectFile): void {
  expect(f.rows).toBe(f.records + f.merged + f.rejected + f.held);
}

/** A cover sheet with nothing in it (styled and space-only cells), then March and April. */
const COVERED: SheetSpec[] = [
  { name: 'Обложка', xml: worksheetXml(`<row r="1"><c r="A1" s="0"/>${inline('B1', '  ')}</row><row r="2"/>`) },
  { name: 'Март', xml: month('05.03.2024', '1', '1 200,50') },
  { name: 'Пусто', xml: worksheetXml('') },
  { name: 'Апрель', xml: month('05.04.2024', '2', '300,00') },
];

describe('a workbook whose first sheet is empty', () => {
  it('report reads the first sheet with data, and names the other one it did not read', () => {
    const dir = dirWith(COVERED);
    const r = kpi(['report', 'book.xlsx', '-p', '2024', '-O', 'json', ...TODAY], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.meta.inputs.map((i: Input) => [i.sheet, i.rows_read, i.rows_used])).toEqual([['Март', 1, 1]]);
    accounted(doc.meta.inputs);
    const notes = doc.issues.filter((i: { code: string }) => i.code === 'sheets_not_read');
    expect(notes.map((i: { value: string; message: string }) => [i.value, i.message])).toEqual([
      ['"Апрель"', 'the workbook has other sheets with data, not read: "Апрель" (read: "Март")'],
    ]);
  });

  it('inspect shows the sheet it read', () => {
    const dir = dirWith(COVERED);
    const text = kpi(['inspect', 'book.xlsx', ...TODAY], { cwd: dir });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('book.xlsx [sheet Март]');
    const json = kpi(['inspect', 'book.xlsx', '-O', 'json', ...TODAY], { cwd: dir });
    const f = JSON.parse(json.stdout).files[0];
    expect([f.sheet, f.kind, f.header_row, f.records]).toEqual(['Март', 'invoices', 1, 1]);
    inspected(f);
  });

  it('a source that names the empty sheet reads it as named', () => {
    const dir = dirWith(COVERED);
    writeFileSync(path.join(dir, 'kpi.config.yaml'), 'sources:\n  - kind: invoices\n    files: book.xlsx\n    sheet: Обложка\n');
    const r = kpi(['inspect', 'book.xlsx', '-O', 'json', ...TODAY], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    expect(doc.files[0].sheet).toBe('Обложка');
    expect(doc.files[0].issues.map((i: { code: string }) => i.code)).toContain('sheets_not_read');
  });

  it('with every visible sheet empty, the first is read as before (kind_unknown, exit 3)', () => {
    const dir = dirWith([
      { name: 'Обложка', xml: worksheetXml('') },
      { name: 'Справочник', xml: month('05.03.2024', '1', '1,00'), state: 'hidden' },
      { name: 'Пусто', xml: worksheetXml(`<row r="4">${inline('D4', ' ')}</row>`) },
    ]);
    const r = kpi(['report', 'book.xlsx', ...TODAY], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('book.xlsx[Обложка]: error[kind_unknown]');
  });

  it('init writes a source for each sheet with data, and the report then reads both', () => {
    const dir = dirWith(COVERED);
    const init = kpi(['init', 'book.xlsx', ...TODAY], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    const text = readFileSync(path.join(dir, 'kpi.config.yaml'), 'utf8');
    expect(text.match(/^ {4}sheet: .*$/gm)).toEqual(['    sheet: Март', '    sheet: Апрель']);
    expect(text).not.toMatch(/Обложка|Пусто|other sheets with data/);
    const r = kpi(['report', '-p', '2024', '-O', 'json', ...TODAY], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.meta.inputs.map((i: Input) => [i.sheet, i.rows_used])).toEqual([['Март', 1], ['Апрель', 1]]);
    accounted(doc.meta.inputs);
    expect(doc.issues.map((i: { code: string }) => i.code)).not.toContain('sheets_not_read');
  });
});

describe('rows listed out of order in the sheet XML', () => {
  // rows 2 and 5 are listed before the header (row 1), row 3 after row 4; row 4's date is bad
  const xml = worksheetXml(
    row(2, ['05.03.2024', '2', 'ООО Ромашка', '200,00']) +
      row(5, ['06.03.2024', '5', 'ООО Лютик', '500,00']) +
      row(1, HEADER) +
      row(4, ['не дата', '4', 'ООО Василёк', '400,00']) +
      row(3, ['07.03.2024', '3', 'ООО Ромашка', '300,00']),
  );

  it('report reads every row below the header, wherever it is listed', () => {
    const dir = dirWith([{ name: 'S', xml }]);
    const r = kpi(['report', 'book.xlsx', '-p', '2024-03', '-O', 'json', '--rejects', 'rejects.json', ...TODAY], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.meta.inputs.map((i: Input) => [i.rows_read, i.rows_used, i.rows_rejected])).toEqual([[4, 3, 1]]);
    accounted(doc.meta.inputs);
    const revenue = doc.rows.find((x: { metric: string }) => x.metric === 'revenue');
    expect(revenue.value).toBe(1000); // rows 2, 3 and 5
    const rejects = JSON.parse(readFileSync(path.join(dir, 'rejects.json'), 'utf8'));
    expect(JSON.stringify(rejects)).toContain('не дата');
  });

  it('inspect counts them all', () => {
    const dir = dirWith([{ name: 'S', xml }]);
    const f = JSON.parse(kpi(['inspect', 'book.xlsx', '-O', 'json', ...TODAY], { cwd: dir }).stdout).files[0];
    expect([f.header_row, f.rows, f.records, f.rejected]).toEqual([1, 4, 3, 1]);
    inspected(f);
  });
});

describe('one sheet under two sources', () => {
  it('a source without sheet: and one naming the sheet it defaults to read it once, with file_repeated', () => {
    const dir = dirWith(COVERED);
    writeFileSync(path.join(dir, 'kpi.config.yaml'), 'sources:\n  - kind: invoices\n    files: book.xlsx\n  - kind: invoices\n    files: book.xlsx\n    sheet: Март\n');
    const r = kpi(['report', '-p', '2024', '-O', 'json', ...TODAY], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.meta.inputs.map((i: Input) => [i.sheet, i.rows_read])).toEqual([['Март', 1]]);
    expect(doc.meta.records.invoices).toBe(1);
    expect(doc.issues.filter((i: { code: string }) => i.code === 'file_repeated').map((i: { sheet: string }) => i.sheet)).toEqual(['Март']);
  });
});
