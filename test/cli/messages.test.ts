/**
 * Message defects found by reading the errors a user sees (docs/errors.md): each message names the
 * right code, the right column and its value, and carries a hint.
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { kpi, tempDir } from '../helpers/cli.js';
import { buildPackage, worksheetXml } from '../ingest/xlsx/support/build-package.js';
import { readXlsx } from '../../src/ingest/xlsx/read-xlsx.js';
import { KpiError } from '../../src/errors/kpi-error.js';

const TODAY = ['--no-config', '--today', '2026-11-28'];

describe('kind detection when no kind has its required columns', () => {
  it.each([
    ['ID;Стадия;Дата закрытия;Сумма', '1;Успешно;01.03.2024;100'],
    ['Id;StageName;CloseDate;Amount', '1;Closed Won;2024-03-01;100'],
    ['ID;Стадия;Сумма', '1;Успешно;100'],
  ])('%s is a closed-deals list (SPEC §2): leads, each row rejected at its own line without its lead', (header, row) => {
    const dir = tempDir({ 'deals.csv': `${header}\n${row}\n` });
    const r = kpi(['report', 'deals.csv', '-O', 'json', ...TODAY], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.meta.inputs.map((i: { kind: string; rows_read: number; rows_rejected: number }) => [i.kind, i.rows_read, i.rows_rejected])).toEqual([['leads', 1, 1]]);
    expect(doc.issues.map((i: { code: string; line: number }) => [i.code, i.line])).toContainEqual(['missing_required', 2]);
    expect(r.stderr).toMatch(/hint: a deal list without a created date needs the lead list with the same ids/);
  });

  it('a tie where no kind has its required columns, and no closed-deals list, is kind_unknown naming what each lacks', () => {
    const dir = tempDir({ 'x.csv': 'Стадия;Сумма\nУспешно;100\n' });
    const r = kpi(['report', 'x.csv', ...TODAY], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).not.toContain('()');
    expect(r.stderr).toContain('x.csv:1: error[kind_unknown] no record kind fits these headers (leads: missing created_at; calls: missing started_at; invoices: missing date, client or client_id)');
    expect(r.stderr).toMatch(/; hint: name the kind with --leads\/--calls\/--invoices FILE/);
    const doc = JSON.parse(kpi(['inspect', 'x.csv', ...TODAY, '-O', 'json'], { cwd: dir }).stdout);
    expect(doc.files[0].issues.map((i: { code: string }) => i.code)).toEqual(['kind_unknown']);
  });

  it('a tie among kinds that lack columns, while another kind has them all, names the tied kinds with their scores', () => {
    const dir = tempDir({ 'mix.csv': 'Created Time;Amount;Status;Duration;Call Type;Invoice Number\n2024-03-05 10:00;100;won;30;Inbound;5\n' });
    const r = kpi(['report', 'mix.csv', ...TODAY], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('mix.csv:1: error[kind_ambiguous] the headers fit several kinds equally (calls: score 2, no column for started_at; invoices: score 2, no column for client or client_id)');
  });

  it('a tie between complete kinds names them with their scores', () => {
    const dir = tempDir({ 'tie.csv': 'date,from,Customer,Amount\n2024-03-05,100,Acme,5\n' });
    const r = kpi(['report', 'tie.csv', ...TODAY], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('tie.csv:1: error[kind_ambiguous] the headers fit several kinds equally (calls: score 1; invoices: score 1)');
  });

  it('kind_unknown says what a kind with all its required columns lacks, never "missing " with nothing after it', () => {
    const dir = tempDir({ 'created.csv': 'Created Time;Foo\n2024-03-05 10:00;1\n' });
    const r = kpi(['report', 'created.csv', ...TODAY], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('(leads: no column that tells it apart (channel, status, a title); calls: missing started_at;');
  });
});

describe('an invoice line with no amount names the empty cell', () => {
  const HEAD = 'Дата;Номер;Контрагент;Количество;Цена';
  const rejected = (rows: string[], head = HEAD) => {
    const dir = tempDir({ 'inv.csv': [head, ...rows].join('\n') + '\n' });
    const r = kpi(['report', 'inv.csv', ...TODAY, '-p', '2024-03'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    return r.stderr;
  };

  it('an empty quantity: the quantity column, not the filled unit price', () => {
    const err = rejected(['08.03.2024;4;Г;;500']);
    expect(err).toContain('inv.csv:2: error[missing_required] column "Количество" (4): found nothing, expected a quantity (the line amount is quantity × unit price)');
    expect(err).not.toContain('"Цена"');
  });

  it('an empty unit price: the unit price column', () => {
    expect(rejected(['08.03.2024;5;Г;2;'])).toContain('inv.csv:2: error[missing_required] column "Цена" (5): found nothing, expected a unit price');
  });

  it('a null word is shown as the value found', () => {
    expect(rejected(['08.03.2024;6;Г;-;5'])).toContain('inv.csv:2: error[missing_required] column "Количество" (4): found "-", expected a quantity');
  });

  it('an unreadable quantity, with no amount to fall back on, is a bad amount on its column (not a warning plus a missing unit price)', () => {
    const err = rejected(['08.03.2024;7;Г;abc;5']);
    expect(err).toContain('inv.csv:2: error[bad_amount] column "Количество" (4): found "abc", expected a quantity');
    expect(err).not.toContain('bad_optional');
    expect(err).not.toContain('"Цена"');
  });

  it('an amount column and both quantity and unit price empty: the amount column', () => {
    const err = rejected(['08.03.2024;8;Г;;;'], 'Дата;Номер;Контрагент;Сумма;Количество;Цена');
    expect(err).toContain('inv.csv:2: error[missing_required] column "Сумма" (4): found nothing, expected an amount, or a quantity and a unit price');
  });
});

describe('a command without the kind of input it needs says how to give it', () => {
  const dir = tempDir({ 'leads.csv': 'ID;Дата создания;Источник\n1;01.03.2024 10:00;SEO\n' });
  it.each([
    [['list', 'new-clients'], 'kpi list new-clients needs invoices; none among 1 file(s) (detected: leads)', 'invoices'],
    [['list', 'at-risk'], 'kpi list at-risk needs invoices; none among 1 file(s) (detected: leads)', 'invoices'],
    [['list', 'missed-unreturned'], 'kpi list missed-unreturned needs calls; none among 1 file(s) (detected: leads)', 'calls'],
    [['cohorts'], 'kpi cohorts needs invoices; none among 1 file(s) (detected: leads)', 'invoices'],
    [['calls'], 'nothing to show in calls: its inputs are missing among 1 file(s) (detected: leads)', 'calls'],
    [['clients'], 'nothing to show in clients: its inputs are missing among 1 file(s) (detected: leads)', 'invoices'],
  ])('kpi %j', (cmd, message, kind) => {
    const r = kpi([...cmd, 'leads.csv', ...TODAY], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`kpi: ${message}\n  hint: pass the ${kind} file as \`--${kind} FILE\`, or list it under \`sources:\` in kpi.config.yaml (with \`kind:\` if it is not detected); \`kpi inspect FILE\` shows what each file was read as\n`);
  });
});

describe('an XLSX without its workbook relationships part', () => {
  it('is file_unreadable with the re-save hint, not "no worksheet to read"', () => {
    const parts = unzipSync(buildPackage({ sheets: [{ name: 'S', xml: worksheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>Дата</t></is></c></row>') }] }));
    expect(parts['xl/_rels/workbook.xml.rels']).toBeDefined();
    delete parts['xl/_rels/workbook.xml.rels'];
    const dir = tempDir();
    writeFileSync(path.join(dir, 'book.xlsx'), zipSync(parts));
    const r = kpi(['report', 'book.xlsx', ...TODAY], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('kpi: book.xlsx: not a valid XLSX (the part xl/_rels/workbook.xml.rels is missing, so the workbook\'s sheets cannot be found)\n'
      + '  hint: open the file in Excel or LibreOffice and save it again as .xlsx, or export it as CSV\n');
  });

  it('carries the file_unreadable issue (the code is not printed on a refusal)', async () => {
    const parts = unzipSync(buildPackage({ sheets: [{ name: 'S', xml: worksheetXml('') }] }));
    delete parts['xl/_rels/workbook.xml.rels'];
    const file = path.join(tempDir(), 'book.xlsx');
    writeFileSync(file, zipSync(parts));
    const err = await readXlsx(file, { file: 'book.xlsx', sheet: null }, []).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(KpiError);
    expect((err as KpiError).issue?.code).toBe('file_unreadable');
    expect((err as KpiError).exitCode).toBe(3);
  });
});

describe('-p with -b/-e', () => {
  const dir = tempDir({ 'leads.csv': 'ID;Дата создания;Источник\n1;01.03.2024 10:00;SEO\n' });
  it('is a period_flag_conflict warning, not future_date', () => {
    const r = kpi(['report', 'leads.csv', '-p', '2024', '-b', '2024-03-01', ...TODAY, '-O', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('kpi: -: warning[period_flag_conflict] -p/--period wins over -b/--begin, which is ignored; hint: give either -p or -b/-e');
    expect(r.stderr).not.toContain('future_date');
    const issue = JSON.parse(r.stdout).issues.find((i: { code: string }) => i.code === 'period_flag_conflict');
    expect([issue?.severity, issue?.file]).toEqual(['warning', '-']);
  });

  it('has a Russian message', () => {
    const r = kpi(['report', 'leads.csv', '-p', '2024', '-b', '2024-03-01', '-e', '2024-05-01', ...TODAY, '--lang', 'ru'], { cwd: dir });
    expect(r.stderr).toContain('kpi: -: предупреждение[period_flag_conflict] -p/--period задан вместе с -b/--begin или -e/--end: учтён только -p; подсказка: укажите либо -p, либо -b/-e');
  });
});
