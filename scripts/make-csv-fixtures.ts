/**
 * Writes the CSV reader's quirk fixtures into `fixtures/quirks/csv/` (deterministic; the outputs
 * are committed). Run: `npx tsx scripts/make-csv-fixtures.ts`.
 *
 * Each file is one real-world quirk, shaped like the exports of EXPORT-FORMATS.md (Bitrix24, 1C,
 * HubSpot, Zoho, Asterisk/FreePBX). `test/ingest/csv/fixtures.test.ts` asserts what the reader
 * must make of each, and checks that the committed files equal this script's output.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';

/** One fixture: its file name, bytes, and the quirk it stands for. */
export interface CsvFixture {
  name: string;
  bytes: Buffer;
  quirk: string;
}

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
const enc = (s: string, encoding: string, addBOM = false): Buffer => iconv.encode(s, encoding, { addBOM });
const lines = (rows: readonly string[], eol: string, trailing = true): string => rows.join(eol) + (trailing ? eol : '');

/** Bitrix24 lead list rows (RU UI), shared by the encoding fixtures. */
const BITRIX_LEADS: readonly (readonly string[])[] = [
  ['ID', 'Название лида', 'Дата создания', 'Статус', 'Источник', 'Ответственный', 'Название компании', 'Рабочий телефон', 'Возможная сумма'],
  ['1021', 'Заявка с сайта', '05.03.2024 10:15:02', 'Не обработан', 'Веб-сайт', 'Иванова Мария', 'ООО «Ромашка»', '+7 (912) 345-67-89', '12 500,00'],
  ['1022', 'Звонок: поставка труб', '05.03.2024 11:40:51', 'В работе', 'Звонок', 'Петров Алексей', 'АО «Вектор-Сталь»', '8 (495) 123-45-67', '340 000,00'],
  ['1023', 'Повторное обращение №2', '06.03.2024 09:02:13', 'Качественный лид', 'Электронная почта', 'Иванова Мария', 'ИП Сидоров Ёжик', '79123456780', '8 750,50'],
  ['1024', 'Счёт на предоплату', '07.03.2024 16:28:44', 'Некачественный лид', 'Реклама Яндекс', 'Смирнов Олег', 'ООО "Северный ветер"', '', '0,00'],
];

/** Bitrix24 CSV style: `;`, every field quoted (inner quotes doubled), CRLF. */
function bitrixCsv(rows: readonly (readonly string[])[]): string {
  return lines(rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(';')), '\r\n');
}

/** A plain (unquoted) rendering of the lead rows with `d`, for the UTF-16 variants. */
function plainLeads(d: string): string {
  return lines(BITRIX_LEADS.map((r) => r.join(d)), '\r\n');
}

const WESTERN = lines([
  'Customer;City;Contact;Amount',
  'Müller & Söhne GmbH;Köln;Jürgen Groß;1.250,00',
  'Café Olé;Besançon;Françoise Lefèvre;980,00',
  'Ñandú S.A.;Málaga;José Núñez;2.400,00',
  'Åkerlund & Rausing AB;Göteborg;Åsa Ström;310,00',
], '\r\n');

