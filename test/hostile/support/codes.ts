/**
 * Reproducers for the issue codes that `fixtures/errors/` does not cover (`fixtures/hostile/codes/`):
 * one small input (and, where the code is about configuration, a config) per code. The golden
 * test of each is in `test/hostile/codes.test.ts`; `docs/errors.md` quotes their real messages.
 */
import { strToU8 } from 'fflate';
import { buildPackage, patchDeclaredSize, stylesXml, worksheetXml } from '../../ingest/xlsx/support/build-package.js';
import iconv from 'iconv-lite';
import type { HostileFixture } from './fixtures.js';

const utf8 = (s: string): Uint8Array => strToU8(s);
const crlf = (rows: readonly string[]): string => rows.join('\r\n') + '\r\n';
const inline = (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const INVOICES = crlf(['Дата;Номер;Контрагент;Сумма', '05.03.2024;1;ООО Ромашка;1 200,50', '06.03.2024;2;ООО Лютик;300,00']);

/** A report-shaped sheet: a merged title over two sub-columns above the header (a pivot, not a table). */
function pivotBook(): Uint8Array {
  const rows = [
    `<row r="1">${inline('A1', 'Менеджер')}${inline('B1', 'Март 2024')}</row>`,
    `<row r="2">${inline('A2', 'Менеджер')}${inline('B2', 'Сумма')}${inline('C2', 'Количество')}</row>`,
    `<row r="3">${inline('A3', 'Иванов')}<c r="B3"><v>1200</v></c><c r="C3"><v>3</v></c></row>`,
  ].join('');
  return buildPackage({ sheets: [{ name: 'Свод', xml: worksheetXml(rows, { extra: '<mergeCells count="1"><mergeCell ref="B1:C1"/></mergeCells>' }) }] });
}

function namedSheetsBook(): Uint8Array {
  const sheet = (title: string) => worksheetXml(`<row r="1">${inline('A1', title)}</row>`);
  return buildPackage({ sheets: [{ name: 'Сводка', xml: sheet('x') }, { name: 'Продажи', xml: sheet('y') }], styles: stylesXml([], [0]) });
}

/** An invoice register with a sheet per month (sheets_not_read: only the first is read by default). */
function monthSheetsBook(): Uint8Array {
  const row = (r: number, vals: readonly string[]) => `<row r="${r}">${vals.map((v, k) => inline(`${'ABCD'[k]}${r}`, v)).join('')}</row>`;
  const month = (line: readonly string[]) => worksheetXml(row(1, ['Дата', 'Номер', 'Контрагент', 'Сумма']) + row(2, line));
  return buildPackage({ sheets: [
    { name: 'Март', xml: month(['05.03.2024', '1', 'ООО Ромашка', '1 200,50']) },
    { name: 'Апрель', xml: month(['05.04.2024', '2', 'ООО Лютик', '300,00']) },
    { name: 'Пустой', xml: worksheetXml('') },
    { name: 'Справочник', xml: worksheetXml(row(1, ['ООО Ромашка'])), state: 'hidden' },
  ] });
}

/** A tiny workbook whose sheet declares an inflated size of 2 GiB (never inflated). */
function declaredBomb(): Uint8Array {
  const book = buildPackage({ sheets: [{ name: 'S', xml: worksheetXml(`<row r="1">${inline('A1', 'x')}</row>`) }] });
  return patchDeclaredSize(book, 'xl/worksheets/sheet1.xml', 0x80000000);
}

export function codeFiles(): HostileFixture[] {
  const f = (path: string, what: string, text: string): HostileFixture => ({ path: `codes/${path}`, what, bytes: utf8(text) });
  const book = buildPackage({ sheets: [{ name: 'S', xml: worksheetXml(`<row r="1">${inline('A1', 'Дата')}</row>`) }] });
  return [
    f('invoices.csv', 'a good invoice file (file_repeated, kind_flag_conflict, column_missing_optional)', INVOICES),
    { path: 'codes/file_unreadable.xlsx', what: 'a workbook cut short: no zip directory', bytes: book.subarray(0, book.length - 30) },
    { path: 'codes/not_a_table.xlsx', what: 'a pivoted report: a merged title over sub-columns', bytes: pivotBook() },
    f('kind_ambiguous.csv', 'headers that score the same for leads, calls and invoices', crlf(['Created Time;Amount;Status;Duration;Call Type;Invoice Number', '2024-03-05 10:00;100;won;30;Inbound;5'])),
    { path: 'codes/workbook.xlsx', what: 'a workbook with sheets Сводка and Продажи (sheet_not_found)', bytes: namedSheetsBook() },
    f('sheet_not_found.yaml', 'a source naming a sheet the workbook does not have', 'sources:\n  - kind: invoices\n    files: workbook.xlsx\n    sheet: Лиды\n'),
    { path: 'codes/sheets_not_read.xlsx', what: 'invoices on two month sheets, an empty sheet and a hidden one (sheets_not_read)', bytes: monthSheetsBook() },
    f('sheets_by_source.yaml', 'the same workbook as a source per month sheet: both are read', 'sources:\n  - kind: invoices\n    files: sheets_not_read.xlsx\n    sheet: Март\n  - kind: invoices\n    files: sheets_not_read.xlsx\n    sheet: апрель\n'),
    { path: 'codes/xlsx_too_large.xlsx', what: 'a 2 KB workbook whose sheet declares 2 GiB uncompressed', bytes: declaredBomb() },
    f('bad_optional.csv', 'a won date that is no date (the lead is used, the field left empty)', crlf(['ID;Дата создания;Источник;Дата закрытия', '1;05.03.2024 10:00;SEO;вчера'])),
    f('duplicate_header.csv', 'the header "Сумма" twice', crlf(['Дата;Номер;Контрагент;Сумма;Сумма', '05.03.2024;1;ООО Ромашка;100,00;200,00'])),
    f('column_ambiguous.csv', 'two phone columns that fit the field equally well', crlf(['ID;Дата создания;Источник;Телефон рабочий;Телефон мобильный', '1;05.03.2024 10:00;SEO;+7 912 345-67-89;+7 912 000-00-00'])),
    f('column_missing_optional.yaml', 'a `columns:` map naming a cost column the file lacks', 'sources:\n  - kind: invoices\n    files: invoices.csv\n    columns: { date: "Дата", client: "Контрагент", amount: "Сумма", cost: "Себестоимость" }\n'),
    f('future_date.csv', 'a lead dated 2030, after --today', crlf(['ID;Дата создания;Источник', '1;05.03.2030 10:00;SEO', '2;05.03.2024 10:00;SEO'])),
    f('client_ambiguous.csv', 'one company name under two ИНН, and a line without one', crlf(['Дата;Номер;Контрагент;ИНН;Сумма', '05.03.2024;1;ООО Ромашка;7701234567;100,00', '06.03.2024;2;ООО Ромашка;7702345678;100,00', '07.03.2024;3;ООО Ромашка;;50,00'])),
    f('group_case_variant.csv', 'managers "Иванов" and "иванов"', crlf(['ID;Дата создания;Источник;Ответственный', '1;05.03.2024 10:00;SEO;Иванов', '2;06.03.2024 10:00;SEO;иванов'])),
    f('unknown_direction.csv', 'a lead direction "sideways"', crlf(['ID;Дата создания;Источник;Direction', '1;05.03.2024 10:00;SEO;sideways'])),
    f('kind_flag_conflict.yaml', 'a source of kind leads for a file given as --invoices', 'sources:\n  - kind: leads\n    files: invoices.csv\n'),
    { path: 'codes/encoding_guessed.csv', what: 'Western windows-1252 text (no Cyrillic, not UTF-8)', bytes: iconv.encode(crlf(['Customer;City;Amount;Date;Invoice', 'Müller & Söhne;Köln;100.00;2024-03-05;1', 'Café Olé;Besançon;50.00;2024-03-06;2']), 'windows-1252') },
    f('mixed_currency.csv', 'amounts in roubles and in dollars in one column', crlf(['Дата;Номер;Контрагент;Сумма', '05.03.2024;1;ООО Ромашка;1 200,50 ₽', '06.03.2024;2;ООО Лютик;300,00 руб.', '07.03.2024;3;Acme Ltd;$150,00'])),
    f('cost_missing.csv', 'a cost column with one line left empty', crlf(['Дата;Номер;Контрагент;Сумма;Себестоимость', '05.03.2024;1;ООО Ромашка;1 200,50;800,00', '06.03.2024;2;ООО Лютик;300,00;'])),
    f('id_precision_lost.csv', 'a lead id and an ИНН saved by a spreadsheet in exponent form', crlf(['ID;Дата создания;Источник;ИНН', '1;05.03.2024 10:00;SEO;7701234567', '1,23457E+18;06.03.2024 10:00;SEO;7,70123E+09'])),
    f('config_multiple/kpi.config.yaml', 'two config files in one folder…', 'timezone: UTC\n'),
    f('config_multiple/kpi.config.json', '…the JSON one is ignored, with a warning', '{ "timezone": "UTC" }\n'),
  ];
}
