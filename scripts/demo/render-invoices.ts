/**
 * Writes invoice lines as a 1C sales register saved to Excel: sheet «Лист_1», two title rows
 * and a blank row above the header, typed date and number cells (`#,##0.00` money), and an
 * «Итого» row at the bottom. The workbook's own dates are fixed and the zip is re-packed with
 * fixed entry times, so the same lines always give the same bytes.
 */
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { DEMO_END, DEMO_START, formatRuDate } from './calendar.js';
import type { DemoInvoiceLine } from './types.js';

/** Header row of the register. */
export const INVOICE_HEADERS = [
  'Дата',
  'Номер',
  'Контрагент',
  'ИНН',
  'Менеджер',
  'Номенклатура',
  'Количество',
  'Сумма',
  'Себестоимость',
] as const;

/** The sheet, and the sheet row of the header (two titles and a blank row come first). */
export const INVOICE_SHEET = 'Лист_1';
/** See INVOICE_SHEET. */
export const INVOICE_HEADER_ROW = 4;

/** Title rows of the register, as 1C prints them. */
export const REGISTER_TITLE = `Продажи за период ${formatRuDate(DEMO_START)} - ${formatRuDate(DEMO_END - 1)}`;
/** See REGISTER_TITLE. */
export const REGISTER_ORG = 'Организация: ООО "Канцлер"';

const MONEY = '#,##0.00';
/** The moment the register was "saved": workbook properties and zip entry times. */
const SAVED_AT_UTC = new Date(Date.UTC(2026, 0, 12, 7, 30, 0));

/** Builds the workbook (exposed so tests can inspect cells without a zip round-trip). */
export function buildInvoiceWorkbook(lines: readonly DemoInvoiceLine[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Бухгалтерия';
  wb.lastModifiedBy = 'Бухгалтерия';
  wb.created = SAVED_AT_UTC;
  wb.modified = SAVED_AT_UTC;
  const ws = wb.addWorksheet(INVOICE_SHEET);
  ws.columns = [
    { width: 18 },
    { width: 14 },
    { width: 36 },
    { width: 13 },
    { width: 28 },
    { width: 52 },
    { width: 12 },
    { width: 15 },
    { width: 15 },
  ];
  ws.getCell('A1').value = REGISTER_TITLE;
  ws.getCell('A1').font = { bold: true, size: 12 };
  ws.getCell('A2').value = REGISTER_ORG;
  const header = ws.getRow(INVOICE_HEADER_ROW);
  header.values = [...INVOICE_HEADERS];
  header.font = { bold: true };

  let qty = 0;
  let amount = 0;
  let cost = 0;
  let r = INVOICE_HEADER_ROW + 1;
  for (const l of lines) {
    const row = ws.getRow(r++);
    // Wall times are "as if UTC" and exceljs converts dates to serials in UTC: no zone shift.
    row.values = [new Date(l.date), l.number, l.client, l.inn, l.manager, l.item, l.quantity, l.amount / 100, l.cost / 100];
    row.getCell(1).numFmt = 'dd.mm.yyyy h:mm:ss';
    row.getCell(8).numFmt = MONEY;
    row.getCell(9).numFmt = MONEY;
    qty += l.quantity;
    amount += l.amount;
    cost += l.cost;
  }
  const total = ws.getRow(r);
  total.values = ['Итого', null, null, null, null, null, qty, amount / 100, cost / 100];
  total.font = { bold: true };
  total.getCell(8).numFmt = MONEY;
  total.getCell(9).numFmt = MONEY;
  return wb;
}

/** The `.xlsx` file. */
export async function renderInvoicesXlsx(lines: readonly DemoInvoiceLine[]): Promise<Buffer> {
  const raw = await buildInvoiceWorkbook(lines).xlsx.writeBuffer();
  // exceljs (through JSZip) stamps every zip entry with the current time; re-pack with a fixed
  // one. fflate reads the stamp through local-time getters, so give it local components.
  const t = SAVED_AT_UTC;
  const mtime = new Date(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes());
  const files = unzipSync(new Uint8Array(raw as ArrayBuffer));
  return Buffer.from(zipSync(files, { level: 6, mtime }));
}
