/**
 * The committed hostile corpus (`fixtures/hostile/`), as code: every file's bytes and what it
 * stands for. `scripts/make-hostile-fixtures.ts` writes them; `test/hostile/*.test.ts` read the
 * committed files and check they still equal these bytes. Deterministic: seeded noise, fixed zip
 * entry times. Each file is small (< 100 KB); the big hostile inputs (50 MB line, zip bombs, …)
 * are generated at test time by `big-files.ts`.
 */
import iconv from 'iconv-lite';
import { strToU8, zipSync } from 'fflate';
import { buildPackage, FIXED_MTIME, sharedStringsXml, stylesXml, worksheetXml } from '../../ingest/xlsx/support/build-package.js';
import { randomBytes } from './rng.js';

export interface HostileFixture {
  /** Path under `fixtures/hostile/`. */
  path: string;
  /** What the file stands for (README). */
  what: string;
  bytes: Uint8Array;
}

const utf8 = (s: string): Uint8Array => strToU8(s);
const crlf = (rows: readonly string[]): string => rows.join('\r\n') + '\r\n';
const cat = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

const LEADS_HEADER = 'ID;Дата создания;Источник;Ответственный;Название компании';
const INVOICE_HEADER = 'Дата;Номер;Контрагент;Сумма';

/** A `<c>` with an inline string (no shared-string table needed). */
const inline = (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`;
const num = (ref: string, v: string, style = 0): string => `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`;
const row = (r: number, cells: string): string => `<row r="${r}">${cells}</row>`;

/** A small, valid invoice workbook: header + `n` lines, dates as real date cells (style 1). */
function invoiceBook(n: number): Uint8Array {
  const rows = [row(1, inline('A1', 'Дата') + inline('B1', 'Номер') + inline('C1', 'Контрагент') + inline('D1', 'Сумма'))];
  for (let i = 2; i <= n + 1; i++) {
    rows.push(row(i, num(`A${i}`, String(45350 + (i % 28)), 1) + num(`B${i}`, String(i - 1)) + inline(`C${i}`, `ООО Клиент ${i % 7}`) + num(`D${i}`, `${1000 + i * 17}.5`)));
  }
  return buildPackage({ sheets: [{ name: 'Продажи', xml: worksheetXml(rows.join('')) }], styles: stylesXml([], [0, 14]) });
}

/** The same bytes with a run of the sheet's compressed data overwritten (deterministic noise). */
function corrupt(zip: Uint8Array): Uint8Array {
  const out = new Uint8Array(zip);
  const at = out.length >> 2; // inside the first big entry's deflate stream (the sheet comes early)
  out.set(randomBytes(7, 64), at);
  return out;
}

function leadRows(n: number, date: (i: number) => string): string[] {
  const rows = [LEADS_HEADER];
  for (let i = 1; i <= n; i++) rows.push(`${i};${date(i)};Реклама Яндекс;Иванова Мария;ООО «Ромашка ${i}»`);
  return rows;
}

function files(): HostileFixture[] {
  const good = invoiceBook(40);
  const invalidUtf8 = leadRows(40, (i) => `${String((i % 28) + 1).padStart(2, '0')}.03.2024 10:00`).map((l) => utf8(l + '\r\n'));
  invalidUtf8[10] = cat(utf8('10;05.03.2024 10:00;Реклама '), Uint8Array.of(0xff, 0xfe), utf8(';Иванова Мария;ООО «Ромашка 10»\r\n'));
  invalidUtf8[25] = cat(utf8('25;05.03.2024'), Uint8Array.of(0xc3), utf8(' 10:00;Реклама Яндекс;Иванова Мария;ООО «Ромашка 25»\r\n'));
  const cyr = crlf(leadRows(3, (i) => `0${i}.03.2024 10:00`));
  return [
    { path: 'files/empty.csv', what: 'zero bytes', bytes: new Uint8Array(0) },
    { path: 'files/header-only.csv', what: 'a header row and nothing else', bytes: utf8(crlf([LEADS_HEADER])) },
    { path: 'files/blank-lines.csv', what: 'only blank, whitespace and delimiter-only lines', bytes: utf8('\r\n\r\n   \r\n;;;\r\n\t\r\n') },
    { path: 'files/bom-only.csv', what: 'a UTF-8 byte-order mark and nothing else', bytes: Uint8Array.of(0xef, 0xbb, 0xbf) },
    { path: 'files/binary-garbage.csv', what: '4 KiB of random bytes named .csv', bytes: randomBytes(1, 4096) },
    { path: 'files/pdf-named.csv', what: 'a PDF document named .csv', bytes: utf8('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n') },
    { path: 'files/zip-named.csv', what: 'a ZIP archive (not a workbook) named .csv', bytes: zipSync({ 'notes.txt': utf8('not a spreadsheet\n') }, { mtime: FIXED_MTIME }) },
    { path: 'files/xlsx-named.csv', what: 'a valid invoice workbook named .csv: read as XLSX by its bytes', bytes: invoiceBook(3) },
    { path: 'files/csv-named.xlsx', what: 'a valid invoice CSV named .xlsx: read as CSV by its bytes', bytes: utf8(crlf([INVOICE_HEADER, '05.03.2024;1;ООО Ромашка;1 200,50', '06.03.2024;2;ООО Лютик;300,00'])) },
    { path: 'files/truncated.xlsx', what: 'a valid workbook cut in half (no zip directory)', bytes: good.subarray(0, good.length >> 1) },
    { path: 'files/corrupted.xlsx', what: 'a valid workbook with 64 bytes of its sheet data overwritten', bytes: corrupt(good) },
    { path: 'files/duplicate-empty-headers.csv', what: 'a repeated header ("Источник" twice) and empty header cells', bytes: utf8(crlf(['ID;Дата создания;Источник;Источник;;Ответственный;', '1;05.03.2024 10:00;SEO;Директ;x;Иванов;y', '2;06.03.2024 10:00;Директ;SEO;;Петров;'])) },
    {
      path: 'files/mixed-line-endings.csv',
      what: 'CRLF, LF and CR line ends in one file, a quoted cell spanning lines 3–4, no final line end; the bad date is on physical line 6',
      bytes: utf8(`${LEADS_HEADER}\r\n1;05.03.2024 10:00;SEO;Иванов;ООО А\n2;06.03.2024 10:00;"Реклама\r\nЯндекс";Петров;ООО Б\r3;07.03.2024 10:00;SEO;Иванов;ООО В\r\n4;вчера;SEO;Иванов;ООО Г`),
    },
    { path: 'files/utf16le-nobom.csv', what: 'UTF-16LE Cyrillic leads without a byte-order mark', bytes: iconv.encode(cyr, 'utf-16le') },
    { path: 'files/utf16be-nobom.csv', what: 'UTF-16BE Cyrillic leads without a byte-order mark', bytes: iconv.encode(cyr, 'utf-16be') },
    { path: 'files/invalid-utf8.csv', what: 'UTF-8 leads with invalid bytes in a source cell (line 11) and a date cell (line 26)', bytes: cat(...invalidUtf8) },
    {
      path: 'files/years-1-9999.csv',
      what: 'dates in years 1, 1899, 2201 and 9999 beside good ones (lines 2, 4, 6, 7, 8 are out of range)',
      bytes: utf8(crlf([LEADS_HEADER, '1;0001-01-01 00:00;SEO;Иванов;А', '2;2024-03-05 10:00;SEO;Иванов;Б', '3;9999-12-31 23:59;SEO;Иванов;В', '4;1900-01-01 00:00;SEO;Иванов;Г', '5;1899-12-31 23:59;SEO;Иванов;Д', '6;2201-01-01 00:00;SEO;Иванов;Е', '7;31.12.9999 10:00;SEO;Иванов;Ж', '8;2200-12-31 23:59;SEO;Иванов;З'])),
    },
    {
      path: 'files/years-1-9999.xlsx',
      what: 'date cells 1900-01-01 (serial 1) and 9999-12-31 (serial 2958465), text dates in years 1 and 9999',
      bytes: buildPackage({
        sheets: [{ name: 'S', xml: worksheetXml([
          row(1, inline('A1', 'Дата') + inline('B1', 'Номер') + inline('C1', 'Контрагент') + inline('D1', 'Сумма')),
          row(2, num('A2', '1', 1) + num('B2', '1') + inline('C2', 'ООО А') + num('D2', '10')),
          row(3, num('A3', '2958465', 1) + num('B3', '2') + inline('C3', 'ООО Б') + num('D3', '20')),
          row(4, inline('A4', '0001-01-01') + num('B4', '3') + inline('C4', 'ООО В') + num('D4', '30')),
          row(5, inline('A5', '9999-12-31') + num('B5', '4') + inline('C5', 'ООО Г') + num('D5', '40')),
          row(6, num('A6', '45366', 1) + num('B6', '5') + inline('C6', 'ООО Д') + num('D6', '50')),
        ].join('')) }],
        styles: stylesXml([], [0, 14]),
      }),
    },
    {
      path: 'files/amounts-extreme.csv',
      what: 'amounts 1e309, -1e309, NaN, Infinity, -Infinity, 1e308, a 30-digit number, hex, Arabic-Indic digits; one good line (line 2)',
      bytes: utf8(crlf([INVOICE_HEADER, '05.03.2024;1;ООО А;1 200,50', ...['1e309', '-1e309', 'NaN', 'Infinity', '-Infinity', '1e308', '123456789012345678901234567890', '0x10', '١٢٣'].map((a, i) => `05.03.2024;${i + 2};ООО Б;${a}`)])),
    },
    {
      path: 'files/ids-19-digit.csv',
      what: '19-digit lead ids: two rows share 1234567890123456789 (one record), 1234567890123456788 differs only in the last digit',
      bytes: utf8(crlf([LEADS_HEADER, '1234567890123456789;05.03.2024 10:00;SEO;Иванов;ООО А', '1234567890123456788;05.03.2024 11:00;SEO;Иванов;ООО Б', '1234567890123456789;05.03.2024 10:00;SEO;Иванов;ООО А'])),
    },
    {
      path: 'files/ids-19-digit.xlsx',
      what: 'the same 19-digit ids as number cells, beyond a double\'s 15–17 digits',
      bytes: buildPackage({
        sheets: [{ name: 'Лиды', xml: worksheetXml([
          row(1, inline('A1', 'ID') + inline('B1', 'Дата создания') + inline('C1', 'Источник')),
          row(2, num('A2', '1234567890123456789') + inline('B2', '05.03.2024 10:00') + inline('C2', 'SEO')),
          row(3, num('A3', '1234567890123456788') + inline('B3', '05.03.2024 11:00') + inline('C3', 'SEO')),
          row(4, num('A4', '1234567890123456789') + inline('B4', '05.03.2024 10:00') + inline('C4', 'SEO')),
        ].join('')) }],
      }),
    },
    { path: 'files/nul-bytes.csv', what: 'NUL bytes inside a text cell of an otherwise good file', bytes: cat(utf8(`${LEADS_HEADER}\r\n1;05.03.2024 10:00;SEO`), Uint8Array.of(0, 0), utf8(';Иванов;ООО А\r\n'), utf8(crlf(leadRows(30, () => '06.03.2024 10:00').slice(2)))) },
    {
      path: 'files/quotes-chaos.csv',
      what: 'stray, doubled, unbalanced and mid-cell quotes; an unclosed quote on the last line',
      bytes: utf8(crlf([LEADS_HEADER, '1;05.03.2024 10:00;"SEO";"Ива""нов";ООО "А"', '2;05.03.2024 11:00;""" """;Петров;"ООО ""Б"""', '3;05.03.2024 12:00;a"b"c;"x"y;ООО В', '4;"05.03.2024 13:00";SEO;Иванов;"ООО Г']).replace(/\r\n$/, '')),
    },
    {
      path: 'files/unicode-chaos.csv',
      what: 'emoji, right-to-left text, combining marks, zero-width and control characters in text cells',
      bytes: utf8(crlf([LEADS_HEADER, '1;05.03.2024 10:00;📞 Звонок 👍🏽;مرحبا;ООО «Ё\u0308лка»', '2;05.03.2024 11:00;\u200bSEO\u200d;\u202eвонави\u202c;ООО \u0007Бип', '3;05.03.2024 12:00;\u00a0Директ\u00a0;Иванов\u0301;\ufeffООО В'])),
    },
    {
      path: 'files/injection.csv',
      what: 'formula and HTML injection in channel, manager and company cells',
      bytes: utf8(crlf(['ID,Created Time,Lead Source,Lead Owner,Company', ...['=HYPERLINK("http://evil.example","x")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\t=1+1', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '"><svg onload=alert(1)>'].map((h, i) => `${i + 1},2024-03-0${i + 1} 10:00,"${h.replace(/"/g, '""')}","${h.replace(/"/g, '""')}","${h.replace(/"/g, '""')}"`)])),
    },
    { path: 'files/row-beyond-excel.xlsx', what: 'a sheet row numbered 1,048,577, past Excel\'s last row', bytes: buildPackage({ sheets: [{ name: 'S', xml: worksheetXml(row(1, inline('A1', 'Дата') + inline('B1', 'Сумма')) + row(1048577, inline('A1048577', 'x'))) }] }) },
    { path: 'files/column-beyond-xfd.xlsx', what: 'a cell in column XFE, past Excel\'s last column', bytes: buildPackage({ sheets: [{ name: 'S', xml: worksheetXml(row(1, inline('A1', 'Дата') + inline('XFE1', 'Сумма'))) }] }) },
    { path: 'files/shared-string-out-of-range.xlsx', what: 'a cell pointing at shared string 999 of a 1-string table', bytes: buildPackage({ sheets: [{ name: 'S', xml: worksheetXml(row(1, inline('A1', 'Дата') + '<c r="B1" t="s"><v>999</v></c>')) }], sharedStrings: sharedStringsXml(['<t>x</t>']) }) },
  ];
}

