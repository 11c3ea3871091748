import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { datasetPath, ensureDataset, generateTo, sizeLabel, type DatasetSpec, type Kind } from '../../bench/generate.js';
import { parseGenerateArgs } from '../../bench/generate.js';
import { LEAD_HEADERS } from '../../bench/leads.js';
import { CALL_HEADERS } from '../../bench/calls.js';
import { INVOICE_HEADERS } from '../../bench/invoices.js';
import { parseCsv } from './csv-parse.js';

const dir = mkdtempSync(join(tmpdir(), 'kpi-bench-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = 3000;
const HEADERS: Record<Kind, readonly string[]> = { leads: LEAD_HEADERS, calls: CALL_HEADERS, invoices: INVOICE_HEADERS };
const DELIM: Record<Kind, string> = { leads: ';', calls: ',', invoices: ';' };

async function gen(kind: Kind, seed: number, rows = ROWS, name = `${kind}-${seed}-${rows}.csv`): Promise<string> {
  const path = join(dir, name);
  await generateTo({ kind, format: 'csv', rows, seed }, path);
  return path;
}

function records(path: string, kind: Kind): string[][] {
  return parseCsv(readFileSync(path, 'utf8').replace(/^\ufeff/, ''), DELIM[kind]);
}

describe('generator: determinism', () => {
  it.each(['leads', 'calls', 'invoices'] as const)('%s: the same seed gives the same bytes, another seed other bytes', async (kind) => {
    const a = readFileSync(await gen(kind, 7, ROWS, `${kind}-a.csv`));
    const b = readFileSync(await gen(kind, 7, ROWS, `${kind}-b.csv`));
    const c = readFileSync(await gen(kind, 8, ROWS, `${kind}-c.csv`));
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
    const firstLines = (buf: Buffer): string[] => buf.toString('utf8').split('\n').slice(0, 4);
    expect(firstLines(a)).toEqual(firstLines(b));
    expect(firstLines(a).slice(1)).not.toEqual(firstLines(c).slice(1));
  });
});

describe('generator: shape', () => {
  it.each(['leads', 'calls', 'invoices'] as const)('%s: header, exact row count, every record has every field', async (kind) => {
    const recs = records(await gen(kind, 3), kind);
    expect(recs[0]).toEqual(HEADERS[kind]);
    expect(recs.length - 1).toBe(ROWS);
    const widths = new Set(recs.map((r) => r.length));
    expect([...widths]).toEqual([HEADERS[kind].length]);
  });

  it('leads: Bitrix24 style — BOM, every cell quoted, CRLF, dotted and ISO dates in the span, unique ids, `12 500,00` amounts', async () => {
    const path = await gen('leads', 5);
    const text = readFileSync(path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n')[1]).toMatch(/^"\d+";"/);
    const rows = records(path, 'leads').slice(1);
    const dates = rows.map((r) => r[1]!);
    const dotted = dates.filter((d) => /^\d\d\.\d\d\.20\d\d \d\d:\d\d$/.test(d));
    const iso = dates.filter((d) => /^20\d\d-\d\d-\d\d \d\d:\d\d:\d\d$/.test(d));
    expect(dotted.length + iso.length).toBe(ROWS);
    expect(dotted.length).toBeGreaterThan(iso.length);
    expect(iso.length).toBeGreaterThan(0);
    const years = new Set(dates.map((d) => (d.includes('.') ? d.slice(6, 10) : d.slice(0, 4))));
    expect([...years].sort()).toEqual(['2024', '2025']);
    expect(new Set(rows.map((r) => r[0])).size).toBe(ROWS);
    const amounts = rows.map((r) => r[8]!).filter((a) => a !== '');
    expect(amounts.length).toBeGreaterThan(ROWS / 2);
    for (const a of amounts) expect(a).toMatch(/^\d{1,3}([ \u00a0]\d{3})*,\d\d$/);
    expect(amounts.some((a) => a.includes('\u00a0'))).toBe(true);
    // Company names with quotes survive the CSV round trip.
    expect(rows.some((r) => /"[^"]+"/.test(r[5]!))).toBe(true);
    for (const inn of rows.map((r) => r[6]!).filter(Boolean)) expect(inn).toMatch(/^\d{10}(\d\d)?$/);
  });

  it('calls: directions, statuses and durations agree; some missed calls are dialled back', async () => {
    const rows = records(await gen('calls', 5), 'calls').slice(1);
    const missed = new Set<string>();
    let callbacks = 0;
    for (const [start, type, , from, to, dur, status] of rows) {
      expect(start).toMatch(/^(20\d\d-\d\d-\d\d \d\d:\d\d:\d\d|\d\d\.\d\d\.20\d\d \d\d:\d\d)$/);
      expect(['Inbound', 'Outbound']).toContain(type);
      expect(['ANSWERED', 'NO ANSWER']).toContain(status);
      expect(Number(dur) > 0).toBe(status === 'ANSWERED');
      if (type === 'Inbound' && status === 'NO ANSWER') missed.add(from!);
      if (type === 'Outbound') {
        expect(from).toMatch(/^1\d\d$/);
        if (missed.has(to!)) callbacks++;
      }
    }
    expect(missed.size).toBeGreaterThan(50);
    expect(callbacks).toBeGreaterThan(50);
  });

  it('invoices: lines of one number share date, client and manager; returns are negative; ИНН keep leading zeros', async () => {
    const rows = records(await gen('invoices', 5), 'invoices').slice(1);
    const byNumber = new Map<string, string>();
    for (const r of rows) {
      const key = `${r[0]}|${r[2]}|${r[3]}|${r[4]}`;
      const seen = byNumber.get(r[1]!);
      if (seen !== undefined) expect(key).toBe(seen);
      byNumber.set(r[1]!, key);
      expect(r[6]).toMatch(/^-?\d{1,3}( \d{3})*,\d\d$/);
      expect(r[7]).toMatch(/^-?\d{1,3}( \d{3})*,\d\d$/);
    }
    expect(byNumber.size).toBeLessThan(rows.length);
    expect(byNumber.size).toBeGreaterThan(rows.length / 4);
    expect(rows.some((r) => r[6]!.startsWith('-'))).toBe(true);
    expect(rows.some((r) => r[3]!.startsWith('0'))).toBe(true);
  });

  it('leads and invoices of one size and seed share ИНН, so kpi can link them', async () => {
    const leads = records(await gen('leads', 9), 'leads').slice(1);
    const inv = records(await gen('invoices', 9), 'invoices').slice(1);
    const innsInLeads = new Set(leads.map((r) => r[6]).filter(Boolean));
    const linked = inv.filter((r) => innsInLeads.has(r[3]!)).length;
    expect(linked / inv.length).toBeGreaterThan(0.5);
  });
});

describe('generator: XLSX', () => {
  it('writes typed cells with the same lines as the CSV', async () => {
    const spec: DatasetSpec = { kind: 'invoices', format: 'xlsx', rows: 400, seed: 11 };
    const xlsx = join(dir, 'inv.xlsx');
    await generateTo(spec, xlsx);
    const csv = records(await gen('invoices', 11, 400), 'invoices');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(401);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(INVOICE_HEADERS);
    for (const n of [2, 3, 200, 401]) {
      const v = ws.getRow(n).values as unknown[];
      const c = csv[n - 1]!;
      expect(v[1]).toBeInstanceOf(Date);
      const d = v[1] as Date;
      const dotted = `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
      const iso = d.toISOString().slice(0, 10);
      expect([dotted, iso]).toContain(c[0]);
      expect(v[2]).toBe(c[1]);
      expect(v[3]).toBe(c[2]);
      expect(typeof v[4]).toBe('string');
      expect(v[4]).toBe(c[3]);
      expect(typeof v[7]).toBe('number');
      expect((v[7] as number).toFixed(2).replace('.', ',')).toBe(c[6]!.replace(/ /g, ''));
    }
  });

  it('refuses XLSX for kinds other than invoices', async () => {
    await expect(generateTo({ kind: 'leads', format: 'xlsx', rows: 10, seed: 1 }, join(dir, 'x.xlsx'))).rejects.toThrow(/invoices only/);
  });
});

describe('generator: reuse', () => {
  it('reuses a file with the same size and seed, regenerates one that was changed', async () => {
    const spec: DatasetSpec = { kind: 'calls', format: 'csv', rows: 500, seed: 4 };
    const first = await ensureDataset(spec, dir);
    expect(first.reused).toBe(false);
    expect(first.path).toBe(datasetPath(dir, spec));
    expect(statSync(first.path).size).toBe(first.bytes);
    const again = await ensureDataset(spec, dir);
    expect(again.reused).toBe(true);
    expect(again.bytes).toBe(first.bytes);
    const other = await ensureDataset({ ...spec, seed: 5 }, dir);
    expect(other.reused).toBe(false);
    expect(other.path).not.toBe(first.path);
    writeFileSync(first.path, 'truncated');
    const fixed = await ensureDataset(spec, dir);
    expect(fixed.reused).toBe(false);
    expect(statSync(fixed.path).size).toBe(first.bytes);
  });

  it.each([
    [100_000, '100k'], [1_000_000, '1m'], [5_000_000, '5m'], [2500, '2500'], [3000, '3k'],
  ])('labels %i rows as %s', (rows, label) => {
    expect(sizeLabel(rows)).toBe(label);
  });
});

describe('generator CLI flags', () => {
  it('defaults to 100k and 1M rows of every kind; --scale adds 5M; --only narrows', () => {
    const d = parseGenerateArgs([], '/o');
    expect(d.sizes).toEqual([100_000, 1_000_000]);
    expect(d.kinds).toEqual(['leads', 'calls', 'invoices']);
    const s = parseGenerateArgs(['--scale', '--only', 'calls', '--seed', '3', '--out', '/x'], '/o');
    expect(s).toEqual({ sizes: [100_000, 1_000_000, 5_000_000], kinds: ['calls'], seed: 3, outDir: '/x' });
    expect(parseGenerateArgs(['--rows', '1_000,2000'], '/o').sizes).toEqual([1000, 2000]);
  });

  it.each([
    [['--only', 'deals'], /--only/],
    [['--rows', '0'], /positive integer/],
    [['--seed'], /needs a value/],
    [['--bogus'], /unknown flag/],
  ])('rejects %j', (argv, msg) => {
    expect(() => parseGenerateArgs(argv, '/o')).toThrow(msg);
  });
});
