/**
 * Rows listed out of order in the sheet XML (Excel writes them in order, other writers may not):
 * the first rows are taken in the order of their row numbers, so the header search sees the
 * sheet as a spreadsheet shows it, and no row is lost — one listed before the header that belongs
 * below it is data, and one listed out of order further down is still read, under its number.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SORTED_ROWS } from '../../../src/ingest/xlsx/read-xlsx.js';
import { loadInputs } from '../../../src/app/load.js';
import { compileSettings } from '../../../src/app/context.js';
import { defaultConfig } from '../../../src/config/load.js';
import { buildPackage, worksheetXml } from './support/build-package.js';
import { readAll } from './support/read-all.js';

const dir = mkdtempSync(join(tmpdir(), 'kpi-row-order-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const inline = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
const row = (r: number, vals: readonly string[]) => `<row r="${r}">${vals.map((v, k) => inline(`${'ABCD'[k]}${r}`, v)).join('')}</row>`;
const HEADER = ['Дата', 'Номер', 'Контрагент', 'Сумма'];
/** An invoice line of row `r`: its number is `r`, its amount `r` roubles. */
const line = (r: number, date = '05.03.2024') => row(r, [date, String(r), `ООО ${r}`, `${r},00`]);

function book(name: string, rows: string): string {
  const file = join(dir, name);
  writeFileSync(file, buildPackage({ sheets: [{ name: 'S', xml: worksheetXml(rows) }] }));
  return file;
}

const settings = compileSettings(defaultConfig(), 'UTC', 20_000);

async function load(file: string) {
  const res = await loadInputs([{ path: file, display: 'book.xlsx', kind: null, source: null }], settings, { keepRaw: true, lenient: false });
  const s = res.files[0]!.stats;
  return {
    stats: s,
    lines: res.invoices.map((i) => (i.origin as { line: number }).line).sort((a, b) => a - b),
    rejected: res.rejects.map((r) => [r.line, r.code]),
  };
}

describe('XLSX rows listed out of order', () => {
  it('the reader hands out the first rows in sheet order', async () => {
    const file = book('shuffled.xlsx', line(3) + row(2, ['Период: март 2024']) + row(4, HEADER) + line(6) + row(1, ['Реестр']) + line(5));
    const { rows } = await readAll(file);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a data row listed before the header is read, and counted (rows_read = used + rejected)', async () => {
    // row 2 comes first in the XML, then the header (row 1), then row 3
    const r = await load(book('before.xlsx', line(2) + row(1, HEADER) + line(3)));
    expect(r.stats.rows_read).toBe(2);
    expect(r.stats.rows_read).toBe(r.stats.rows_used + r.stats.rows_rejected);
    expect(r.lines).toEqual([2, 3]);
  });

  it('rows listed before and after the header, a rejected one among them, and titles above it', async () => {
    const xml = line(7) + row(2, ['Период: март 2024']) + line(5, 'не дата') + row(3, HEADER) + line(6) + row(1, ['Реестр']) + line(4);
    const r = await load(book('mixed.xlsx', xml));
    // the title rows 1 and 2 are above the header by number: not data, wherever they are listed
    expect(r.stats.rows_read).toBe(4);
    expect(r.stats.rows_read).toBe(r.stats.rows_used + r.stats.rows_rejected);
    expect(r.lines).toEqual([4, 6, 7]);
    expect(r.rejected).toEqual([[5, 'bad_date']]);
  });

  it(`a row listed out of order past the first ${SORTED_ROWS} rows is still read, under its number`, async () => {
    const n = SORTED_ROWS + 200;
    let xml = row(1, HEADER);
    for (let r = 3; r <= n; r++) xml += line(r);
    xml += line(2); // listed last
    const r = await load(book('late.xlsx', xml));
    expect(r.stats.rows_read).toBe(n - 1);
    expect(r.stats.rows_read).toBe(r.stats.rows_used + r.stats.rows_rejected);
    expect(r.lines).toEqual(Array.from({ length: n - 1 }, (_, i) => i + 2));
  });

  it('rows in order pass as they are', async () => {
    const file = book('in-order.xlsx', row(1, HEADER) + line(2) + line(2) + line(3));
    const { rows } = await readAll(file);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 2, 3]);
  });
});
