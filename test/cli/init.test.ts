/** `kpi init` writes a config that, used as is, reproduces exactly what inspect detected. */
import { describe, it, expect } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { buildPackage, worksheetXml } from '../ingest/xlsx/support/build-package.js';
import { MAX_SHEETS_PROBED } from '../../src/ingest/xlsx/read-xlsx.js';
import path from 'node:path';
import { kpi, tempDir, ROOT } from '../helpers/cli.js';
import { shared, sharedDataAvailable } from '../helpers/shared-data.js';

const KEYS = ['kind', 'encoding', 'delimiter', 'sheet', 'header_row', 'rows', 'records', 'rejected', 'columns', 'profile'];

function reproduces(dir: string, files: string[]) {
  const init = kpi(['init', ...files, '--today', '2026-11-27'], { cwd: dir });
  expect(init.code, init.stderr).toBe(0);
  const a = JSON.parse(kpi(['inspect', ...files, '--no-config', '--today', '2026-11-27', '-O', 'json'], { cwd: dir }).stdout);
  const b = JSON.parse(kpi(['inspect', ...files, '--today', '2026-11-27', '-O', 'json'], { cwd: dir }).stdout);
  for (let i = 0; i < files.length; i++) {
    for (const k of KEYS) {
      if (k === 'profile' && a.files[i].profile && b.files[i].profile === null) continue; // a headerless profile becomes an explicit columns map
      expect([files[i], k, b.files[i][k]]).toEqual([files[i], k, a.files[i][k]]);
    }
  }
  return readFileSync(path.join(dir, 'kpi.config.yaml'), 'utf8');
}

