/**
 * XLSX rows with a value far to the right (column XFD) on every row: such a row used to become an
 * array of 16,384 cells (8,000 rows took 4.9 s and 480 MB). The far cells are now kept apart
 * (`RawRow.far`): the report, the duplicate check and `--rejects` must still see them.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import path from 'node:path';
import { kpi, tempDir } from '../helpers/cli.js';
import { buildPackage, esc, worksheetXml } from '../ingest/xlsx/support/build-package.js';

const HEADER = ['Номер', 'Дата', 'Контрагент', 'Сумма'];
const HEADER3 = HEADER.slice(0, 3);

/** An invoice register; `far(i)` is the text put in column XFD of data row i (null: none). */
function register(lines: readonly (readonly string[])[], far: (i: number) => string | null, farHeader: string | null = null): Uint8Array {
  const cell = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  const cols = ['A', 'B', 'C', 'D'];
  const row = (r: number, vals: readonly string[], x: string | null) =>
    `<row r="${r}">${vals.map((v, k) => cell(`${cols[k]}${r}`, v)).join('')}${x === null ? '' : cell(`XFD${r}`, x)}</row>`;
  const rows = [row(1, farHeader === null ? HEADER : HEADER3, farHeader), ...lines.map((l, i) => row(i + 2, l, far(i)))];
  return buildPackage({ sheets: [{ name: 'Реестр', xml: worksheetXml(rows.join('')) }] });
}

const LINES: string[][] = [
  ['С-1', '05.03.2024', 'ООО Ромашка', '1 000,00'],
  ['С-2', '06.03.2024', 'ООО Лютик', '2 000,00'],
  ['С-2', '06.03.2024', 'ООО Лютик', '2 000,00'], // the same as the row above but for its far cell
  ['С-3', '07.03.2024', 'ООО Ромашка', '500,00'],
  ['С-3', '07.03.2024', 'ООО Ромашка', '500,00'], // a true repeat, far cell included
  ['С-4', 'не дата', 'ООО Ромашка', '10,00'], // rejected
];
const FAR = ['x', 'x', 'y', 'z', 'z', 'w'];

function report(file: string, dir: string, extra: string[] = []) {
  const r = kpi(['report', '--invoices', file, '-p', '2024-03', '-O', 'json', '--no-config', '--today', '2024-04-01', ...extra], { cwd: dir });
  expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  return { code: r.code, json: JSON.parse(r.stdout) as { meta: { inputs: { rows_read: number; rows_used: number; rows_rejected: number }[] }; rows: unknown; issues: { code: string; line: number | null }[] } };
}

describe('XLSX rows with a value in column XFD', () => {
  it('report the same numbers as without it, find the true repeat only, and keep the far cell in --rejects', () => {
    const dir = tempDir({ 'far.xlsx': Buffer.from(register(LINES, (i) => FAR[i]!)), 'near.xlsx': Buffer.from(register(LINES, () => null)) });
    const far = report('far.xlsx', dir, ['--rejects', 'rejects.csv']);
    const near = report('near.xlsx', dir);
    expect(far.json.rows).toEqual(near.json.rows);
    expect(far.json.meta.inputs[0]).toMatchObject({ rows_read: 6, rows_used: 5, rows_rejected: 1 });
    // rows 3 and 4 differ only in XFD: not repeats; rows 5 and 6 are
    expect(far.json.issues.filter((i) => i.code === 'duplicate_row').map((i) => i.line)).toEqual([6]);
    expect(near.json.issues.filter((i) => i.code === 'duplicate_row').map((i) => i.line)).toEqual([4, 6]);
    const rejects = Papa.parse<Record<string, string>>(readFileSync(path.join(dir, 'rejects.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rejects).toHaveLength(1);
    const cells = Papa.parse<string[]>(rejects[0]!.raw!).data[0]!;
    expect(cells).toHaveLength(16384);
    expect(cells.slice(0, 4)).toEqual(['С-4', 'не дата', 'ООО Ромашка', '10,00']);
    expect(cells.slice(4, 16383).every((c) => c === '')).toBe(true);
    expect(cells[16383]).toBe('w');
  });

  it('reads a field whose header is in column XFD', () => {
    // the amount column is XFD: its far cells are spread into the row for the field to read
    // (past the first 30 rows, which the header search spreads anyway)
    const lines = Array.from({ length: 80 }, (_, i) => [`С-${i}`, `${String(1 + (i % 28)).padStart(2, '0')}.03.2024`, `ООО Клиент ${i % 7}`, `${i + 1},50`]);
    const farAmount = register(lines.map((l) => l.slice(0, 3)), (i) => lines[i]![3]!, 'Сумма');
    const near = register(lines, () => null);
    const dir = tempDir({ 'far.xlsx': Buffer.from(farAmount), 'near.xlsx': Buffer.from(near) });
    expect(report('far.xlsx', dir).json.rows).toEqual(report('near.xlsx', dir).json.rows);
  });
});