function buildFixtures(): CsvFixture[] {
  const f: CsvFixture[] = [];
  const add = (name: string, quirk: string, bytes: Buffer): void => {
    f.push({ name, quirk, bytes });
  };

  add('delim-comma-hubspot.csv', 'comma, RFC quoting, commas inside quoted cells', utf8(lines([
    '"Record ID","First Name","Last Name","Company Name","Lead Status","Original Source","Create Date","Contact owner"',
    '"101","Anna","Smith","Acme, Inc.","Open","Organic Search","2024-03-05 10:15","Jane Doe"',
    '"102","Bob","O\'Neil","Globex Corporation","In Progress","Paid Search","2024-03-05 11:02","Jane Doe"',
    '"103","Chloé","Martin","Initech, LLC","New","Direct Traffic","2024-03-06 09:45","Mark Lee"',
    '"104","Dmitry","Ivanov","","Unqualified","Referrals","2024-03-07 16:20","Mark Lee"',
  ], '\n')));

  add('delim-semicolon-decimal-comma.csv', '`;` with decimal-comma amounts (`1 234,56`, NBSP groups): still `;`', utf8(lines([
    'Дата;Номер;Контрагент;ИНН;Сумма;Себестоимость',
    '05.03.2024;А-0001;ООО Ромашка;7701234567;1 234,56;987,00',
    '05.03.2024;А-0002;АО Вектор;7702345678;12\u00a0500,00;9\u00a0100,40',
    '06.03.2024;А-0003;ИП Сидоров;500100732259;780,10;512,75',
    '07.03.2024;А-0004;ООО Север;7703456789;45 300,50;31 000,00',
  ], '\r\n')));

  add('delim-tab.tsv', 'tab-separated Zoho calls; cells contain commas', utf8(lines([
    'Subject\tCall Type\tCall Start Time\tCall Duration (in seconds)\tCall Owner\tCall Result',
    'Follow up, pricing\tOutbound\t15 Apr, 2021 00:03:00\t125\tKris Marrier\tInterested',
    'Demo request\tInbound\t15 Apr, 2021 09:41:00\t0\tCarissa Batman\tNo answer',
    'Renewal, Q2\tOutbound\t16 Apr, 2021 14:10:00\t612\tKris Marrier\tClosed, won',
  ], '\n')));

  add('delim-pipe.csv', 'pipe-separated call log; cells contain commas and semicolons', utf8(lines([
    'calldate|src|dst|disposition|billsec|note',
    '2024-03-05 10:15:02|113|89123456789|ANSWERED|38|callback; priority, high',
    '2024-03-05 10:21:40|79123456780|113|NO ANSWER|0|',
    '2024-03-05 11:02:11|114|84951234567|BUSY|0|retry, later',
  ], '\n')));

  add('sep-line.csv', 'Excel `sep=;` first line: consumed, lines stay physical', utf8(lines([
    'sep=;',
    'ID;Название сделки;Стадия сделки;Сумма;Дата создания',
    '501;Поставка труб;Сделка успешна;340 000,00;05.03.2024',
    '502;Монтаж;В работе;85 000,00;06.03.2024',
  ], '\r\n')));

  add('utf8-bom.csv', 'UTF-8 with BOM (BOM stripped)', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(bitrixCsv(BITRIX_LEADS))]));
  add('utf16le-bom.csv', 'UTF-16LE with BOM, tab-separated (Excel "Unicode text")', enc(plainLeads('\t'), 'utf-16le', true));
  add('utf16le-nobom.csv', 'UTF-16LE without BOM (NUL pattern)', enc(plainLeads(';'), 'utf-16le'));
  add('utf16be-bom.csv', 'UTF-16BE with BOM', enc(plainLeads(';'), 'utf-16be', true));
  add('utf16be-nobom.csv', 'UTF-16BE without BOM (NUL pattern)', enc(plainLeads('|'), 'utf-16be'));
  add('cp1251-bitrix-leads.csv', 'Windows-1251 Bitrix24 leads (detected)', enc(bitrixCsv(BITRIX_LEADS), 'windows-1251'));
  // KOI8-R has no « » №: write the text as a KOI8-R system would.
  const koi8Text = plainLeads(';').replace(/[«»]/g, '"').replace('№', 'N');
  add('koi8r-declared.csv', 'KOI8-R, read right only when declared', enc(koi8Text, 'koi8-r'));
  add('cp437-declared.csv', 'DOS cp437 Western text, read right only when declared', enc(WESTERN, 'cp437'));
  add('cp1252-western.csv', 'Windows-1252 Western text: guessed (encoding_guessed)', enc(WESTERN.replace('980,00', '€ 980,00'), 'windows-1252'));

  add('invalid-utf8-byte.csv', 'UTF-8 with one corrupt byte: still UTF-8, the byte becomes U+FFFD', Buffer.concat([
    utf8(plainLeads(';').split('\r\n').slice(0, 3).join('\r\n') + '\r\n'),
    utf8('1025;Заявка '), Buffer.from([0xff]), utf8(' с выставки;08.03.2024 12:00:00;Не обработан;Выставка;Смирнов Олег;ООО Прогресс;;1 000,00\r\n'),
    utf8(plainLeads(';').split('\r\n').slice(3).join('\r\n')),
  ]));

  add('multiline-quoted.csv', 'quoted cells spanning lines (LF and CRLF inside), `""` escapes', utf8(lines([
    'ID,Company,Comment,Amount',
    '1,"Acme, Inc.","Called twice.\nAsked for a quote ""ASAP"".",1200.00',
    '2,Globex,"Line one\r\nLine two\r\nLine three",450.50',
    '3,Initech,"",0',
    '4,"Umbrella ""Corp""",no comment,99.99',
  ], '\r\n')));

  add('cr-only-excel-mac.csv', 'CR-only line endings (Excel for Mac), dd/mm/yy dates', utf8(lines([
    'Date,Customer,Invoice,Total',
    '05/03/24,Acme Inc.,INV-0001,1200.00',
    '06/03/24,"Globex, Ltd",INV-0002,450.50',
    '07/03/24,Initech,INV-0003,99.99',
  ], '\r')));

  add('mixed-line-endings.csv', 'LF, CRLF and CR mixed in one file (glued exports)', utf8(
    'id,name,amount\n1,alpha,10\r\n2,beta,20\r3,gamma,30\n\n4,delta,40\r\n',
  ));

  add('freepbx-embedded-quotes.csv', 'FreePBX CDR report: unescaped quotes in clid (`"User 9" <113>`)', utf8(lines([
    'calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield,did,recordingfile,cnum,cnam,outbound_cnum,outbound_cnam,dst_cnam,linkedid,peeraccount,sequence',
    '2024-03-05 10:15:02,"User 9" <113>,113,89123456789,from-internal,PJSIP/113-0000001a,PJSIP/trunk-0000001b,Dial,PJSIP/89123456789@trunk,45,38,ANSWERED,3,,1709633702.26,,,out-89123456789-113-20240305-101502-1709633702.26.wav,113,User 9,,,,1709633702.26,,12',
    '2024-03-05 10:21:40,"+7 912 345-67-80" <79123456780>,79123456780,113,from-trunk,PJSIP/trunk-0000001c,PJSIP/113-0000001d,Dial,PJSIP/113,20,0,NO ANSWER,3,,1709633900.28,,74951234567,,79123456780,+7 912 345-67-80,,,User 9,1709633900.28,,13',
    '2024-03-05 11:02:11,"Отдел продаж" <114>,114,84951234567,from-internal,PJSIP/114-0000001e,,Dial,PJSIP/84951234567@trunk,12,0,BUSY,3,,1709636531.30,,,,114,Отдел продаж,,,,1709636531.30,,14',
  ], '\n')));

  add('title-rows-and-total.csv', '1C report: title rows (one with a comma), blank line, header, «Итого» footer', utf8(lines([
    'Продажи по контрагентам',
    'Отчет сформирован 02.04.2024, 10:15',
    'Период: 01.03.2024 - 31.03.2024',
    'Отбор: Организация = ООО "Вектор"',
    '',
    'Контрагент;ИНН;Документ;Сумма;Себестоимость',
    'ООО "Ромашка";7701234567;Реализация товаров и услуг 00000000012 от 05.03.2024;12 500,00;9 100,00',
    'АО "Северсталь-Трейд";7702345678;Реализация товаров и услуг 00000000013 от 11.03.2024;32 800,50;21 900,00',
    'ИП Сидоров А.В.;500100732259;Реализация товаров и услуг 00000000014 от 20.03.2024;0,00;0,00',
    'Итого;;;45 300,50;31 000,00',
  ], '\r\n')));

  add('ragged.csv', 'rows with fewer and more cells than the header (yielded as they are)', utf8(lines([
    'id,created_at,source,manager',
    '1,2024-03-05,web,Anna',
    '2,2024-03-06,phone',
    '3,2024-03-07,web,Bob,extra,cells',
    '4',
    '5,2024-03-08,email,Chloé,',
  ], '\n')));

  add('unclosed-quote.csv', 'a stray opening quote must not swallow the rest of the file', utf8(lines([
    'ID;Компания;Сумма;Менеджер',
    '1;ООО Ромашка;1 200,00;Иванова',
    '2;"ООО Вектор;3 400,00;Петров',
    '3;АО Север;560,00;Смирнов',
    '4;ИП Сидоров;780,00;Иванова',
  ], '\n')));

  add('no-trailing-newline.csv', 'last line without a terminator', utf8(lines([
    'id,amount',
    '1,10.00',
    '2,20.00',
  ], '\n', false)));

  add('single-column.csv', 'one column (no delimiter gives > 1 field): `,`', utf8(lines([
    'phone', '+7 912 345-67-89', '8 (495) 123-45-67', '79123456780',
  ], '\n')));

  add('delimiter-tie.csv', '`,` and `;` split every line alike: a real tie (exit 3)', utf8(lines([
    'a,b;c', '1,2;3', '4,5;6',
  ], '\n')));

  add('asterisk-master-stock.csv', 'stock Asterisk cdr_csv Master.csv: no header, 18 fields, strings quoted, `""` in clid', utf8(lines([
    '"","113","89123456789","from-internal","""User 9"" <113>","PJSIP/113-0000001a","PJSIP/trunk-0000001b","Dial","PJSIP/89123456789@trunk,60","2024-03-05 10:15:02","2024-03-05 10:15:09","2024-03-05 10:15:47",45,38,"ANSWERED","DOCUMENTATION","1709633702.26",""',
    '"","79123456780","113","from-trunk","""+7 912 345-67-80"" <79123456780>","PJSIP/trunk-0000001c","PJSIP/113-0000001d","Dial","PJSIP/113,30","2024-03-05 10:21:40","","2024-03-05 10:22:00",20,0,"NO ANSWER","DOCUMENTATION","1709633900.28",""',
  ], '\n')));

  return f;
}

/** The fixtures, in a fixed order. */
export function csvFixtures(): CsvFixture[] {
  return buildFixtures();
}

/** The fixture folder, relative to this script. */
export const CSV_FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'quirks', 'csv');

function main(): void {
  mkdirSync(CSV_FIXTURE_DIR, { recursive: true });
  const list = csvFixtures();
  for (const fx of list) writeFileSync(join(CSV_FIXTURE_DIR, fx.name), fx.bytes);
  const readme = ['# CSV reader quirk fixtures', '', 'Generated by `npx tsx scripts/make-csv-fixtures.ts`; do not edit by hand.', '',
    '| file | quirk |', '|---|---|', ...list.map((fx) => `| \`${fx.name}\` | ${fx.quirk.replaceAll('|', '\\|')} |`), ''].join('\n');
  writeFileSync(join(CSV_FIXTURE_DIR, 'README.md'), readme);
  console.log(`wrote ${list.length} fixtures to ${CSV_FIXTURE_DIR}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
