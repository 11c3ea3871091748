import { describe, expect, it } from 'vitest';
import { createDateColumn } from '../../src/values/dates.js';
import { parseDuration } from '../../src/values/duration.js';
import { DEFAULT_NULL_VALUES, makeNullTest } from '../../src/values/nulls.js';
import { createNumberColumn, toCents } from '../../src/values/numbers.js';
import { normalizePhone } from '../../src/values/phone.js';
import { column, readCsv, sharedDataAvailable } from './shared-data.js';

const w = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h, mi, s);
const isNull = makeNullTest(DEFAULT_NULL_VALUES);

/** Observe every non-null value of a column, then parse them all; returns the parsed values. */
function readDates(values: string[], opts: { tz: string; declared?: string[] }) {
  const col = createDateColumn(opts);
  const present = values.filter((v) => !isNull(v));
  const bad = present.filter((v) => !col.observe(v));
  return { col, bad, parsed: present.map((v) => col.parse(v)) };
}

function readNumbers(values: string[], declared: ',' | '.' | null = null) {
  const col = createNumberColumn({ declared });
  const present = values.filter((v) => !isNull(v));
  const bad = present.filter((v) => !col.observe(v));
  return { col, bad, parsed: present.map((v) => col.parse(v)) };
}

describe.skipIf(!sharedDataAvailable())('real exports in ../shared/data', () => {
  it('Zoho leads: "15 Apr, 2021 00:03:00" dates, US mobiles', () => {
    const rows = readCsv('zoho-crm-sample/Leads.csv');
    const { col, bad, parsed } = readDates(column(rows, 'Created Time'), { tz: 'UTC' });
    expect(bad).toEqual([]);
    expect(col.undecided).toBe(false);
    expect(parsed.every((p) => p !== null)).toBe(true);
    expect(parsed[0]).toEqual({ wall: w(2021, 4, 15, 0, 3), hasTime: true });
    expect(col.format()).toMatch(/^dd? MMM, yyyy HH:mm(:ss)?/);
    const phones = column(rows, 'Mobile').filter((v) => !isNull(v)).map((v) => normalizePhone(v, 'US'));
    expect(phones[0]).toEqual({ kind: 'e164', value: '+16604850224' });
    expect(phones.filter((p) => p.kind !== 'e164')).toEqual([]);
  });

  it('Zoho deals: "$22,700.00" amounts prove the dot', () => {
    const rows = readCsv('zoho-crm-sample/Potentials.csv');
    const { col, bad, parsed } = readNumbers(column(rows, 'Amount'));
    expect(bad).toEqual([]);
    expect(col.format()).toBe('decimal:.');
    expect(parsed.every((v) => v !== null)).toBe(true);
    expect(toCents(parsed[0] as number)).toBe(2_270_000);
  });

  it('Zoho invoices: a Grand Total column of "$21,042" values is undecided until declared', () => {
    const values = column(readCsv('zoho-crm-sample/Invoices.csv'), 'Grand Total');
    const auto = readNumbers(values);
    expect(auto.bad).toEqual([]);
    expect(auto.col.undecided).toBe(true);
    const declared = readNumbers(values, '.');
    expect(declared.col.undecided).toBe(false);
    expect(declared.parsed[0]).toBe(21042);
    expect(declared.parsed.every((v) => v !== null)).toBe(true);
  });

  it('Zoho sales orders: day-first dashed dates', () => {
    const { col, bad, parsed } = readDates(column(readCsv('zoho-crm-sample/Sales_Orders.csv'), 'Created Time'), { tz: 'UTC' });
    expect(bad).toEqual([]);
    expect(parsed[0]).toEqual({ wall: w(2021, 7, 3, 12, 59), hasTime: true });
    expect(col.format()).toBe('dd-MM-yyyy HH:mm');
  });

  it('Zoho calls: ISO-like start times and durations in seconds', () => {
    const rows = readCsv('zoho-crm-sample/Calls.csv');
    const { bad, parsed } = readDates(column(rows, 'Call Start Time'), { tz: 'Europe/Moscow' });
    expect(bad).toEqual([]);
    expect(parsed[0]).toEqual({ wall: w(2021, 4, 15, 23, 3), hasTime: true });
    const durations = column(rows, 'Call Duration (in seconds)').filter((v) => !isNull(v)).map(parseDuration);
    expect(durations[0]).toBe(420);
    expect(durations.every((d) => d !== null && d >= 0)).toBe(true);
  });

  it('Salesforce opportunities: #N/A is null, "140000.0" amounts, future close dates', () => {
    const rows = readCsv('salesforce-demo/Opportunity.csv');
    const amounts = readNumbers(column(rows, 'Amount'));
    expect(amounts.bad).toEqual([]);
    expect(amounts.parsed[0]).toBe(140000);
    expect(column(rows, 'Amount').some((v) => v === '#N/A')).toBe(true);
    const dates = readDates(column(rows, 'CloseDate'), { tz: 'UTC' });
    expect(dates.bad).toEqual([]);
    expect(dates.parsed[0]).toEqual({ wall: w(2019, 4, 17), hasTime: false });
    expect(dates.col.format()).toBe('iso');
  });

  it('UCI online retail: every date is 1/12/2010, so the column needs a declared format', () => {
    const rows = readCsv('uci-online-retail-xlsx/online_retail_sample.csv');
    const auto = readDates(column(rows, 'INVOICEDATE'), { tz: 'UTC' });
    expect(auto.bad).toEqual([]);
    expect(auto.col.undecided).toBe(true);
    expect(auto.parsed.every((p) => p === null)).toBe(true);
    const declared = readDates(column(rows, 'INVOICEDATE'), { tz: 'UTC', declared: ['d/M/yyyy H:mm'] });
    expect(declared.parsed[0]).toEqual({ wall: w(2010, 12, 1, 8, 26), hasTime: true });
    expect(declared.parsed.every((p) => p !== null)).toBe(true);
    const prices = readNumbers(column(rows, 'PRICE'));
    expect(prices.bad).toEqual([]);
    expect(prices.parsed[0]).toBe(2.55);
  });

  it('Asterisk CDR: clid peers, numbers, local start times', () => {
    const rows = readCsv('asterisk-cdr-pjsip/Master.csv');
    expect(normalizePhone(rows[0]?.[0] ?? '', 'RU')).toEqual({ kind: 'sip', value: 'client1' });
    expect(normalizePhone(rows[0]?.[2] ?? '', 'RU')).toEqual({ kind: 'ext', value: '6789' });
    const { bad, parsed } = readDates(rows.map((r) => r[8] ?? ''), { tz: 'Europe/Moscow' });
    expect(bad).toEqual([]);
    expect(parsed[0]).toEqual({ wall: w(2023, 7, 26, 1, 51, 32), hasTime: true });
  });
});
