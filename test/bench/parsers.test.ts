/**
 * The parser comparison (bench/parsers.ts) counts like with like: on the same generated files the
 * candidates see the same rows and cells. And why the fastest candidate, uDSV, is not kpi's reader:
 * it loses rows where kpi's reader keeps them (read = used + rejected would break).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initParser, inferSchema } from 'udsv';
import { generateTo } from '../../bench/datasets.js';
import { runOne } from '../../bench/parsers.js';

const dir = mkdtempSync(join(tmpdir(), 'kpi-bench-parsers-'));
const files: Record<string, string> = {};

beforeAll(async () => {
  for (const kind of ['leads', 'calls', 'invoices'] as const) {
    files[kind] = join(dir, `${kind}.csv`);
    await generateTo({ kind, format: 'csv', rows: 2000, seed: 5 }, files[kind]);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench/parsers.ts', () => {
  it.each(['leads', 'calls', 'invoices'])('%s: kpi, papaparse and uDSV see the same rows and cells', async (kind) => {
    const k = await runOne('kpi', files[kind]!, kind);
    const p = await runOne('papaparse', files[kind]!, kind);
    const u = await runOne('udsv', files[kind]!, kind);
    expect(k.rows).toBe(2001); // the header is a record to a reader
    expect([p.rows, p.cells]).toEqual([k.rows, k.cells]);
    expect(u.rows).toBe(k.rows - 1); // uDSV takes the header as its schema
    expect(u.cells).toBe(k.cells - k.cells / k.rows);
  });

  it('uDSV drops every row after an unclosed quote; kpi reads them all (the quote taken literally)', async () => {
    const text = 'a,b,c\n1,"x,3\n4,5,6\n7,8,9\n';
    const path = join(dir, 'unclosed.csv');
    writeFileSync(path, text);
    expect((await runOne('kpi', path, 'calls')).rows).toBe(4);
    expect(initParser(inferSchema(text)).stringArrs(text).length).toBeLessThan(3);
  });
});