function configs(): HostileFixture[] {
  const yaml = (s: string) => utf8(s.trimStart());
  return [
    { path: 'config/leads.csv', what: 'a good lead file the configs point at', bytes: utf8(crlf(leadRows(3, (i) => `0${i}.03.2024 10:00`))) },
    { path: 'config/unknown-keys.yaml', what: 'misspelt keys at the top level and inside a source', bytes: yaml(`
won_status: [won]
chanels:
  - { match: seo, channel: SEO }
sources:
  - kind: leads
    files: leads.csv
    colums: { created_at: "Дата создания" }
`) },
    { path: 'config/wrong-types.yaml', what: 'values of the wrong type or range for six keys', bytes: yaml(`
timezone: Mars/Olympus_Mons
week_start: friday
conversion_window_days: ninety
callback_window_hours: -5
sources: leads.csv
targets:
  - { metric: revenue, min: lots }
`) },
    { path: 'config/catastrophic-regex.yaml', what: 'exponential-backtracking patterns in channels, managers and internal_numbers', bytes: yaml(`
channels:
  - { match: "(a+)+$", channel: Evil }
managers:
  - { match: "(x|xx)*y", name: Evil }
internal_numbers: ["(\\\\d+)+$"]
`) },
    { path: 'config/glob-nothing.yaml', what: 'a source glob that matches no file', bytes: yaml(`
sources:
  - kind: leads
    files: exports/nothing-*.csv
`) },
    { path: 'config/invalid-yaml.yaml', what: 'YAML that does not parse (an unclosed quote on line 3)', bytes: yaml(`
channels:
  - match: "([a-z]
    channel: X
`) },
    { path: 'config/alias-bomb.yaml', what: 'a "billion laughs" YAML alias bomb', bytes: yaml(`
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
`) },
  ];
}

/** Every committed hostile fixture except the error-code reproducers (see codes.ts). */
export function hostileFiles(): HostileFixture[] {
  return [...files(), ...configs()];
}

