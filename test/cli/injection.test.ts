/**
 * Hostile channel and manager names come out inert in every format: no live formula in CSV/XLSX,
 * no markup in HTML, no broken table in Markdown, exact text in JSON.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { kpi, tempDir } from '../helpers/cli.js';

const HOSTILE = ['=HYPERLINK("http://evil.example/x","click")', '+7 912 000-00-00', '-2+3', '@SUM(A1:A9)', '<script>alert(1)</script>', 'Say "hi", ok', 'two\nlines', 'مرحبا بالعالم', '\tTabbed'];

function csvCell(s: string): string {
  return '"' + s.replace(/"/g, '""') + '"';
}

describe('hostile group names in every format', () => {
  let dir = '';
  const args = () => ['report', path.join(dir, 'leads.csv'), '--no-config', '--today', '2026-11-27', '-p', '2024-03', '-g', 'channel'];
  beforeAll(() => {
    dir = tempDir();
    const lines = ['ID,Created Time,Lead Source,Lead Owner'];
    HOSTILE.forEach((h, i) => lines.push([i + 1, '2024-03-0' + ((i % 9) + 1) + ' 10:00', csvCell(h), csvCell(h)].join(',')));
    writeFileSync(path.join(dir, 'leads.csv'), lines.join('\r\n') + '\r\n');
  });

  it('json keeps the exact text', () => {
    const r = kpi([...args(), '-O', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const groups = new Set(JSON.parse(r.stdout).rows.map((x: { group: string | null }) => x.group));
    for (const h of HOSTILE) expect(groups.has(h.replace(/\s+/g, ' ').trim()), h).toBe(true);
  });

  it('csv prefixes formula-like text with a quote, in every dialect', () => {
    for (const extra of [[], ['--layout', 'tidy'], ['--csv-dialect', 'excel-ru']]) {
      const r = kpi([...args(), '-O', 'csv', ...extra]);
      expect(r.code, r.stderr).toBe(0);
      // no cell may start with = + - @ tab or CR unless prefixed
      const cells = r.stdout.split(/[,;\r\n]/).map((c) => c.replace(/^"/, ''));
      for (const c of cells) expect(/^[=+\-@\t\r]/.test(c), c).toBe(false);
      expect(r.stdout).toContain("'=HYPERLINK(");
    }
  });

  it('xlsx keeps the text as quote-prefixed string cells, never formulas', async () => {
    const file = path.join(dir, 'r.xlsx');
    expect(kpi([...args(), '-o', file]).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    let seen = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.formula ?? null).toBeNull();
          if (typeof cell.value === 'string' && cell.value.startsWith('=HYPERLINK')) {
            seen++;
            expect(cell.style.numFmt === '@' || (cell.style as { quotePrefix?: boolean }).quotePrefix === true).toBe(true);
          }
        }),
      ),
    );
    expect(seen).toBeGreaterThan(0);
  });

  it('html escapes everything and requests nothing', () => {
    const file = path.join(dir, 'r.html');
    expect(kpi([...args(), '-o', file]).code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/href=|src=|url\(/i);
  });

  it('markdown escapes pipes and line breaks so the table holds', () => {
    const r = kpi([...args(), '-O', 'md']);
    expect(r.code, r.stderr).toBe(0);
    const table = r.stdout.split('\n').filter((l) => l.startsWith('|'));
    const widths = new Set(table.filter((l) => !l.startsWith('| ---')).map((l) => l.split(/(?<!\\)\|/).length));
    expect(widths.size).toBeLessThanOrEqual(5); // one width per section table, never a broken row
    expect(r.stdout).not.toContain('<script>');
  });
});