describe('kpi init', () => {
  it('reproduces detection on the quirk fixtures (cp1251, ;, title rows, UTF-16, XLSX)', () => {
    const dir = tempDir();
    const files = ['cp1251-bitrix-leads.csv', 'utf16le-bom.csv', 'utf8-bom.csv', 'title-rows-and-total.csv', 'delim-semicolon-decimal-comma.csv'];
    for (const f of files) copyFileSync(path.join(ROOT, 'fixtures/quirks/csv', f), path.join(dir, f));
    copyFileSync(path.join(ROOT, 'fixtures/quirks/xlsx/dates-1900.xlsx'), path.join(dir, 'dates-1900.xlsx'));
    const text = reproduces(dir, [...files, 'dates-1900.xlsx']);
    expect(text).toContain('encoding: windows-1251');
    expect(text).toContain('encoding: utf-8-bom');
    expect(text).toContain('columns:');
  });

  it.skipIf(!sharedDataAvailable())('reproduces detection on the Zoho and UCI exports', () => {
    const dir = tempDir();
    const files = ['Leads.csv', 'Calls.csv', 'Invoices.csv', 'Potentials.csv'];
    for (const f of files) copyFileSync(shared('zoho-crm-sample', f), path.join(dir, f));
    copyFileSync(shared('uci-online-retail-xlsx/online_retail_sample.xlsx'), path.join(dir, 'uci.xlsx'));
    const text = reproduces(dir, [...files, 'uci.xlsx']);
    expect(text).toContain('amount: Grand Total');
  });

  it('writes a source per sheet with data of a workbook; the report then reads every month', () => {
    const dir = tempDir();
    copyFileSync(path.join(ROOT, 'fixtures/hostile/codes/sheets_not_read.xlsx'), path.join(dir, 'book.xlsx'));
    const text = reproduces(dir, ['book.xlsx']);
    // March and April, each a source; the empty sheet and the hidden one are not written
    expect(text.match(/^ {2}- kind: invoices$/gm)).toHaveLength(2);
    expect(text).toContain('    sheet: Март\n');
    expect(text).toContain('    sheet: Апрель\n');
    expect(text).not.toMatch(/Пустой|Справочник|other sheets with data/);
    const r = kpi(['report', '-p', '2024', '--today', '2026-11-27', '-O', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.meta.inputs.map((i: { sheet: string; rows_used: number }) => [i.sheet, i.rows_used])).toEqual([['Март', 1], ['Апрель', 1]]);
    expect(doc.issues.map((i: { code: string }) => i.code)).not.toContain('sheets_not_read');
  });

  it('writes a sheet whose kind is not detected commented out, naming the sheet', () => {
    const dir = tempDir();
    const row = (r: number, vals: readonly string[]) => `<row r="${r}">${vals.map((v, k) => `<c r="${'ABCD'[k]}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;
    writeFileSync(path.join(dir, 'book.xlsx'), buildPackage({ sheets: [
      { name: 'Leads', xml: worksheetXml(row(1, ['ID', 'Дата создания', 'Источник']) + row(2, ['1', '05.03.2024 10:00', 'SEO'])) },
      { name: 'Summary', xml: worksheetXml(row(1, ['Итого за квартал']) + row(2, ['42'])) },
    ] }));
    const r = kpi(['init', 'book.xlsx', '-o', '-'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('    sheet: Leads\n');
    expect(r.stdout).toContain('  # book.xlsx [sheet Summary]: kind not detected');
    expect(r.stdout).toContain('  #   sheet: Summary\n');
    expect(r.stderr).toContain('book.xlsx [sheet Summary]: kind not detected');
    expect(r.stderr).not.toContain('[sheet Leads]');
  });

  it('past the sheets it looks at, says how many more a workbook has', () => {
    const dir = tempDir();
    const row = (r: number, vals: readonly string[]) => `<row r="${r}">${vals.map((v, k) => `<c r="${'ABCD'[k]}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;
    const sheets = Array.from({ length: MAX_SHEETS_PROBED + 3 }, (_, i) => ({
      name: `S${i + 1}`,
      xml: worksheetXml(row(1, ['ID', 'Дата создания', 'Источник']) + row(2, [String(i + 1), '05.03.2024 10:00', 'SEO'])),
    }));
    writeFileSync(path.join(dir, 'book.xlsx'), buildPackage({ sheets }));
    const r = kpi(['init', 'book.xlsx', '-o', '-'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    // the first sheet read and the 64 probed after it are sources; the last two are counted
    expect(r.stdout.match(/^ {4}sheet: /gm)).toHaveLength(MAX_SHEETS_PROBED + 1);
    expect(r.stdout).toContain(`    sheet: S${MAX_SHEETS_PROBED + 1}\n`);
    expect(r.stdout).not.toContain(`sheet: S${MAX_SHEETS_PROBED + 2}\n`);
    // said once, at the workbook's first source
    expect(r.stdout.match(new RegExp(`# 2 more sheets, past the first ${MAX_SHEETS_PROBED}, were not looked at`, 'g'))).toHaveLength(1);
    expect(r.stdout.indexOf('were not looked at')).toBeLessThan(r.stdout.indexOf('sheet: S2\n'));
  });

  it('refuses to overwrite without --force (exit 2), writes with it, and -o - prints', () => {
    const dir = tempDir({ 'kpi.config.yaml': 'timezone: UTC\n' });
    copyFileSync(path.join(ROOT, 'fixtures/errors/bad_date.csv'), path.join(dir, 'l.csv'));
    const r = kpi(['init', 'l.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exists.*--force/s);
    expect(kpi(['init', 'l.csv', '--force'], { cwd: dir }).code).toBe(0);
    const out = kpi(['init', 'l.csv', '-o', '-'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('kind: leads');
  });

  it('comments out a file whose kind is unknown, with a warning, and exits 0', () => {
    const dir = tempDir();
    copyFileSync(path.join(ROOT, 'fixtures/errors/kind_unknown.csv'), path.join(dir, 'x.csv'));
    const r = kpi(['init', 'x.csv', '-o', '-'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/# x\.csv: kind not detected/);
    expect(r.stderr).toMatch(/kind not detected/);
  });
});
