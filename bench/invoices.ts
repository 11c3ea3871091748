/**
 * Invoice lines as a 1C «Реализация товаров и услуг» report exports them: one row per line,
 * lines of one document sharing its number, date, client and manager; `Количество`, `Сумма`,
 * `Себестоимость`; about 1 % returns with negative amounts. The same line source feeds the CSV
 * (`;`, CRLF, `dd.mm.yyyy` with some ISO dates, `12 500,00`) and the XLSX writer (typed cells).
 */
import { createRng, weighted } from './prng.js';
import { skewedClient, type ClientPool } from './clients.js';
import { csvCell, dottedDate, isoDate, rubAmount, toCivil, type Civil } from './text.js';
import { rowTime } from './timeline.js';
import { MANAGERS } from './vocab.js';
import type { CsvTable } from './table.js';

/** The header row kpi must auto-detect as invoices (1C, Russian). */
export const INVOICE_HEADERS: readonly string[] = [
  'Дата', 'Номер', 'Контрагент', 'ИНН', 'Менеджер', 'Количество', 'Сумма', 'Себестоимость',
];

/** One invoice line. The source reuses one object: copy what you keep. */
export interface InvoiceLine {
  /** The document date at midnight, wall-clock epoch ms. */
  dayMs: number;
  /** Whether this document's date is written ISO (`2024-03-05`) rather than dotted in CSV. */
  isoText: boolean;
  number: string;
  client: string;
  inn: string;
  manager: string;
  quantity: number;
  /** Line total in kopecks (negative for a return). */
  amountCents: number;
  /** Cost of the line in kopecks (same sign as the amount). */
  costCents: number;
}

/** Lines per document: mostly one or two, sometimes five. */
const LINES_PER_INVOICE = weighted([[1, 40], [2, 25], [3, 15], [4, 12], [5, 8]] as const);

/** A source of `rows` invoice lines for `seed`; call `next()` exactly `rows` times. */
export function invoiceLines(seed: number, rows: number, pool: ClientPool): { next(): InvoiceLine } {
  const rng = createRng(seed, 0x1a7c);
  const line: InvoiceLine = { dayMs: 0, isoText: false, number: '', client: '', inn: '', manager: '', quantity: 0, amountCents: 0, costCents: 0 };
  let left = 0;
  let seq = 0;
  let i = 0;
  return {
    next(): InvoiceLine {
      if (left === 0) {
        left = LINES_PER_INVOICE.sample(rng);
        seq++;
        const t = rowTime(i, rows, rng);
        line.dayMs = t - (t % 86_400_000);
        line.isoText = rng.chance(0.15);
        line.number = 'ТД-' + String(seq).padStart(7, '0');
        const c = skewedClient(rng, pool.size);
        line.client = pool.names[c]!;
        line.inn = pool.inns[c]!;
        line.manager = rng.pick(MANAGERS);
      }
      left--;
      i++;
      const sign = rng.chance(0.01) ? -1 : 1;
      line.quantity = rng.int(1, 40);
      line.amountCents = sign * line.quantity * rng.int(2, 1000) * 5000;
      line.costCents = Math.round((line.amountCents * rng.int(55, 85)) / 100);
      return line;
    },
  };
}

const SEMI = 59;

/** The CSV rendering of `invoiceLines`. */
export function invoicesTable(seed: number, rows: number, pool: ClientPool): CsvTable {
  const src = invoiceLines(seed, rows, pool);
  const civil: Civil = { y: 0, m: 0, d: 0, hh: 0, mi: 0, ss: 0 };
  return {
    bom: false,
    eol: '\r\n',
    header: INVOICE_HEADERS.join(';'),
    rows,
    next(): string {
      const l = src.next();
      const c = toCivil(l.dayMs, civil);
      return (l.isoText ? isoDate(c, false) : dottedDate(c, false)) + ';' + l.number + ';' +
        csvCell(l.client, SEMI, false) + ';' + l.inn + ';' + l.manager + ';' + l.quantity + ';' +
        rubAmount(l.amountCents, ' ') + ';' + rubAmount(l.costCents, ' ');
    },
  };
}
