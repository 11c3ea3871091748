import { beforeAll, describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { DEFAULT_SEED, generateDemo } from '../../scripts/demo/generate.js';
import { INVOICE_HEADER_ROW, INVOICE_SHEET } from '../../scripts/demo/render-invoices.js';
import type { DemoCall, DemoLead } from '../../scripts/demo/types.js';
import { monthKey, nameKey, phoneKey } from './support.js';

const DIR = fileURLToPath(new URL('../../fixtures/demo/', import.meta.url));
const data = generateDemo(DEFAULT_SEED);
const DAY = 86_400_000;

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return m;
}

describe('the demo generator core', () => {
  it('gives identical records for the same seed and a different company for another', () => {
    expect(digest(generateDemo(DEFAULT_SEED))).toBe(digest(data));
    expect(digest(generateDemo(DEFAULT_SEED + 1))).not.toBe(digest(data));
  });

  it('has the sizes the brief asks for', () => {
    expect(data.leads.length).toBeGreaterThanOrEqual(6000);
    expect(data.leads.length).toBeLessThanOrEqual(9000);
    expect(data.calls.length).toBeGreaterThanOrEqual(55_000);
    expect(data.calls.length).toBeLessThanOrEqual(120_000);
    expect(data.invoiceLines.length).toBeGreaterThanOrEqual(15_000);
    expect(data.invoiceLines.length).toBeLessThanOrEqual(25_000);
  });
});

describe('the committed fixtures match the generator', () => {
  let xlsxDataRows = -1;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(`${DIR}invoices.xlsx`);
    const ws = wb.getWorksheet(INVOICE_SHEET);
    if (ws === undefined) throw new Error(`no sheet ${INVOICE_SHEET}`);
    // Rows between the header and the «Итого» row.
    xlsxDataRows = ws.rowCount - INVOICE_HEADER_ROW - 1;
  });

  it('leads.csv has one line per lead after the header', () => {
    const text = iconv.decode(readFileSync(`${DIR}leads.csv`), 'win1251');
    expect(text.split('\n').filter((l) => l !== '').length - 1).toBe(data.leads.length);
  });

  it('Master.csv has one line per call', () => {
    const text = readFileSync(`${DIR}Master.csv`, 'utf8');
    expect(text.split('\n').filter((l) => l !== '').length).toBe(data.calls.length);
  });

  it('invoices.xlsx has one row per invoice line', () => {
    expect(xlsxDataRows).toBe(data.invoiceLines.length);
  });
});

