/**
 * `--shapes`: kpi alone (no baseline) on exports shaped unlike the three standard ones, each the
 * kind of file that once made a path slow or memory-hungry, so a change that brings one back shows
 * in the figures:
 * - `asterisk-cdr`: a headerless Asterisk Master.csv — 18 quoted columns, text call ids
 *   (`1709633702.17`), a distinct external number on almost every call, direction from
 *   `internal_numbers` (was 8.9 s / 408 MB at 1M rows: text ids sat in two Maps of strings);
 * - `asterisk-all-rejected`: the same log with `internal_numbers` that match no extension, so
 *   every call is rejected and reported (an issue per row, written as JSON);
 * - `hubspot-leads`: an English, comma-separated lead list with an e-mail per lead, ISO dates;
 * - `leads-all-warn`: the same list with a phone no country plan accepts on every row
 *   (a `phone_invalid` warning per row);
 * - `leads-all-distinct`: the same list where every lead is a new company with its own e-mail and
 *   phone (was 11.5 s / 954 MB at 1M rows: client identity and the leads' phone and e-mail
 *   dictionaries kept a million strings each in Maps);
 * - `uci-invoices`: invoice lines shaped like UCI Online Retail — slashed `d/M/yyyy H:mm` dates,
 *   quantity × price, a quarter of the lines without a customer (rejected), about 120 MB of JSON
 *   issues (was 3.0 s / 267-307 MB at 1M rows before the fifth session);
 * - `leads-1251`: the standard lead list in windows-1251, as old boxed Bitrix24 installs export it
 *   (decoded by iconv-lite alone before the fifth session: ~10 % slower than the same list in UTF-8);
 * - `plain-leads`, `plain-calls`, `plain-invoices`: the issue's own shapes — plain ASCII, a header
 *   of plain words (`manager`, `phone`, `number`: left unread before the ninth session), a phone
 *   nearly every lead's own; calls and invoices reported `-g manager`;
 * - `invoices-no-numbers`: a register without invoice numbers, every line its own invoice (the
 *   tallies held their negative ids in JS Sets: 263-278 MB at 1M lines before the thirteenth session);
 * - `bitrix-wide-leads`: a Bitrix24 lead export, `;`-separated and quoted, 40 columns of which kpi
 *   reads eight (the width of a real CRM export);
 * - `leads-office-phone`: the issue's lead list with an ИНН per company and one office phone on
 *   every lead (43 s at 240,000 rows before the fifteenth session: quadratic in the leads);
 * - `leads-landing-urls`: the issue's lead list with the landing URL and a click id as its source,
 *   a channel per lead (8.6 s / 812 MB at 1M rows before the thirteenth session);
 * - `utm-channels-table`, `utm-channels-xlsx`: the HubSpot list whose source is a landing URL with
 *   one of 3,000 campaign ids, reported `-g channel` as the terminal table and as XLSX — a report of
 *   3,000 groups (the table took O(groups²) with cli-table3 — 101 s for 1,000 groups — and the
 *   XLSX ~1 KB of memory a cell before the sixth session).
 * Each run must read every row (read = used + rejected); the table shows time, peak RSS and counts.
 */
import { createReadStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, type Rng } from './prng.js';
import type { CsvTable } from './table.js';
import { writeCsv } from './write-csv.js';
import { leadsTable } from './leads.js';
import { clientCount, makeClientPool } from './clients.js';
import { timeProcess } from './measure.js';
import type { Kind } from './datasets.js';

/** One shaped export and how kpi is run on it. */
interface Shape {
  name: string;
  kind: Kind;
  /** The file name (Asterisk's logs are called Master.csv). */
  file: string;
  table: (rng: Rng, rows: number) => CsvTable;
  /** kpi.config.yaml text, or null for `--no-config`. */
  config: ((file: string) => string) | null;
  /** The report's format (default json: counted from the document). */
  output?: 'json' | 'table' | 'xlsx';
  /** More arguments for `kpi report`. */
  args?: readonly string[];
}

