/**
 * Writes the XLSX quirk fixtures into fixtures/quirks/xlsx/ (run: `npx tsx scripts/make-xlsx-fixtures.ts`).
 * Deterministic: exceljs workbooks get fixed created/modified dates and are re-zipped with fixed
 * entry times; hand-built packages come from literal XML. Re-running must give identical bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { unzipSync, strToU8 } from 'fflate';
import {
  buildPackage, patchDeclaredSize, rezip, sharedStringsXml, stylesXml, worksheetXml,
} from '../test/ingest/xlsx/support/build-package.js';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'quirks', 'xlsx');
const FIXED = new Date('2024-01-01T00:00:00Z');
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kpi fixtures';
  wb.lastModifiedBy = 'kpi fixtures';
  wb.created = FIXED;
  wb.modified = FIXED;
  return wb;
}

async function exceljsBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const buf = await wb.xlsx.writeBuffer();
  return rezip(unzipSync(new Uint8Array(buf as ArrayBuffer)));
}

const written: Record<string, Uint8Array> = {};
function save(name: string, bytes: Uint8Array): void {
  written[name] = bytes;
  writeFileSync(join(OUT, name), bytes);
}

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date => new Date(Date.UTC(y, mo - 1, d, h, mi, s));

/** 1900-system dates written by exceljs from JS Dates, with date-only, date-time and built-in formats. */
async function dates1900(): Promise<void> {
  const wb = workbook();
  const ws = wb.addWorksheet('Calls');
  ws.addRow(['Date', 'DateTime', 'Builtin14', 'Duration', 'Amount']);
  const rows: Array<[Date, Date, Date, number, number]> = [
    [utc(2024, 3, 5), utc(2024, 3, 5, 14, 7, 9), utc(2024, 12, 31), 1.5, 1234.5],
    [utc(1999, 12, 31), utc(2000, 1, 1, 0, 0, 0), utc(2024, 2, 29), 0.25, -42],
  ];
  for (const r of rows) ws.addRow(r);
  ws.getColumn(1).numFmt = 'dd.mm.yyyy';
  ws.getColumn(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
  ws.getColumn(3).numFmt = 'mm-dd-yy'; // exceljs maps this to built-in id 14
  ws.getColumn(4).numFmt = '[h]:mm:ss'; // a duration: must stay a number
  ws.getColumn(5).numFmt = '#,##0.00 "₽"';
  for (const c of [1, 2, 3, 4, 5]) ws.getRow(1).getCell(c).numFmt = 'General';
  save('dates-1900.xlsx', await exceljsBytes(wb));
}

/** The 1904 date system (old Mac Excel): same wall times, serials 1462 days smaller. */
async function dates1904(): Promise<void> {
  const wb = workbook();
  wb.properties.date1904 = true;
  const ws = wb.addWorksheet('Mac');
  ws.addRow(['When']);
  ws.addRow([utc(2024, 3, 5, 14, 7, 9)]);
  ws.addRow([utc(1904, 1, 1)]);
  ws.getColumn(1).numFmt = 'yyyy-mm-dd hh:mm:ss';
  ws.getRow(1).getCell(1).numFmt = 'General';
  save('dates-1904.xlsx', await exceljsBytes(wb));
}

/** Every cell type exceljs writes: strings, numbers, numbers stored as text, booleans, formulas, errors. */
async function cellTypes(): Promise<void> {
  const wb = workbook();
  const ws = wb.addWorksheet('Types');
  ws.addRow(['Kind', 'Value']);
  ws.addRow(['number', 4563]);
  ws.addRow(['decimal', 1234.5]);
  ws.addRow(['text digits', '00123']);
  ws.addRow(['text number', '4563']);
  ws.addRow(['bool true', true]);
  ws.addRow(['bool false', false]);
  ws.addRow(['formula number', { formula: 'B2*2', result: 9126 }]);
  ws.addRow(['formula string', { formula: 'A2&"!"', result: 'number!' }]);
  ws.addRow(['formula error', { formula: '#REF!+1', result: { error: '#REF!' } }]);
  ws.addRow(['rich text', { richText: [{ text: 'ООО ', font: { bold: true } }, { text: '«Ромашка»' }] }]);
  ws.addRow(['inn padded', 123456789]).getCell(2).numFmt = '0000000000';
  ws.addRow(['multiline', 'line1\r\nline2']);
  save('cell-types.xlsx', await exceljsBytes(wb));
}

/** A summary sheet first, the data on a named second sheet, and a Cyrillic-named third. */
async function namedSheets(): Promise<void> {
  const wb = workbook();
  wb.addWorksheet('Summary').addRow(['Report built 2024-01-01']);
  const leads = wb.addWorksheet('Leads');
  leads.addRow(['Id', 'Created']);
  leads.addRow([1, 'first']);
  wb.addWorksheet('Звонки').addRow(['Звонок', 'Длительность']);
  save('named-sheets.xlsx', await exceljsBytes(wb));
}

/** A hidden and a very hidden sheet before the first visible one. */
async function hiddenFirstSheet(): Promise<void> {
  const wb = workbook();
  wb.addWorksheet('Lookup', { state: 'hidden' }).addRow(['hidden data']);
  wb.addWorksheet('Secret', { state: 'veryHidden' }).addRow(['very hidden data']);
  wb.addWorksheet('Visible').addRow(['visible data']);
  save('hidden-first-sheet.xlsx', await exceljsBytes(wb));
}

/** Rows hidden by a filter are data like any other. */
async function hiddenRows(): Promise<void> {
  const wb = workbook();
  const ws = wb.addWorksheet('Data');
  ws.addRow(['Id', 'Status']);
  for (let i = 1; i <= 5; i++) ws.addRow([i, i % 2 ? 'won' : 'lost']);
  ws.getRow(3).hidden = true;
  ws.getRow(4).hidden = true;
  save('hidden-rows.xlsx', await exceljsBytes(wb));
}

/** A pivoted report: title, managers × months, merged month headers over Qty/Sum, an «Итого» row with #REF!. */
async function pivotMerged(): Promise<void> {
  const wb = workbook();
  const ws = wb.addWorksheet('Отчёт');
  ws.getCell('A1').value = 'Продажи по менеджерам';
  ws.mergeCells('A1:G1');
  ws.getCell('A3').value = 'Менеджер';
  ws.mergeCells('A3:A4');
  ['Январь 2024', 'Февраль 2024', 'Март 2024'].forEach((m, i) => {
    const left = 2 + i * 2;
    ws.getCell(3, left).value = m;
    ws.mergeCells(3, left, 3, left + 1);
    ws.getCell(4, left).value = 'Кол-во';
    ws.getCell(4, left + 1).value = 'Сумма';
  });
  ws.addRow(['Иванов', 3, 1500, 2, 900, 4, 2100]);
  ws.addRow(['Петрова', 1, 700, 5, 2600, 0, 0]);
  ws.addRow(['Итого', 4, 2200, 7, 3500, { formula: '#REF!', result: { error: '#REF!' } }, 2100]);
  save('pivot-merged.xlsx', await exceljsBytes(wb));
}

/** Google-Sheets-style package: no dimension, inline strings, rows/cells without `r`, a 19-digit id. */
function googleSheets(): void {
  const sst = sharedStringsXml([
    '<t>Id</t>', '<t>ИНН</t>', '<t>Name</t>',
    '<r><rPr><b/></rPr><t xml:space="preserve">ООО </t></r><r><rPr><color rgb="FFFF0000"/></rPr><t>«Ромашка»</t></r>',
    '<t>AT&amp;T &lt;US&gt; &quot;q&quot; &apos;a&apos; &#1055;&#x440;</t>',
    '<t>line1_x000D_\nline2</t>',
    '<t>_x005F_x000D_ literal</t>',
    '<t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/>',
    '<t/>',
    '<t xml:space="preserve">  padded  </t>',
    '<t>Amount</t>',
  ]);
  const rows = [
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>10</v></c></row>',
    '<row><c><v>1234567890123456789</v></c><c s="1"><v>123456789</v></c><c t="inlineStr"><is><t>Inline &amp; co</t></is></c><c><v>1500.5</v></c></row>',
    '<row r="5"><c r="A5"><v>4563</v></c><c r="C5" t="s"><v>3</v></c><c r="D5" t="inlineStr"><is><r><t>rich</t></r><r><rPr><color rgb="FF00FF00"/></rPr><t xml:space="preserve"> inline</t></r></is></c></row>',
    '<row><c t="s"><v>4</v></c><c t="s"><v>5</v></c><c t="s"><v>6</v></c><c t="s"><v>7</v></c></row>',
    '<row r="7" hidden="1"/>',
    '<row><c r="B8" t="s"><v>8</v></c><c r="C8" t="s"><v>9</v></c><c r="D8" s="0"/></row>',
    '<row r="9"><c r="A9"><v>1.23456789012346E+18</v></c><c r="B9" s="1"><v>7707083893</v></c><c r="C9" t="b"><v>1</v></c><c r="D9" t="e"><v>#N/A</v></c></row>',
    '<row r="10"><c r="A10" s="1"><v>-5</v></c><c r="B10" t="str"><f>A10&amp;"x"</f><v>-5x</v></c><c r="C10" t="d"><v>2024-03-05T14:07:09</v></c><c r="D10"><v>2.5499999999999998</v></c></row>',
  ].join('');
  save('google-sheets.xlsx', buildPackage({
    sheets: [{ name: 'Sheet1', xml: worksheetXml(rows) }],
    sharedStrings: sst,
    styles: stylesXml([{ id: 164, code: '0000000000' }], [0, 164]),
  }));
}

/** Serial edge cases under date and duration formats: the Lotus leap-day bug, times, out-of-range serials. */
function serialEdges(): void {
  const styles = stylesXml(
    [
      { id: 165, code: '[h]:mm' },
      { id: 166, code: 'yyyy-mm-dd hh:mm' },
      { id: 167, code: '#,##0.00 "руб."' },
      { id: 168, code: 'h:mm AM/PM' },
      { id: 169, code: '[$-419]d mmmm yyyy" г."' },
    ],
    [0, 14, 22, 46, 165, 166, 167, 168, 169],
  );
  const cells: Array<[string, number]> = [
    ['1', 1], ['59', 1], ['60', 1], ['61', 1], ['0.5', 2], ['45356.588194444441', 2], ['-1', 1], ['2958466', 1],
    ['1.5', 3], ['1.5', 4], ['45356', 5], ['1234.5', 6], ['0.75', 7], ['45356', 8], ['45356.999999999', 2],
  ];
  const rows = cells.map(([v, s], i) => `<row r="${i + 1}"><c r="A${i + 1}" s="${s}"><v>${v}</v></c></row>`).join('');
  save('serial-edges.xlsx', buildPackage({ sheets: [{ name: 'Serials', xml: worksheetXml(rows, { dimension: `A1:A${cells.length}` }) }], styles }));
}

/** OpenXML-SDK style: every element carries an `x:` namespace prefix. */
function prefixedNamespace(): void {
  const sheet =
    `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${NS}"><x:sheetData>` +
    '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>inline</x:t></x:is></x:c></x:row>' +
    '<x:row r="2"><x:c r="A2"><x:v>42</x:v></x:c><x:c r="B2" s="1"><x:v>45356</x:v></x:c></x:row>' +
    '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A3:B3"/></x:mergeCells></x:worksheet>';
  const sst = `<?xml version="1.0" encoding="utf-8"?><x:sst xmlns:x="${NS}"><x:si><x:t>Name</x:t></x:si></x:sst>`;
  const styles = `<?xml version="1.0" encoding="utf-8"?><x:styleSheet xmlns:x="${NS}"><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="14"/></x:cellXfs></x:styleSheet>`;
  const parts = unzipSync(buildPackage({ sheets: [{ name: 'Data', xml: sheet }], sharedStrings: sst, styles }));
  parts['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:x="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
      '<x:sheets><x:sheet name="Data" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>',
  );
  save('prefixed-namespace.xlsx', rezip(parts));
}

/** A chartsheet before the data, with absolute relationship targets. */
function chartsheetFirst(): void {
  const chart = `<?xml version="1.0" encoding="UTF-8"?><chartsheet xmlns="${NS}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`;
  save('chartsheet-first.xlsx', buildPackage({
    sheets: [
      { name: 'Chart1', xml: chart, kind: 'chartsheet' },
      { name: 'Data', xml: worksheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>data</t></is></c></row>') },
    ],
    absoluteTargets: true,
  }));
}

/** Broken packages: truncated, not a zip, a lying declared size, corrupt deflate data. */
function broken(): void {
  const good = written['cell-types.xlsx'];
  if (!good) throw new Error('cell-types.xlsx must be written first');
  save('truncated.xlsx', good.slice(0, Math.floor(good.length * 0.6)));
  save('not-a-zip.xlsx', strToU8('Id;Name\n1;not a workbook at all\n'));
  const big = worksheetXml('<row r="1"><c r="A1"><v>1</v></c></row>');
  save('bomb-declared.xlsx', patchDeclaredSize(buildPackage({ sheets: [{ name: 'Bomb', xml: big }] }), 'xl/worksheets/sheet1.xml', 0xfffffff0));
  const rows = Array.from({ length: 400 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${(i * 7919) % 10007}</v></c></row>`).join('');
  const pkg = buildPackage({ sheets: [{ name: 'Data', xml: worksheetXml(rows) }] });
  const corrupt = pkg.slice();
  const at = findSheetData(corrupt);
  for (let i = 0; i < 64; i++) corrupt[at + 40 + i] = 0xff; // garbage inside the deflate stream
  save('corrupt-deflate.xlsx', corrupt);
}

/** Offset of the worksheet entry's compressed data (after its local header). */
function findSheetData(zip: Uint8Array): number {
  const name = strToU8('xl/worksheets/sheet1.xml');
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let p = 0; p + 30 < zip.length; p++) {
    if (dv.getUint32(p, true) !== 0x04034b50 || dv.getUint16(p + 26, true) !== name.length) continue;
    if (name.every((b, i) => zip[p + 30 + i] === b)) return p + 30 + name.length + dv.getUint16(p + 28, true);
  }
  throw new Error('sheet entry not found');
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await dates1900();
  await dates1904();
  await cellTypes();
  await namedSheets();
  await hiddenFirstSheet();
  await hiddenRows();
  await pivotMerged();
  googleSheets();
  serialEdges();
  prefixedNamespace();
  chartsheetFirst();
  broken();
  console.log(`wrote ${Object.keys(written).length} fixtures to ${OUT}`);
}

await main();