describe('the demo company behaves like a business', () => {
  it('has seasonality: more leads in September than in July, and a December revenue peak', () => {
    const leads = countBy(data.leads, (l) => monthKey(l.createdAt));
    const revenue = new Map<string, number>();
    for (const l of data.invoiceLines) revenue.set(monthKey(l.date), (revenue.get(monthKey(l.date)) ?? 0) + l.amount);
    for (const y of ['2024', '2025']) {
      expect(leads.get(`${y}-09`) ?? 0).toBeGreaterThan((leads.get(`${y}-07`) ?? 0) * 1.3);
      expect(revenue.get(`${y}-12`) ?? 0).toBeGreaterThan((revenue.get(`${y}-07`) ?? 0) * 1.5);
    }
  });

  it('converts ~25–35 % of inbound and ~8–12 % of outbound leads into paying clients', () => {
    // Leads created before October 2025 have had time to close.
    const closed = data.leads.filter((l) => l.createdAt < Date.UTC(2025, 9, 1));
    for (const [direction, lo, hi] of [['inbound', 0.25, 0.35], ['outbound', 0.08, 0.12]] as const) {
      const own = closed.filter((l) => l.direction === direction);
      const rate = own.filter((l) => l.converted).length / own.length;
      expect(rate).toBeGreaterThanOrEqual(lo);
      expect(rate).toBeLessThanOrEqual(hi);
    }
    expect(data.leads.every((l) => (l.source === 'Холодный звонок') === (l.direction === 'outbound'))).toBe(true);
  });

  it('backs every won lead with an invoice to its company within 90 days', () => {
    const invoiceDays = new Map<number, number[]>();
    for (const l of data.invoiceLines) if (l.amount > 0) (invoiceDays.get(l.companyId) ?? invoiceDays.set(l.companyId, []).get(l.companyId))?.push(Math.floor(l.date / DAY));
    for (const lead of data.leads.filter((l) => l.stage === 'Сделка успешна')) {
      const created = Math.floor(lead.createdAt / DAY);
      expect((invoiceDays.get(lead.companyId) ?? []).some((d) => d >= created && d <= created + 90)).toBe(true);
    }
  });

  it('misses some inbound calls, returns most within hours and leaves some unreturned', () => {
    const contacts = new Map<string, number[]>();
    const add = (n: string | null, t: number): void => {
      if (n !== null) (contacts.get(n) ?? contacts.set(n, []).get(n))?.push(t);
    };
    for (const c of data.calls) {
      if (c.direction === 'outbound') add(phoneKey(c.dst), c.start);
      if (c.direction === 'inbound' && c.disposition === 'ANSWERED') add(phoneKey(c.src), c.start);
    }
    const inbound = data.calls.filter((c) => c.direction === 'inbound');
    const missed = inbound.filter((c) => c.disposition !== 'ANSWERED');
    const hidden = missed.filter((c) => c.src === 'Anonymous');
    const delays: number[] = [];
    let unreturned = 0;
    for (const m of missed) {
      const n = phoneKey(m.src);
      if (n === null) continue;
      const next = (contacts.get(n) ?? []).filter((t) => t > m.start && t <= m.start + DAY).sort((a, b) => a - b)[0];
      if (next === undefined) unreturned++;
      else delays.push((next - m.start) / 60_000);
    }
    delays.sort((a, b) => a - b);
    expect(missed.length / inbound.length).toBeGreaterThan(0.05);
    expect(missed.length / inbound.length).toBeLessThan(0.2);
    expect(hidden.length).toBeGreaterThan(0);
    expect(unreturned).toBeGreaterThan(0);
    expect(delays.length / (delays.length + unreturned)).toBeGreaterThan(0.75);
    expect(delays[Math.floor(delays.length / 2)]).toBeLessThan(120);
  });

  it('has clients who repeat, clients who churn, and clients who come back after a gap', () => {
    const dates = new Map<number, number[]>();
    for (const l of data.invoiceLines) if (l.amount > 0) (dates.get(l.companyId) ?? dates.set(l.companyId, []).get(l.companyId))?.push(Math.floor(l.date / DAY));
    const clients = [...dates.values()].map((d) => [...new Set(d)].sort((a, b) => a - b));
    const repeat = clients.filter((d) => d.length >= 2);
    const end = Date.UTC(2026, 0, 1) / DAY;
    const churned = repeat.filter((d) => (d.at(-1) ?? end) < end - 180);
    const comeback = repeat.filter((d) => d.some((x, i) => i > 0 && x - (d[i - 1] ?? x) >= 120));
    expect(repeat.length / clients.length).toBeGreaterThan(0.4);
    expect(churned.length / repeat.length).toBeGreaterThan(0.15);
    expect(comeback.length).toBeGreaterThan(20);
  });

  it('keeps managers near the calling norm of 400–700 outbound calls a month', () => {
    const perMonth = countBy(
      data.calls.filter((c: DemoCall) => c.direction === 'outbound'),
      (c) => `${c.src} ${monthKey(c.start)}`,
    );
    const counts = [...perMonth.values()].sort((a, b) => a - b);
    expect(new Set([...perMonth.keys()].map((k) => k.slice(0, 3)))).toEqual(
      new Set(['101', '102', '103', '104', '105', '106', '107', '108']),
    );
    expect(counts[Math.floor(counts.length / 2)]).toBeGreaterThanOrEqual(380);
    expect(counts.at(-1)).toBeGreaterThanOrEqual(550);
    expect(counts.at(-1)).toBeLessThanOrEqual(750);
  });

  it('links every invoiced client to a lead: mostly by ИНН, the rest by name', () => {
    const inns = new Set(data.leads.map((l) => l.inn).filter((x) => x !== null));
    const names = new Set(data.leads.map((l) => nameKey(l.company)));
    let byInn = 0;
    let byName = 0;
    const clients = new Map(data.invoiceLines.map((l) => [l.companyId, l] as const));
    for (const c of clients.values()) {
      if (c.inn !== null && inns.has(c.inn)) byInn++;
      else if (names.has(nameKey(c.client))) byName++;
    }
    expect(byInn + byName).toBe(clients.size);
    expect(byInn / clients.size).toBeGreaterThan(0.6);
    expect(byName).toBeGreaterThan(0);
    // The same company now and then spelled two ways in the CRM.
    const spellings = new Map<number, Set<string>>();
    for (const l of data.leads) (spellings.get(l.companyId) ?? spellings.set(l.companyId, new Set()).get(l.companyId))?.add(l.company);
    expect([...spellings.values()].filter((s) => s.size > 1).length).toBeGreaterThan(20);
  });

  it('never gives two companies the same ИНН, phone or e-mail', () => {
    for (const key of [(l: DemoLead) => l.inn, (l: DemoLead) => phoneKey(l.phone), (l: DemoLead) => l.email]) {
      const owner = new Map<string, number>();
      const shared = data.leads.filter((l) => {
        const k = key(l);
        if (k === null) return false;
        const first = owner.get(k) ?? l.companyId;
        owner.set(k, first);
        return first !== l.companyId;
      });
      expect(shared.map((l) => key(l))).toEqual([]);
    }
  });
});
