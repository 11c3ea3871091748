/**
 * `invoices.xlsx`: the invoice lines as a real Excel workbook — a date-typed `Дата` column
 * (`dd.mm.yyyy` format), numbers as numbers, ИНН and document numbers as text, shared strings as
 * Excel writes them. exceljs's streaming WorkbookWriter commits each row as it goes, so 100k+
 * rows never sit in memory as a workbook model.
 */
import ExcelJS from 'exceljs';
import { statSync } from 'node:fs';
import type { ClientPool } from './clients.js';
import { INVOICE_HEADERS, invoiceLines } from './invoices.js';

/** Fixed document timestamps: the same seed should give the same workbook content. */
const FIXED_TIME = new Date(Date.UTC(2026, 0, 1));

/** Write `rows` invoice lines for `seed` to `path` as XLSX; resolves with the file size. */
export async function writeInvoicesXlsx(seed: number, rows: number, pool: ClientPool, path: string): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  wb.creator = 'kpi bench';
  wb.created = FIXED_TIME;
  wb.modified = FIXED_TIME;
  const ws = wb.addWorksheet('Реализации');
  const widths = [12, 14, 34, 14, 20, 12, 14, 14];
  const formats: (string | undefined)[] = ['dd.mm.yyyy', '@', undefined, '@', undefined, '0', '#,##0.00', '#,##0.00'];
  ws.columns = INVOICE_HEADERS.map((header, i) => {
    const numFmt = formats[i];
    return { header, key: `c${i}`, width: widths[i] ?? 12, ...(numFmt ? { style: { numFmt } } : {}) };
  });
  const src = invoiceLines(seed, rows, pool);
  for (let i = 0; i < rows; i++) {
    const l = src.next();
    // A UTC-midnight Date becomes a whole Excel serial: exceljs converts Dates in UTC.
    ws.addRow([new Date(l.dayMs), l.number, l.client, l.inn, l.manager, l.quantity, l.amountCents / 100, l.costCents / 100]).commit();
  }
  ws.commit();
  await wb.commit();
  return statSync(path).size;
}
