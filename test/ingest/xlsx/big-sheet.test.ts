/**
 * A generated 100k rows × 8 columns sheet (shared strings, numbers, date-times, inline strings,
 * booleans), compressed into many deflate blocks and read back whole.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readXlsx } from '../../../src/ingest/xlsx/read-xlsx.js';
import { buildPackage, sharedStringsXml, stylesXml, worksheetXml } from './support/build-package.js';

const ROWS = 100_000;
let dir = '';
let path = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-xlsx-perf-'));
  path = join(dir, 'big.xlsx');
  const parts: string[] = [];
  for (let r = 1; r <= ROWS; r++) {
    parts.push(
      `<row r="${r}" spans="1:8"><c r="A${r}"><v>${1_000_000 + r}</v></c><c r="B${r}" t="s"><v>${r % 500}</v></c>` +
        `<c r="C${r}" s="1"><v>${45000 + r / 1000}</v></c><c r="D${r}"><v>${((r * 17) % 100000) / 100}</v></c>` +
        `<c r="E${r}" t="s"><v>${(r * 7) % 500}</v></c><c r="F${r}" t="inlineStr"><is><t>Manager ${r % 13}</t></is></c>` +
        `<c r="G${r}"><v>${r % 3600}</v></c><c r="H${r}" t="b"><v>${r % 2}</v></c></row>`,
    );
  }
  const strings = Array.from({ length: 500 }, (_, i) => `<t>Client ${i}</t>`);
  writeFileSync(path, buildPackage({
    sheets: [{ name: 'Data', xml: worksheetXml(parts.join('')) }],
    sharedStrings: sharedStringsXml(strings),
    styles: stylesXml([], [0, 22]),
    level: 1,
  }));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const cellText = (c: unknown): string => (typeof c === 'string' ? c : c === null || c === undefined ? '' : String((c as { text?: unknown }).text ?? c));

describe('a big sheet', () => {
  // Speed is the benchmark's business (`npm run bench`: kpi against exceljs on 100k invoice
  // rows); this checks that a sheet of many inflated chunks is read whole and in order.
  it(`reads ${ROWS} rows × 8 columns, every row in order`, async () => {
    const r = await readXlsx(path, { file: 'big.xlsx' }, []);
    let rows = 0;
    let cells = 0;
    let last = 0;
    const samples: string[][] = [];
    for await (const row of r.rows) {
      rows++;
      cells += row.cells.length;
      expect(row.line).toBe(last + 1);
      last = row.line;
      if (row.line === 1 || row.line === 65_537 || row.line === ROWS) samples.push(row.cells.map(cellText));
    }
    expect(rows).toBe(ROWS);
    expect(cells).toBe(ROWS * 8);
    expect(samples.map((s) => [s[0], s[1], s[5], s[6]])).toEqual([
      ['1000001', 'Client 1', 'Manager 1', '1'],
      ['1065537', `Client ${65_537 % 500}`, `Manager ${65_537 % 13}`, String(65_537 % 3600)],
      [String(1_000_000 + ROWS), `Client ${ROWS % 500}`, `Manager ${ROWS % 13}`, String(ROWS % 3600)],
    ]);
  });
});
