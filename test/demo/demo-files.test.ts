import { beforeAll, describe, it, expect } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import YAML from 'yaml';
import { DEFAULT_SEED, generateDemo } from '../../scripts/demo/generate.js';
import { renderMasterCsv } from '../../scripts/demo/render-cdr.js';
import { LEAD_HEADERS, renderLeadsCsv } from '../../scripts/demo/render-leads.js';
import {
  INVOICE_HEADERS,
  INVOICE_HEADER_ROW,
  INVOICE_SHEET,
  REGISTER_ORG,
  REGISTER_TITLE,
} from '../../scripts/demo/render-invoices.js';
import { LEAD_STAGES } from '../../scripts/demo/types.js';
import { splitQuoted, validInn } from './support.js';

const DIR = fileURLToPath(new URL('../../fixtures/demo/', import.meta.url));
const data = generateDemo(DEFAULT_SEED);

describe('fixtures/demo/leads.csv (Bitrix24)', () => {
  const bytes = readFileSync(`${DIR}leads.csv`);
  const text = iconv.decode(bytes, 'win1251');
  const lines = text.split('\n');

  it('is exactly what the generator writes for the default seed', () => {
    expect(bytes.equals(renderLeadsCsv(data.leads))).toBe(true);
    expect(lines.at(-1)).toBe('');
  });

  it('is Windows-1251, not UTF-8', () => {
    expect(bytes.toString('utf8')).toContain('\uFFFD');
    expect(text).toContain('Название лида');
  });

  it('has the Bitrix header and quotes every field, each followed by ";"', () => {
    expect(lines[0]).toBe(LEAD_HEADERS.map((h) => `"${h}";`).join(''));
    for (const line of lines.slice(1, -1)) {
      const { fields, quoted } = splitQuoted(line, ';');
      expect(fields).toHaveLength(LEAD_HEADERS.length + 1);
      expect(quoted.slice(0, -1).every(Boolean)).toBe(true);
      expect(fields.at(-1)).toBe('');
    }
  });

  it('writes dates, stages, ИНН and amounts in the portal formats', () => {
    const bad: string[] = [];
    let lastId = 0;
    for (const line of lines.slice(1, -1)) {
      const [id, , created = '', stage = '', , manager = '', company, inn = '', phone = '', , , amount = ''] = splitQuoted(line, ';').fields;
      const ok =
        Number(id) > lastId &&
        /^\d\d\.\d\d\.20(24|25) \d\d:\d\d$/.test(created) &&
        (LEAD_STAGES as readonly string[]).includes(stage) &&
        /^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+$/.test(manager) &&
        company !== '' &&
        (inn === '' || validInn(inn)) &&
        /^(\+7|8)[\d ()-]{10,16}$/.test(phone) &&
        /^$|^\d{1,3}( \d{3})*,\d\d$/.test(amount);
      if (!ok) bad.push(line);
      lastId = Number(id);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });
});

describe('fixtures/demo/Master.csv (Asterisk cdr_csv)', () => {
  const path = `${DIR}Master.csv`;
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');

  it('is exactly what the generator writes, under ~15 MB', () => {
    expect(text === renderMasterCsv(data.calls)).toBe(true);
    expect(statSync(path).size).toBeLessThan(15 * 1024 * 1024);
  });

  it('has the 18 stock fields: strings quoted, integers bare, empty answer when unanswered', () => {
    // Collect the offending lines rather than call expect 18 times on each of ~60 000 lines.
    const bad: string[] = [];
    const date = /^20(24|25)-\d\d-\d\d \d\d:\d\d:\d\d$/;
    for (const line of lines.slice(0, -1)) {
      const { fields, quoted } = splitQuoted(line, ',');
      const [, src = '', dst = '', dcontext, , , , , , start = '', answer = '', end = '', duration, billsec, disposition, , uniqueid = ''] = fields;
      const unquoted = quoted.map((q, i) => (q ? -1 : i)).filter((i) => i >= 0);
      const answered = disposition === 'ANSWERED';
      const ok =
        fields.length === 18 &&
        date.test(start) &&
        date.test(end) &&
        Number(duration) >= Number(billsec) &&
        (answered
          ? date.test(answer) && unquoted.join() === '12,13'
          : (disposition === 'NO ANSWER' || disposition === 'BUSY') && answer === '' && billsec === '0' && unquoted.join() === '10,12,13') &&
        /^\d{10}\.\d+$/.test(uniqueid) &&
        (dcontext === 'from-trunk'
          ? /^10[1-8]$/.test(dst) && /^(\+7\d{10}|[78]\d{10}|Anonymous)$/.test(src)
          : dcontext === 'from-internal' && /^10[1-8]$/.test(src) && /^(10[1-8]|\+7\d{10}|[78]\d{10})$/.test(dst));
      if (!ok) bad.push(line);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('writes caller IDs as Asterisk does and logs calls in hang-up order', () => {
    expect(text).toContain('"""Иванов Иван"" <101>"');
    expect(text).toContain('"Anonymous"');
    const outOfOrder = data.calls.findIndex((c, i) => i > 0 && c.end < (data.calls[i - 1]?.end ?? 0));
    expect(outOfOrder).toBe(-1);
    // kpi merges CDR rows that share an id (call legs), so every call needs its own uniqueid.
    expect(new Set(data.calls.map((c) => c.uniqueid)).size).toBe(data.calls.length);
  });
});

describe('fixtures/demo/invoices.xlsx (1C register)', () => {
  const wb = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet | undefined;
  const first = INVOICE_HEADER_ROW + 1;
  beforeAll(async () => {
    await wb.xlsx.readFile(`${DIR}invoices.xlsx`);
    ws = wb.getWorksheet(INVOICE_SHEET);
  });

  it('has the titles, a blank row, the header, the lines and an «Итого» row', () => {
    if (ws === undefined) throw new Error('no sheet');
    expect(wb.worksheets.map((s) => s.name)).toEqual([INVOICE_SHEET]);
    expect(ws.getCell('A1').value).toBe(REGISTER_TITLE);
    expect(ws.getCell('A2').value).toBe(REGISTER_ORG);
    expect(ws.getRow(3).cellCount).toBe(0);
    expect(ws.getRow(INVOICE_HEADER_ROW).values).toEqual([undefined, ...INVOICE_HEADERS]);
    expect(ws.getRow(ws.rowCount).getCell(1).value).toBe('Итого');
  });

  it('types dates, numbers and money cells, and totals them', () => {
    if (ws === undefined) throw new Error('no sheet');
    let amount = 0;
    let negatives = 0;
    for (let r = first; r < ws.rowCount; r++) {
      const row = ws.getRow(r);
      const line = data.invoiceLines[r - first]!;
      expect(row.getCell(1).value).toBeInstanceOf(Date);
      expect((row.getCell(1).value as Date).getTime()).toBe(line.date);
      expect(row.getCell(2).value).toMatch(/^00БП-\d{6}$/);
      expect(row.getCell(4).value === null || validInn(String(row.getCell(4).value))).toBe(true);
      expect(row.getCell(8).numFmt).toBe('#,##0.00');
      expect(row.getCell(8).value).toBe(line.amount / 100);
      expect(typeof row.getCell(9).value).toBe('number');
      amount += line.amount;
      if (line.amount < 0) {
        negatives++;
        expect(row.getCell(6).value).toMatch(/^Корректировка реализации: /);
      }
    }
    expect(ws.getRow(ws.rowCount).getCell(8).value).toBeCloseTo(amount / 100, 2);
    expect(negatives).toBeGreaterThan(10);
    expect(negatives).toBeLessThan(data.invoiceLines.length / 100);
  });
});

describe('fixtures/demo/kpi.config.yaml', () => {
  const text = readFileSync(`${DIR}kpi.config.yaml`, 'utf8');
  const config = YAML.parse(text) as {
    sources: { files: string }[];
    channels: { match: string; channel: string; direction?: string }[];
    managers: { match: string; name: string }[];
  };
  // SPEC §2: a rule's `match` is searched case-insensitively; the first matching rule wins.
  const first = <R extends { match: string }>(rules: R[], value: string): R | undefined =>
    rules.find((r) => new RegExp(r.match, 'i').test(value));

  it('points at the files that exist next to it', () => {
    expect(config.sources.map((s) => s.files)).toEqual(['leads.csv', 'Master.csv', 'invoices.xlsx']);
    for (const s of config.sources) expect(existsSync(`${DIR}${s.files}`)).toBe(true);
  });

  it('maps every raw source to a clean channel, cold calls as outbound', () => {
    const mapped = new Map<string, string>();
    for (const source of new Set(data.leads.map((l) => l.source))) {
      const rule = first(config.channels, source);
      if (source === '' || source === 'Другое') {
        expect(rule).toBeUndefined(); // passed through as "(none)" / «Другое»
        continue;
      }
      expect(rule?.direction).toBe(source === 'Холодный звонок' ? 'outbound' : undefined);
      mapped.set(source, rule?.channel ?? '');
    }
    expect(new Set(mapped.values()).size).toBe(10);
    expect(mapped.get('Реклама Яндекс.Директ (РСЯ)')).toBe(mapped.get('Яндекс.Директ'));
  });

  it('maps extensions, CRM names and 1C names of each manager to one name', () => {
    const crm = new Set(data.leads.map((l) => l.manager));
    for (const name of crm) expect(first(config.managers, name)?.name).toBe(name);
    for (const full of new Set(data.invoiceLines.map((l) => l.manager))) {
      expect(crm).toContain(first(config.managers, full)?.name);
    }
    for (const c of data.calls.filter((x) => x.dcontext === 'from-internal')) {
      const clidName = /^"(.+)" <10\d>$/.exec(c.clid)?.[1];
      expect(first(config.managers, c.src)?.name).toBe(clidName);
    }
  });
});
