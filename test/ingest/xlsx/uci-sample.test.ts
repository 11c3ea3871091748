/**
 * The real UCI Online Retail export (Excel serial date-times, mixed number/text stock codes)
 * against its CSV twin. The shared data folder lives outside the repository: without it the test
 * is skipped with a notice, except on CI where it must be present.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cellText } from '../../../src/ingest/types.js';
import { readAll } from './support/read-all.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const dataDir = join(repoRoot, '..', 'shared', 'data', 'uci-online-retail-xlsx');
const present = existsSync(dataDir);
const onCi = process.env.CI === 'true';
if (!present && !onCi) console.warn(`[skip] ${dataDir} not found: the UCI XLSX sample test is skipped`);

/** Split one CSV line, honouring double quotes (descriptions may hold commas). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The CSV's day-first `d/m/yyyy H:MM` as wall-clock ms. */
function dayFirst(text: string): number {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`unexpected CSV date ${text}`);
  const [, d, mo, y, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi);
}

describe.skipIf(!present && !onCi)('UCI Online Retail sample (shared/data)', () => {
  it('the shared data folder is present', () => {
    expect(present, `${dataDir} must exist on CI`).toBe(true);
  });

  it('matches its CSV twin: row count, dates, stock codes', async () => {
    const csv = readFileSync(join(dataDir, 'online_retail_sample.csv'), 'utf8').split(/\r?\n/).filter((l) => l !== '');
    const { rows, info } = await readAll(join(dataDir, 'online_retail_sample.xlsx'));
    expect(info.sheet).toBe('Year 2010-2011');
    expect(rows).toHaveLength(csv.length); // 233: the header and 232 invoice lines
    expect(rows.map((r) => r.line)).toEqual(csv.map((_, i) => i + 1));
    const header = splitCsv(csv[0] ?? '');
    expect(rows[0]?.cells).toEqual(header);
    const dateCol = header.indexOf('INVOICEDATE');
    const codeCol = header.indexOf('STOCKCODE');
    const invoiceCol = header.indexOf('INVOICE');

    expect(rows[1]?.cells[dateCol]).toEqual({ t: 'd', v: Date.UTC(2010, 11, 1, 8, 26), text: '2010-12-01 08:26:00' });
    for (let i = 1; i < csv.length; i++) {
      const want = splitCsv(csv[i] ?? '');
      const cells = rows[i]?.cells ?? [];
      const date = cells[dateCol];
      expect(date && typeof date === 'object' && date.t, `row ${i + 1} date type`).toBe('d');
      expect(date && typeof date === 'object' && date.t === 'd' ? date.v : null, `row ${i + 1} date`).toBe(dayFirst(want[dateCol] ?? ''));
      // Stock codes mix number cells (71053) and text cells (85123A): both keep the CSV's text.
      expect(cellText(cells[codeCol] ?? null), `row ${i + 1} stock code`).toBe(want[codeCol]);
      expect(cellText(cells[invoiceCol] ?? null), `row ${i + 1} invoice`).toBe(want[invoiceCol]);
    }
    expect(rows[2]?.cells[codeCol]).toEqual({ t: 'n', v: 71053, text: '71053' });
    expect(rows[1]?.cells[codeCol]).toBe('85123A');
  });
});
