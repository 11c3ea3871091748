/**
 * The benchmark's ratio means something only if kpi and the DuckDB baseline compute the same
 * figures from the same file. This runs both on small generated files and compares them month
 * by month (kpi from the built dist/, as the benchmark times it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTo, type Kind } from '../../bench/generate.js';
import { duckdbRows, type BaselineRow } from '../../bench/duckdb-child.js';
import { kpiArgs } from '../../bench/run-workload.js';
import { kpi } from '../helpers/cli.js';

const ROWS = 3000;
const dir = mkdtempSync(join(tmpdir(), 'kpi-bench-agree-'));
const files: Record<string, string> = {};

beforeAll(async () => {
  for (const kind of ['leads', 'calls', 'invoices'] as const) {
    files[kind] = join(dir, `${kind}.csv`);
    await generateTo({ kind, format: 'csv', rows: ROWS, seed: 21 }, files[kind]);
  }
  files.xlsx = join(dir, 'invoices.xlsx');
  await generateTo({ kind: 'invoices', format: 'xlsx', rows: ROWS, seed: 21 }, files.xlsx);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface KpiRow { period: string; metric: string; value: number | null; group: string | null }

/** kpi's totals as `metric → period → value`. */
function kpiFigures(kind: Kind, file: string): Map<string, Map<string, number | null>> {
  const r = kpi(kpiArgs(kind, file));
  expect(r.code, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout) as { meta: { inputs: { rows_read: number; rows_rejected: number }[] }; rows: KpiRow[] };
  expect(doc.meta.inputs[0]).toMatchObject({ rows_read: ROWS, rows_rejected: 0 });
  const out = new Map<string, Map<string, number | null>>();
  for (const row of doc.rows) {
    if (row.group !== null) continue;
    if (!out.has(row.metric)) out.set(row.metric, new Map());
    out.get(row.metric)!.set(row.period, row.value);
  }
  return out;
}

/** DuckDB's month-level rows by `yyyy-MM`. */
async function duckMonths(kind: Kind): Promise<Map<string, BaselineRow>> {
  const { rows } = await duckdbRows(kind, files[kind]!, 2);
  const out = new Map<string, BaselineRow>();
  for (const r of rows) if (r.level === 'month') out.set(String(r.m).slice(0, 7), r);
  expect(out.size).toBe(24);
  return out;
}

function compare(k: Map<string, Map<string, number | null>>, d: Map<string, BaselineRow>, pairs: [string, string][]): void {
  for (const [period, row] of d) {
    for (const [metric, col] of pairs) {
      const kv = k.get(metric)?.get(period);
      expect(kv, `${metric} ${period}`).not.toBeUndefined();
      expect(kv, `${metric} ${period}`).toBeCloseTo(Number(row[col]), 2);
    }
  }
}

describe('kpi and the DuckDB baseline agree on the generated files', () => {
  it('leads: leads per month', async () => {
    compare(kpiFigures('leads', files.leads!), await duckMonths('leads'), [['leads_total', 'n']]);
  });

  it('calls: outbound, answered outbound and missed inbound per month', async () => {
    compare(kpiFigures('calls', files.calls!), await duckMonths('calls'), [
      ['calls_outbound', 'outbound'], ['calls_outbound_answered', 'outbound_answered'], ['calls_inbound_missed', 'missed'],
    ]);
  });

  it('invoices: revenue, profit, invoices, active, new and retained clients per month', async () => {
    compare(kpiFigures('invoices', files.invoices!), await duckMonths('invoices'), [
      ['revenue', 'revenue'], ['profit', 'profit'], ['invoices', 'invoices'], ['clients_active', 'active'],
      ['new_clients', 'new_clients'], ['clients_retained', 'retained'],
    ]);
  });

  it('invoices.xlsx gives kpi the same figures as invoices.csv', () => {
    const csv = kpiFigures('invoices', files.invoices!);
    const xlsx = kpiFigures('invoices', files.xlsx!);
    expect([...xlsx.keys()].sort()).toEqual([...csv.keys()].sort());
    for (const [metric, byPeriod] of csv) expect(Object.fromEntries(xlsx.get(metric)!), metric).toEqual(Object.fromEntries(byPeriod));
  });
});
