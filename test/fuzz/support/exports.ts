/**
 * fast-check arbitraries for whole exports: lead, call and invoice records whose text fields are
 * drawn from hostile material (formula prefixes, markup, quotes, delimiters, line breaks, RTL,
 * emoji), written as CSV the way CRMs write them. And the options object `runReport` takes.
 */
import fc from 'fast-check';
import type { SharedOptions } from '../../../src/cli/options.js';

/** Texts that try to break an output format. */
export const HOSTILE_TEXTS = [
  '=HYPERLINK("http://evil.example","x")', '=1+1', '+7 912 000-00-00', '-2+3', '@SUM(A1:A9)', '\t=cmd', '\r=cmd',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', 'javascript:alert(1)',
  "O'Brien & Sons", 'a|b', '**bold**', '`code`', '[x](http://evil.example)', 'مرحبا', '📞 звонок', 'Иванов', 'ООО «Ромашка»',
  '(none)', '(unattributed)', 'NULL', 'N/A', '-', '  padded  ', 'Итого', 'total', 'x'.repeat(300),
] as const;

const UNITS = ['а', 'Б', 'x', ' ', '=', '+', '-', '@', '\t', '<', '>', '"', "'", '&', ';', ',', '|', '\n', '\r', '1', 'é', '😀'];

/** A text field: mostly names from a small pool (so groups repeat), sometimes hostile or random. */
export const text = (pool: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...pool) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXTS) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 16 }) },
  );

const MANAGERS = ['Иванов', 'Петрова', 'Smith', ''];
const CHANNELS = ['SEO', 'Директ', 'Звонок', 'cold call', ''];
const SEGMENTS = ['Опт', 'Розница', ''];
const CLIENTS = ['ООО Ромашка', 'АО Вектор', 'ИП Сидоров', 'Acme Inc', 'ООО «Лютик»'];

const day = fc.integer({ min: 0, max: 180 }); // days after 2024-01-01
function dateText(d: number, minute: number, style: 'dot' | 'iso'): string {
  const t = new Date(Date.UTC(2024, 0, 1) + d * 86_400_000 + minute * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const [y, mo, dd, h, mi] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes()];
  return style === 'dot' ? `${p(dd)}.${p(mo)}.${y} ${p(h)}:${p(mi)}` : `${y}-${p(mo)}-${p(dd)} ${p(h)}:${p(mi)}:00`;
}

/** One cell of a delimited file, quoted when it must be (RFC 4180). */
export function csvCell(s: string, d: string): string {
  return /["\r\n]/.test(s) || s.includes(d) || s !== s.trim() ? '"' + s.replace(/"/g, '""') + '"' : s;
}

const table = (rows: readonly (readonly string[])[], d: string): string => rows.map((r) => r.map((c) => csvCell(c, d)).join(d)).join('\r\n') + '\r\n';

export const leadsCsv = fc
  .array(
    fc.record({
      id: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
      day, minute: fc.integer({ min: 0, max: 1439 }),
      channel: text(CHANNELS), manager: text(MANAGERS), client: text(CLIENTS), segment: text(SEGMENTS),
      status: fc.constantFrom('Новая', 'В работе', 'Сделка успешна', 'won', ''),
      phone: fc.constantFrom('+7 912 345-67-89', '8 (495) 123-45-67', '', 'n/a'),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((rs) => table([
    ['ID', 'Дата создания', 'Источник', 'Ответственный', 'Название компании', 'Сегмент', 'Статус', 'Телефон'],
    ...rs.map((r) => [r.id === null ? '' : String(r.id), dateText(r.day, r.minute, 'dot'), r.channel, r.manager, r.client, r.segment, r.status, r.phone]),
  ], ';'));

export const callsCsv = fc
  .array(
    fc.record({
      day, minute: fc.integer({ min: 0, max: 1439 }),
      dir: fc.constantFrom('Inbound', 'Outbound', 'Internal'),
      manager: text(MANAGERS),
      dur: fc.integer({ min: 0, max: 900 }),
      status: fc.constantFrom('ANSWERED', 'NO ANSWER', 'BUSY', ''),
      from: fc.constantFrom('+79123456789', '+74951234567', '101', 'Anonymous', ''),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((rs) => table([
    ['Call Start Time', 'Call Type', 'Call Owner', 'Call Duration (in seconds)', 'Call Status', 'from'],
    ...rs.map((r) => [dateText(r.day, r.minute, 'iso'), r.dir, r.manager, String(r.dur), r.status, r.from]),
  ], ','));

export const invoicesCsv = fc
  .array(
    fc.record({
      number: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
      day, client: text(CLIENTS), manager: text(MANAGERS), segment: text(SEGMENTS),
      cents: fc.integer({ min: -50_000, max: 5_000_000 }),
      cost: fc.option(fc.integer({ min: 0, max: 3_000_000 }), { nil: null }),
      status: fc.constantFrom('Проведен', 'Отменен', ''),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((rs) => {
    const money = (c: number) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)},${String(Math.abs(c) % 100).padStart(2, '0')}`;
    return table([
      ['Дата', 'Номер', 'Контрагент', 'Менеджер', 'Сегмент', 'Сумма', 'Себестоимость', 'Статус'],
      ...rs.map((r) => [dateText(r.day, 0, 'dot').slice(0, 10), r.number === null ? '' : String(r.number), r.client, r.manager, r.segment, money(r.cents), r.cost === null ? '' : money(r.cost), r.status]),
    ], ';');
  });

/** SharedOptions as the CLI would build them for `report --no-config --today 2024-12-31`. */
export function reportOptions(over: Partial<SharedOptions> = {}): SharedOptions {
  return {
    leads: [], calls: [], invoices: [], config: null, noConfig: true, period: null, begin: null, end: null,
    interval: null, today: '2024-12-31', groupBy: null, compare: null, format: null, output: null, layout: null,
    csvDialect: null, lang: null, color: 'never', strict: false, rejects: null, explain: false, quiet: true,
    demo: false, force: false, ...over,
  };
}
