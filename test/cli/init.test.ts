/** `kpi init` writes a config that, used as is, reproduces exactly what inspect detected. */
import { describe, it, expect } from 'vitest';
import { copyFileSync, readFileSync } from 'node:fs';
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
    const files = ['cp1251-bitrix-leads.csv', 'utf16le-bom.csv', 'title-rows-and-total.csv', 'delim-semicolon-decimal-comma.csv'];
    for (const f of files) copyFileSync(path.join(ROOT, 'fixtures/quirks/csv', f), path.join(dir, f));
    copyFileSync(path.join(ROOT, 'fixtures/quirks/xlsx/dates-1900.xlsx'), path.join(dir, 'dates-1900.xlsx'));
    const text = reproduces(dir, [...files, 'dates-1900.xlsx']);
    expect(text).toContain('encoding: windows-1251');
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

  it('names the other sheets of a workbook that hold data, for a source each', () => {
    const dir = tempDir();
    copyFileSync(path.join(ROOT, 'fixtures/hostile/codes/sheets_not_read.xlsx'), path.join(dir, 'book.xlsx'));
    const text = reproduces(dir, ['book.xlsx']);
    expect(text).toContain('    sheet: Март\n    # other sheets with data: "Апрель"; to read one, copy this source and set its sheet:\n');
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
