/**
 * Which inputs are read (SPEC-DECISIONS #1, #49): a workbook may be read once per sheet, by
 * sources that name different sheets; any other file given twice is read once (file_repeated).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveInputs, type CliFiles } from '../../src/app/inputs.js';
import type { SourceConfig } from '../../src/app/config-types.js';
import type { Issue } from '../../src/errors/issue.js';
import { buildPackage, worksheetXml } from '../ingest/xlsx/support/build-package.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-inputs-'));
  writeFileSync(join(dir, 'book.xlsx'), buildPackage({ sheets: [{ name: 'A', xml: worksheetXml('') }, { name: 'B', xml: worksheetXml('') }] }));
  writeFileSync(join(dir, 'sales.csv'), 'Дата;Сумма\n05.03.2024;1\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NO_CLI: CliFiles = { positional: [], leads: [], calls: [], invoices: [] };
const src = (files: string, sheet?: string): SourceConfig => ({ kind: 'invoices', files, ...(sheet === undefined ? {} : { sheet }) });

async function resolve(cli: CliFiles, sources: SourceConfig[]) {
  const issues: Issue[] = [];
  const specs = await resolveInputs(cli, sources, dir, dir, issues);
  return { read: specs.map((s) => [s.display, s.source?.sheet ?? null]), repeated: issues.filter((i) => i.code === 'file_repeated').map((i) => i.file) };
}

describe('resolveInputs: sheets', () => {
  it('config sources naming two sheets of one workbook read it twice; the same sheet (any case) once', async () => {
    expect(await resolve(NO_CLI, [src('book.xlsx', 'A'), src('book.xlsx', 'B')])).toEqual({ read: [['book.xlsx', 'A'], ['book.xlsx', 'B']], repeated: [] });
    expect(await resolve(NO_CLI, [src('book.xlsx', 'A'), src('book.xlsx', ' a ')])).toEqual({ read: [['book.xlsx', 'A']], repeated: ['book.xlsx'] });
    expect(await resolve(NO_CLI, [src('book.xlsx'), src('book.xlsx')])).toEqual({ read: [['book.xlsx', null]], repeated: ['book.xlsx'] });
  });

  it('a workbook on the command line takes every source that names another sheet of it', async () => {
    const cli = { ...NO_CLI, positional: [join(dir, 'book.xlsx')] };
    const r = await resolve(cli, [src('book.xlsx', 'A'), src('*.xlsx', 'B'), src('book.xlsx', 'b')]);
    expect(r.read.map(([, sheet]) => sheet)).toEqual(['A', 'B']);
    expect(r.repeated).toEqual([]);
  });

  it('a CSV file has no sheets: read once, with its first source, whatever sheets the sources name', async () => {
    const cli = { ...NO_CLI, positional: [join(dir, 'sales.csv')] };
    expect(await resolve(cli, [src('sales.csv', 'A'), src('sales.csv', 'B')])).toEqual({ read: [[join(dir, 'sales.csv'), 'A']], repeated: [] });
    // listed twice in the config: the second is the same file again
    expect(await resolve(NO_CLI, [src('sales.csv', 'A'), src('sales.csv', 'B')])).toEqual({ read: [['sales.csv', 'A']], repeated: ['sales.csv'] });
  });
});
