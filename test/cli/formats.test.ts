/**
 * Every output format of the same report, read back with an independent parser and compared value
 * by value with the JSON output (the demo company, grouped by manager; the Zoho sample).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { kpi, tempDir } from '../helpers/cli.js';
import { shared, sharedDataAvailable } from '../helpers/shared-data.js';

interface Row {
  period: string;
  section: string;
  group_by: string | null;
  group: string | null;
  metric: string;
  value: number | null;
}

/** A small RFC 4180 reader, independent of the project's CSV code. */
function parseCsv(text: string, d: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === d) row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += c;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows;
}

const key = (r: { period: string; metric: string; group: string | null }) => `${r.period}|${r.metric}|${r.group ?? ''}`;

function checkTidy(text: string, d: string, rows: Row[], decimalComma = false) {
  const t = parseCsv(text.replace(/^\uFEFF/, ''), d);
  const head = t[0]!;
  expect(head.slice(0, 6)).toEqual(['period', 'section', 'group_by', 'group', 'metric', 'value']);
  const got = new Map(t.slice(1).map((c) => [`${c[0]}|${c[4]}|${c[3]}`, c[5]!]));
  expect(got.size).toBe(rows.length);
  for (const r of rows) {
    const cell = got.get(key(r));
    expect(cell, key(r)).toBeDefined();
    const v = cell === '' ? null : Number(decimalComma ? cell!.replace(',', '.') : cell);
    if (r.value === null) expect(v).toBeNull();
    else expect(v, key(r)).toBeCloseTo(r.value, 9);
  }
}

function suite(name: string, args: string[]) {
  describe(name, () => {
    let rows: Row[] = [];
    let dir = '';
    beforeAll(() => {
      dir = tempDir();
      const j = kpi(['report', ...args, '-O', 'json']);
      expect(j.code, j.stderr).toBe(0);
      rows = JSON.parse(j.stdout).rows;
      expect(rows.length).toBeGreaterThan(20);
    });

    it('csv (tidy) and tsv (tidy) carry the JSON values', () => {
      const c = kpi(['report', ...args, '-O', 'csv', '--layout', 'tidy']);
      expect(c.code, c.stderr).toBe(0);
      expect(c.stdout).not.toMatch(/\u001b\[/);
      checkTidy(c.stdout, ',', rows);
      const t = kpi(['report', ...args, '-O', 'tsv', '--layout', 'tidy']);
      checkTidy(t.stdout, '\t', rows);
    });

    it('csv --csv-dialect excel-ru: BOM, ";", decimal comma, CRLF', () => {
      const c = kpi(['report', ...args, '-O', 'csv', '--layout', 'tidy', '--csv-dialect', 'excel-ru']);
      expect(c.code, c.stderr).toBe(0);
      expect(c.stdout.startsWith('\uFEFF')).toBe(true);
      expect(c.stdout).toContain('\r\n');
      checkTidy(c.stdout, ';', rows, true);
    });

    it('wide csv has one column per period', () => {
      const c = kpi(['report', ...args, '-O', 'csv']);
      const t = parseCsv(c.stdout, ',');
      expect(t[0]!.slice(0, 3)).toEqual(['section', 'metric', 'group']);
      const periods = [...new Set(rows.map((r) => r.period))];
      expect(t[0]!.slice(3, 3 + periods.length)).toEqual(periods);
    });

    it('xlsx (-o by extension): the Data sheet holds the same typed values', async () => {
      const file = path.join(dir, 'r.xlsx');
      const x = kpi(['report', ...args, '-o', file]);
      expect(x.code, x.stderr).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.getWorksheet('Data')!;
      const head = (ws.getRow(1).values as unknown[]).slice(1) as string[];
      const col = (n: string) => head.indexOf(n) + 1;
      const got = new Map<string, unknown>();
      ws.eachRow((row, i) => {
        if (i === 1) return;
        const g = row.getCell(col('group')).value;
        got.set(`${row.getCell(col('period')).value}|${row.getCell(col('metric')).value}|${g ?? ''}`, row.getCell(col('value')).value);
      });
      expect(got.size).toBe(rows.length);
      for (const r of rows) {
        const v = got.get(key(r));
        if (r.value === null) expect(v ?? null).toBeNull();
        else {
          expect(typeof v, key(r)).toBe('number');
          expect(v as number).toBeCloseTo(r.value, 9);
        }
      }
      expect(wb.getWorksheet('Issues')).toBeTruthy();
    });

    it('html (-o by extension): every value of the JSON is in the page, nothing external', () => {
      const file = path.join(dir, 'r.html');
      const h = kpi(['report', ...args, '-o', file]);
      expect(h.code, h.stderr).toBe(0);
      const html = readFileSync(file, 'utf8');
      expect(html).not.toMatch(/<script|https?:\/\/|src=/i);
      // data-value cells in document order per metric row: a light independent scan
      const values = new Map<string, string[]>();
      const rowRe = /<tr[^>]*data-metric="([^"]+)"(?:[^>]*data-group="([^"]*)")?[^>]*>([\s\S]*?)<\/tr>/g;
      for (const m of html.matchAll(rowRe)) {
        const k = `${m[1]}|${(m[2] ?? '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')}`;
        if (values.has(k)) continue; // a metric repeated in another section shows the same values
        values.set(k, [...m[3]!.matchAll(/data-value="([^"]*)"/g)].map((x) => x[1]!));
      }
      const periods = [...new Set(rows.map((r) => r.period))];
      for (const r of rows) {
        const cells = values.get(`${r.metric}|${r.group ?? ''}`);
        expect(cells, `${r.metric}|${r.group}`).toBeDefined();
        const v = cells![periods.indexOf(r.period)];
        if (r.value === null) expect(v === undefined || v === '').toBe(true);
        else expect(Number(v), key(r)).toBeCloseTo(r.value, 6);
      }
    });

    it('md: a GitHub table per section', () => {
      const m = kpi(['report', ...args, '-O', 'md']);
      expect(m.code, m.stderr).toBe(0);
      expect(m.stdout).toMatch(/^\|.*\|\n\|( ?:?-+:? ?\|)+/m);
    });
  });
}

suite('demo company by manager', ['--demo', '-p', '2025-10..2025-12', '--today', '2026-01-10', '-g', 'manager']);
if (sharedDataAvailable()) {
  suite('Zoho sample', [shared('zoho-crm-sample/Leads.csv'), shared('zoho-crm-sample/Calls.csv'), '--invoices', shared('zoho-crm-sample/Invoices.csv'), '--no-config', '-p', '2021-01..2021-04', '--today', '2026-11-27']);
}
