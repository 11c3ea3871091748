/**
 * A report too large for an XLSX workbook is refused before exceljs starts building it: past
 * Excel's row limit always, and past what the process's heap can hold — with what to do instead.
 */
import { describe, it, expect } from 'vitest';
import { makeReport, metricRow, monthColumn, sampleReport } from './factories.js';
import { checkXlsxSize, xlsxSize, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, BYTES_PER_CELL } from '../../src/render/xlsx-size.js';
import { MS_PER_DAY, type Column } from '../../src/period/types.js';
import { reportRows } from '../../src/render/json.js';
import { EXIT } from '../../src/errors/kpi-error.js';
import { thrown } from '../helpers/thrown.js';


describe('xlsxSize', () => {
  it('counts the Data rows as the tidy rows, and each section sheet', () => {
    const r = sampleReport({ groupBy: 'channel' });
    const size = xlsxSize(r);
    expect(size.dataRows).toBe(reportRows(r).length + 1);
    expect(size.sectionRows).toBe(Math.max(...r.sections.map((s) => s.rows.length)) + 1);
    expect(size.sectionColumns).toBe(2 + r.columns.length);
    expect(size.cells).toBeGreaterThan(size.dataRows * 8);
  });
});

describe('checkXlsxSize', () => {
  it('lets a report through that fits the heap', () => {
    const r = sampleReport({ groupBy: 'manager' });
    expect(() => checkXlsxSize(r, 4 * 2 ** 30)).not.toThrow();
  });

  it('refuses one whose cells need more memory than the heap has, saying how much and what to do', () => {
    const r = sampleReport({ groupBy: 'manager' });
    const { cells } = xlsxSize(r);
    const e = thrown(() => checkXlsxSize(r, cells * BYTES_PER_CELL - 1));
    expect(e.exitCode).toBe(EXIT.usage);
    expect(e.message).toContain(`${cells.toLocaleString('en-US')} cells`);
    expect(e.hint).toMatch(/-O csv or -O json/);
    expect(e.hint).toMatch(/--max-old-space-size=\d+/);
    expect(() => checkXlsxSize(r, cells * BYTES_PER_CELL)).not.toThrow();
  });

  it("refuses one whose Data sheet passes Excel's 1,048,576 rows, whatever the heap", () => {
    const months = Array.from({ length: 12 }, (_, i) => monthColumn(`2026-${String(i + 1).padStart(2, '0')}`));
    const groups = Math.ceil(EXCEL_MAX_ROWS / 12);
    const rows = [metricRow('leads_total', null, months.map(() => groups))];
    for (let g = 0; g < groups; g++) rows.push(metricRow('leads_total', `g${g}`, months.map(() => 1)));
    const r = makeReport({ columns: months, groupBy: 'channel', sections: [{ id: 'leads', rows }] });
    const e = thrown(() => checkXlsxSize(r, Number.MAX_SAFE_INTEGER));
    expect(e.exitCode).toBe(EXIT.usage);
    expect(e.message).toBe(`this report does not fit an XLSX workbook: its Data sheet would need ${(12 * (groups + 1) + 1).toLocaleString('en-US')} rows, and an Excel sheet holds at most 1,048,576`);
  });

  it('refuses one with more periods than an Excel sheet has columns, pointing to a longer interval', () => {
    // a daily report over 45 years: 16,437 period columns plus the label
    const start = Math.floor(Date.UTC(1980, 0, 1) / MS_PER_DAY);
    const days: Column[] = Array.from({ length: 16_437 }, (_, i) => ({ label: `d${i}`, interval: 'day', start: start + i, end: start + i + 1, fullStart: start + i, fullEnd: start + i + 1, clipped: false }));
    const r = makeReport({ columns: days, sections: [{ id: 'leads', rows: [metricRow('leads_total', null, days.map(() => 1))] }] });
    expect(xlsxSize(r).sectionColumns).toBe(16_438);
    const e = thrown(() => checkXlsxSize(r, Number.MAX_SAFE_INTEGER));
    expect(e.exitCode).toBe(EXIT.usage);
    expect(e.message).toContain(`would need 16,438 columns (a column per period), and an Excel sheet holds at most ${EXCEL_MAX_COLUMNS.toLocaleString('en-US')}`);
    expect(e.hint).toMatch(/longer interval/);
  });
});