/** What one shape's run measured. */
export interface ShapeResult {
  name: string;
  kind: Kind;
  rows: number;
  mb: number;
  wall_s: number;
  cpu_s: number | null;
  peak_rss_mb: number | null;
  rows_read: number | null;
  rows_used: number | null;
  rows_rejected: number | null;
  warnings: number | null;
  issues: number | null;
  /** Why the run does not count (exit code, bad JSON, rows lost), or null. */
  error: string | null;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const T0 = Date.UTC(2024, 0, 1) / 1000;

function stamp(sec: number): string {
  const d = new Date(sec * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A headerless Asterisk CDR: accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition, amaflags, uniqueid, userfield. */
function asteriskCdr(rng: Rng, rows: number): CsvTable {
  let i = 0;
  return {
    bom: false, eol: '\n', header: '', rows,
    next() {
      const start = T0 + i * 30 + rng.int(0, 29);
      const ext = 100 + rng.int(0, 15);
      const external = `7925${pad(rng.int(0, 9_999_999), 7)}`;
      const inbound = rng.chance(0.5);
      const [src, dst, ctx, clid] = inbound ? [external, String(ext), 'from-trunk', external] : [String(ext), `+${external}`, 'from-internal', `""Agent ${ext}"" <${ext}>`];
      const disposition = rng.pick(['ANSWERED', 'ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED']);
      const duration = rng.int(1, 900);
      const billsec = disposition === 'ANSWERED' ? Math.max(0, duration - rng.int(1, 20)) : 0;
      const answer = billsec > 0 ? `"${stamp(start + duration - billsec)}"` : '';
      // legs of one call share a uniqueid now and then (a transfer): those rows are merged
      const id = i % 11 === 10 ? i - 1 : i;
      const line = `"","${src}","${dst}","${ctx}","${clid}","PJSIP/${src}-${pad(i % 65536, 8)}","PJSIP/${dst}-${pad((i + 1) % 65536, 8)}","Dial","PJSIP/${dst},30","${stamp(start)}",${answer},"${stamp(start + duration)}",${duration},${billsec},"${disposition}","DOCUMENTATION","${T0 + id * 30}.${id}",""`;
      i++;
      return line;
    },
  };
}

const FIRST = ['Anna', 'Bob', 'Chloé', 'David', 'Emma', 'Frank', 'Grace', 'Henry', 'Ivy', 'Jack'];
const LAST = ['Smith', 'Jones', "O'Neil", 'Taylor', 'Wilson', 'Davies', 'Evans', 'Thomas', 'Roberts', 'Walker'];
const STATUS = ['New', 'Open', 'In Progress', 'Open Deal', 'Unqualified', 'Attempted to Contact', 'Connected', 'Bad Timing'];
const SOURCE = ['Organic Search', 'Paid Search', 'Direct Traffic', 'Referrals', 'Social Media', 'Email Marketing', 'Offline Sources', 'Paid Social'];

/**
 * A HubSpot-style lead export; `badPhone` gives every row a number no plan accepts, `distinct` a
 * company, e-mail and phone of its own (every lead a new client: the dictionaries and client
 * identity hold a million of each).
 */
function hubspotLeads(badPhone: boolean, distinct = false, campaigns = 0) {
  return (rng: Rng, rows: number): CsvTable => {
    let i = 0;
    return {
      bom: false, eol: '\n', rows,
      header: '"Record ID","First Name","Last Name","Company Name","Email","Phone Number","Lead Status","Original Source","Create Date","Contact owner","Amount"',
      next() {
        const c = distinct ? i + 1 : rng.int(1, 60_000);
        const t = T0 + i * 60 + rng.int(0, 50);
        const phone = badPhone ? `12345678${i % 100_000}` : distinct ? `+1 (555) ${pad(c % 10_000_000, 7)}` : `+1 (555) ${pad(c % 1000, 3)}-${pad(c % 10_000, 4)}`;
        const source = campaigns > 0 ? `https://example.com/landing?utm_source=ads&utm_campaign=c${rng.int(0, campaigns - 1)}` : rng.pick(SOURCE);
        const line = `"${100_000 + i}","${rng.pick(FIRST)}","${rng.pick(LAST)}","Company ${c}, Inc.","user${c}@company${c}.com","${phone}","${rng.pick(STATUS)}","${source}","${stamp(t).slice(0, 16)}","${rng.pick(FIRST)} ${rng.pick(LAST)}","${rng.int(0, 99_999)}.${pad(rng.int(0, 99))}"`;
        i++;
        return line;
      },
    };
  };
}

const WORDS = ['WHITE', 'HANGING', 'HEART', 'T-LIGHT', 'HOLDER', 'METAL', 'LANTERN', 'CREAM', 'CUPID', 'HEARTS', 'COAT', 'HANGER', 'KNITTED', 'UNION', 'FLAG', 'HOT', 'WATER', 'BOTTLE', 'RED', 'WOOLLY', 'SET', 'OF', 'BABUSHKA', 'NESTING', 'BOXES', 'GLASS', 'STAR', 'FROSTED'];
const COUNTRIES = ['United Kingdom', 'United Kingdom', 'United Kingdom', 'France', 'Germany', 'EIRE', 'Spain', 'Netherlands', 'Belgium', 'Switzerland', 'Portugal', 'Australia', 'Norway', 'Italy'];

/**
 * Invoice lines shaped like UCI Online Retail (the public dataset kpi's golden tests read): no
 * amount column (quantity × price), `d/M/yyyy H:mm` dates (slashed, so every value's reading
 * depends on the column's evidence), about 20 lines an invoice, and a quarter of
 * the lines without a customer id — rejected as `no_client`, as in the real data.
 */
function uciInvoices(rng: Rng, rows: number): CsvTable {
  let invoice = 536_365;
  let left = 0;
  let customer = '';
  let country = '';
  let t = Date.UTC(2024, 0, 13, 8, 26) / 1000; // the 13th: day-first is settled by the first row, at any size
  return {
    bom: false, eol: '\n', rows,
    header: 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
    next() {
      if (left === 0) {
        invoice++;
        left = rng.int(1, 40);
        t += rng.int(0, 42) * 60; // ~2 years at 1M lines
        customer = rng.chance(0.25) ? '' : String(rng.int(12_346, 18_287));
        country = rng.pick(COUNTRIES);
      }
      left--;
      const d = new Date(t * 1000);
      const item = rng.int(0, 3999);
      const words = Array.from({ length: 3 + (item % 4) }, (_, k) => WORDS[(item * 7 + k * 13) % WORDS.length]).join(' ');
      const description = item % 17 === 0 ? `"${words}, SMALL"` : words;
      const line = `${invoice},${85_000 + item}${item % 5 === 0 ? 'A' : ''},${description},${rng.int(1, 48)},${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()} ${d.getUTCHours()}:${pad(d.getUTCMinutes())},${rng.int(10, 2000) / 100},${customer},${country}`;
      return line;
    },
  };
}

/**
 * The standard lead list (seed 1: the same rows as `leads-1m-s1.csv`) as an old boxed Bitrix24
 * exports it: windows-1251, no BOM.
 */
function leads1251(_rng: Rng, rows: number): CsvTable {
  return { ...leadsTable(1, rows, makeClientPool(1, clientCount(rows))), bom: false, encoding: 'windows-1251' };
}

const CHANNELS = ['google', 'yandex', 'website', 'email', 'referral', 'expo', 'direct', 'phone'];
const manager = (rng: Rng): string => `Manager ${rng.int(1, 20)}`;

/**
 * The issue's own lead list (79 MB at 1M rows): plain ASCII, a header of plain words, a lead a
 * minute over two years, 100,000 companies, a phone nearly every lead's own.
 */
function plainLeads(rng: Rng, rows: number): CsvTable {
  let i = 0;
  return {
    bom: false, eol: '\n', rows, header: 'id,created_at,channel,manager,company,phone,amount',
    next() {
      const line = `${100_000 + i},${stamp(T0 + i * 60 + rng.int(0, 59)).slice(0, 16)},${rng.pick(CHANNELS)},${manager(rng)},Company ${rng.int(1, 100_000)},+7916${pad(rng.int(0, 9_999_999), 7)},${rng.int(1000, 99_999)}.${pad(rng.int(0, 99))}`;
      i++;
      return line;
    },
  };
}

/**
 * The issue's lead list whose source is the landing URL with a click id — a channel per lead,
 * since unmapped values pass through as they are (SPEC §2).
 */
function landingUrlLeads(rng: Rng, rows: number): CsvTable {
  let i = 0;
  return {
    bom: false, eol: '\n', rows, header: 'id,created_at,source,manager,company,phone,amount',
    next() {
      const line = `${100_000 + i},${stamp(T0 + i * 60 + rng.int(0, 59)).slice(0, 16)},https://shop.example.com/landing?utm_source=${rng.pick(CHANNELS)}&utm_medium=cpc&gclid=Cj0KCQiA${i.toString(36)}Xz,${manager(rng)},Company ${rng.int(1, 100_000)},+7916${pad(rng.int(0, 9_999_999), 7)},${rng.int(1000, 99_999)}.${pad(rng.int(0, 99))}`;
      i++;
      return line;
    },
  };
}

/**
 * The issue's lead list with an ИНН per company and one office phone on every lead — a manager's
 * own number typed into the phone field (43 s at 240,000 rows before the fifteenth session: each
 * lead checked the phone's list of linked client ids for its own). A tenth of the leads have no
 * ИНН and are keyed through their company name.
 */
function officePhoneLeads(rng: Rng, rows: number): CsvTable {
  let i = 0;
  return {
    bom: false, eol: '\n', rows, header: 'id,created_at,channel,manager,company,inn,phone,amount',
    next() {
      const c = rng.int(1, 100_000);
      const inn = rng.chance(0.9) ? String(7_700_000_000 + c) : '';
      const line = `${100_000 + i},${stamp(T0 + i * 60 + rng.int(0, 59)).slice(0, 16)},${rng.pick(CHANNELS)},${manager(rng)},Company ${c},${inn},+74951234567,${rng.int(1000, 99_999)}.${pad(rng.int(0, 99))}`;
      i++;
      return line;
    },
  };
}

/** The issue's own call log: one column for the other party's number, direction and status words. */
function plainCalls(rng: Rng, rows: number): CsvTable {
  let i = 0;
  return {
    bom: false, eol: '\n', rows, header: 'id,started_at,direction,manager,phone,duration,status',
    next() {
      const answered = rng.chance(0.8);
      // callers repeat: a missed caller is often called back
      const line = `${500_000 + i},${stamp(T0 + i * 60 + rng.int(0, 59))},${rng.chance(0.5) ? 'inbound' : 'outbound'},${manager(rng)},+7916${pad(rng.int(0, 299_999), 7)},${answered ? rng.int(5, 900) : 0},${answered ? 'answered' : 'missed'}`;
      i++;
      return line;
    },
  };
}

/** The issue's own invoice register: a number per invoice of 1–3 lines, 50,000 clients, 5 % void. */
function plainInvoices(rng: Rng, rows: number): CsvTable {
  let i = 0;
  let invoice = 0;
  let left = 0;
  let client = '';
  let mgr = '';
  return {
    bom: false, eol: '\n', rows, header: 'number,date,client,amount,manager,status',
    next() {
      if (left === 0) {
        invoice++;
        left = rng.int(1, 3);
        client = `Client ${rng.int(1, 50_000)}`;
        mgr = manager(rng);
      }
      left--;
      const line = `INV-${100_000 + invoice},${stamp(T0 + i * 60).slice(0, 10)},${client},${rng.int(100, 99_999)}.${pad(rng.int(0, 99))},${mgr},${rng.chance(0.05) ? 'void' : 'paid'}`;
      i++;
      return line;
    },
  };
}

/**
 * A register without invoice numbers, as a sales export or a hand-kept sheet has it: date, client,
 * amount, manager — every line its own invoice.
 */
function invoicesWithoutNumbers(rng: Rng, rows: number): CsvTable {
  let i = 0;
  return {
    bom: false, eol: '\n', rows, header: 'date,client,amount,manager',
    next() {
      const line = `${stamp(T0 + i * 60).slice(0, 10)},Client ${rng.int(1, 50_000)},${rng.int(100, 99_999)}.${pad(rng.int(0, 99))},${manager(rng)}`;
      i++;
      return line;
    },
  };
}

/** A Bitrix24 lead list's columns as its CSV export names them (RU UI), most of them not read by kpi. */
const BITRIX_COLUMNS = ['ID', 'Название лида', 'Имя', 'Фамилия', 'Отчество', 'Дата создания', 'Дата изменения', 'Статус', 'Дополнительно о статусе', 'Источник', 'Дополнительно об источнике', 'Ответственный', 'Кем создан', 'Кем изменен', 'Название компании', 'Должность', 'Рабочий телефон', 'Мобильный телефон', 'Рабочий e-mail', 'Частный e-mail', 'Возможная сумма', 'Валюта', 'Комментарий', 'Адрес', 'Город', 'Регион', 'Страна', 'Почтовый индекс', 'Корпоративный сайт', 'Telegram', 'Skype', 'Дата рождения', 'Обращение', 'Открытая линия', 'Повторный лид', 'Товар', 'Цена', 'Количество', 'Тип лида', 'Доступен для всех'];
const BITRIX_STATUS = ['Не обработан', 'В работе', 'Обработан', 'Качественный лид', 'Некачественный лид'];
const BITRIX_SOURCE = ['Звонок', 'Веб-сайт', 'Электронная почта', 'Выставка', 'Реклама', 'Рекомендация', 'CRM-форма', 'Другое'];
const PEOPLE = ['Иванов Иван', 'Петрова Анна', 'Сидоров Пётр', 'Кузнецова Мария', 'Смирнов Олег', 'Попова Елена'];

/**
 * A Bitrix24 lead list as its CSV export writes it: `;`, every field quoted, 40 columns of which
 * kpi reads eight, most of the others empty, `dd.mm.yyyy HH:MM:SS` dates — the width of a real
 * CRM export, where every cell of an unread column still costs the reader.
 */
function bitrixWideLeads(rng: Rng, rows: number): CsvTable {
  let i = 0;
  const q = (v: string): string => `"${v}"`;
  const ru = (sec: number): string => {
    const t = stamp(sec);
    return `${t.slice(8, 10)}.${t.slice(5, 7)}.${t.slice(0, 4)} ${t.slice(11)}`;
  };
  return {
    bom: false, eol: '\n', rows, header: BITRIX_COLUMNS.map(q).join(';'),
    next() {
      const c = rng.int(1, 60_000);
      const t = T0 + i * 60 + rng.int(0, 50);
      const who = rng.pick(PEOPLE);
      const [last, first] = who.split(' ') as [string, string];
      const maybe = (p: number, v: string): string => (rng.chance(p) ? v : '');
      const cells = [
        String(200_000 + i), `Лид #${200_000 + i}`, first, last, '', ru(t), ru(t + rng.int(0, 86_400)), rng.pick(BITRIX_STATUS), maybe(0.1, 'перезвонить'),
        rng.pick(BITRIX_SOURCE), maybe(0.2, 'весенняя кампания'), rng.pick(PEOPLE), rng.pick(PEOPLE), rng.pick(PEOPLE),
        `ООО «Компания ${c}»`, maybe(0.3, 'директор'), `+7 (495) ${pad(c % 1000, 3)}-${pad(c % 100, 2)}-${pad(i % 100, 2)}`, maybe(0.3, `+7 916 ${pad(rng.int(0, 9_999_999), 7)}`),
        `info@company${c}.ru`, maybe(0.1, `${first.toLowerCase()}@mail.ru`), `${rng.int(0, 500_000)}`, 'RUB', maybe(0.15, 'Клиент просил перезвонить после обеда; см. письмо'),
        maybe(0.2, 'ул. Ленина, д. 1'), maybe(0.4, 'Москва'), maybe(0.2, 'Московская обл.'), maybe(0.4, 'Россия'), maybe(0.1, '101000'), maybe(0.2, `https://company${c}.ru`),
        maybe(0.05, `@user${c}`), '', '', maybe(0.3, 'г-н'), '', rng.chance(0.1) ? 'Y' : 'N', '', '', '', 'Лид', 'Y',
      ];
      i++;
      return cells.map(q).join(';');
    },
  };
}

const cdrConfig = (internal: string) => (file: string): string =>
  `sources:\n  - kind: calls\n    files: ${JSON.stringify(file)}\n    profile: asterisk-cdr\n    header_row: none\ninternal_numbers: [${JSON.stringify(internal)}]\n`;

const SHAPES: readonly Shape[] = [
  { name: 'asterisk-cdr', kind: 'calls', file: 'Master.csv', table: asteriskCdr, config: cdrConfig('^1\\d\\d$') },
  { name: 'asterisk-all-rejected', kind: 'calls', file: 'Master.csv', table: asteriskCdr, config: cdrConfig('^9\\d\\d$') },
  { name: 'hubspot-leads', kind: 'leads', file: 'hubspot-leads.csv', table: hubspotLeads(false), config: null },
  { name: 'leads-all-warn', kind: 'leads', file: 'leads-bad-phones.csv', table: hubspotLeads(true), config: null },
  { name: 'leads-all-distinct', kind: 'leads', file: 'leads-distinct.csv', table: hubspotLeads(false, true), config: null },
  { name: 'uci-invoices', kind: 'invoices', file: 'online-retail.csv', table: uciInvoices, config: null },
  { name: 'leads-1251', kind: 'leads', file: 'leads-1251.csv', table: leads1251, config: null },
  { name: 'plain-leads', kind: 'leads', file: 'leads.csv', table: plainLeads, config: null },
  { name: 'plain-calls', kind: 'calls', file: 'calls.csv', table: plainCalls, config: null, args: ['-g', 'manager'] },
  { name: 'plain-invoices', kind: 'invoices', file: 'invoices.csv', table: plainInvoices, config: null, args: ['-g', 'manager'] },
  { name: 'invoices-no-numbers', kind: 'invoices', file: 'sales.csv', table: invoicesWithoutNumbers, config: null, args: ['-g', 'manager'] },
  { name: 'bitrix-wide-leads', kind: 'leads', file: 'leads-bitrix.csv', table: bitrixWideLeads, config: null },
  { name: 'leads-landing-urls', kind: 'leads', file: 'leads-urls.csv', table: landingUrlLeads, config: null },
  { name: 'leads-office-phone', kind: 'leads', file: 'leads-office-phone.csv', table: officePhoneLeads, config: null },
  { name: 'utm-channels-table', kind: 'leads', file: 'leads-utm.csv', table: hubspotLeads(false, false, 3000), config: null, output: 'table', args: ['-g', 'channel'] },
  { name: 'utm-channels-xlsx', kind: 'leads', file: 'leads-utm.csv', table: hubspotLeads(false, false, 3000), config: null, output: 'xlsx', args: ['-g', 'channel'] },
];

/** Every shape's name, in the order they run (`npm run bench -- --shape NAME`). */
export const SHAPE_NAMES: readonly string[] = SHAPES.map((s) => s.name);

type Counts = Pick<ShapeResult, 'rows_read' | 'rows_used' | 'rows_rejected' | 'warnings' | 'issues' | 'error'>;
const NO_COUNTS = { rows_read: null, rows_used: null, rows_rejected: null, warnings: null, issues: null };

/** Counts from a terminal table's data-health footer (`Data: file N read, N used, N rejected`). */
async function tableCounts(file: string, rows: number): Promise<Counts> {
  let tail = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) tail = (tail + (chunk as string)).slice(-4096);
  const m = /Data: .* (\d+) read, (\d+) used, (\d+) rejected/.exec(tail);
  if (!m) return { ...NO_COUNTS, error: `no data footer in the table: ${JSON.stringify(tail.slice(-120))}` };
  const [read, used, rejected] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const error = read !== rows ? `read ${read} of ${rows} rows` : used + rejected !== read ? 'read ≠ used + rejected' : null;
  return { rows_read: read, rows_used: used, rows_rejected: rejected, warnings: null, issues: null, error };
}

/**
 * Counts from a run's JSON output file, or why it does not count. An issue per row makes the
 * document larger than a JS string may be, so it is streamed: the part before `"issues"` is parsed
 * (kpi writes meta and rows first) and the issues are counted by their opening lines.
 */
async function counts(file: string, rows: number): Promise<Counts> {
  const ISSUES = '\n  "issues": [';
  let head = '';
  let issues = 0;
  let inIssues = false;
  let carry = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    if (!inIssues) {
      head += chunk as string;
      const at = head.indexOf(ISSUES);
      if (at < 0) continue;
      inIssues = true;
      carry = head.slice(at);
      head = head.slice(0, at);
    } else carry += chunk as string;
    issues += carry.split('\n    {\n').length - 1;
    carry = carry.slice(-6); // a match cut by the chunk boundary, never a whole one counted twice
  }
  try {
    const doc = JSON.parse(head.replace(/,\s*$/, '') + '}') as { meta: { inputs: { rows_read: number; rows_used: number; rows_rejected: number; warnings: number }[] } };
    const sum = (k: 'rows_read' | 'rows_used' | 'rows_rejected' | 'warnings') => doc.meta.inputs.reduce((n, f) => n + f[k], 0);
    const c = { rows_read: sum('rows_read'), rows_used: sum('rows_used'), rows_rejected: sum('rows_rejected'), warnings: sum('warnings'), issues };
    const error = c.rows_read !== rows ? `read ${c.rows_read} of ${rows} rows` : c.rows_used + c.rows_rejected !== c.rows_read ? 'read ≠ used + rejected' : null;
    return { ...c, error };
  } catch {
    return { ...NO_COUNTS, error: `not kpi's JSON report: ${JSON.stringify(head.slice(0, 120))}` };
  }
}

/** Generate (each run anew: the files are quick to write) and time every shape once. */
export async function timeShapes(rows: number, seed: number, outDir: string, kpiBin: string, log: (line: string) => void, only: readonly string[] | null = null): Promise<ShapeResult[]> {
  const out: ShapeResult[] = [];
  for (const s of SHAPES) {
    if (only !== null && !only.includes(s.name)) continue;
    const dir = join(outDir, 'shapes', s.name);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, s.file);
    await writeCsv(s.table(createRng(seed, 7), rows), file);
    const output = s.output ?? 'json';
    const json = join(dir, `report.${output === 'table' ? 'txt' : output}`);
    const args = ['report', `--${s.kind}`, file, '-p', '2024-01..2025-12', '-O', output, '-o', json, '--today', '2026-01-15', ...(s.args ?? [])];
    if (s.config) {
      writeFileSync(join(dir, 'kpi.config.yaml'), s.config(file));
      args.push('--config', join(dir, 'kpi.config.yaml'));
    } else args.push('--no-config');
    const run = await timeProcess(process.execPath, [kpiBin, ...args], { cwd: dir, timeoutMs: 15 * 60_000 });
    // an XLSX workbook is not read back: its run counts when it exits 0 with a file written
    const ok = run.exitCode === 0;
    const c = !ok ? { ...NO_COUNTS, error: `exit ${run.exitCode}: ${run.stderr.trim().slice(0, 200)}` }
      : output === 'json' ? await counts(json, rows)
      : output === 'table' ? await tableCounts(json, rows)
      : { ...NO_COUNTS, error: statSync(json, { throwIfNoEntry: false })?.size ? null : 'no workbook written' };
    rmSync(json, { force: true });
    const r: ShapeResult = {
      name: s.name, kind: s.kind, rows, mb: statSync(file).size / 1e6,
      wall_s: run.wallMs / 1000, cpu_s: run.cpuMs === null ? null : run.cpuMs / 1000,
      peak_rss_mb: run.peakRssKb === null ? null : (run.peakRssKb * 1024) / 1e6, ...c,
    };
    log(`shape ${s.name}: ${shapeLine(r)}`);
    out.push(r);
  }
  return out;
}

/** One result as a line of text. */
export function shapeLine(r: ShapeResult): string {
  if (r.error !== null) return `${r.rows} rows, ${r.mb.toFixed(1)} MB: FAILED (${r.error})`;
  const time = `${r.rows} rows, ${r.mb.toFixed(1)} MB: ${r.wall_s.toFixed(2)} s, peak ${r.peak_rss_mb?.toFixed(0) ?? '?'} MB`;
  if (r.rows_read === null) return `${time}; (counts not read from an XLSX workbook)`;
  return `${time}; used ${r.rows_used}, rejected ${r.rows_rejected}, warnings ${r.warnings ?? '?'}, issues ${r.issues ?? '?'}`;
}
