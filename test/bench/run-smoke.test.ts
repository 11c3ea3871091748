/**
 * The runner end to end on tiny files (the `--quick` path with 2,000 rows): generation, timed kpi
 * runs, both baselines as child processes, goals, results.json and results.md. Needs the built
 * dist/ (npm test builds first), like the CLI tests.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBench } from '../../bench/run.js';
import { parseRunArgs } from '../../bench/run-args.js';
import type { BenchResults } from '../../bench/results.js';
import { timeShapes } from '../../bench/shapes.js';
import { kpiBin } from '../../bench/paths.js';
import { kpi } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'kpi-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench runner, quick and tiny', () => {
  it('times every workload, checks kpi read every row, and writes results.json and results.md', async () => {
    const args = parseRunArgs(['--quick', '--rows', '2000'], dir);
    const log: string[] = [];
    const res = await runBench(args, (l) => log.push(l));
    expect(res.workloads.map((w) => `${w.name}@${w.rows}`)).toEqual(['leads.csv@2000', 'calls.csv@2000', 'invoices.csv@2000', 'invoices.xlsx@2000']);
    for (const w of res.workloads) {
      expect(w.kpi.error, w.name).toBeNull();
      expect(w.kpi.rows_read).toBe(2000);
      expect(w.kpi.runs_s).toHaveLength(1);
      expect(w.kpi.median_s).toBeGreaterThan(0);
      expect(w.kpi.peak_rss_mb).toBeGreaterThan(10);
      expect(w.baseline?.error, w.name).toBeNull();
      expect(w.baseline?.input_rows).toBe(2000);
      expect(w.ratio).toBeGreaterThan(0);
      expect(w.baseline_1t === null).toBe(w.format === 'xlsx');
    }
    expect(res.version.runs_ms).toHaveLength(10);
    const saved = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as BenchResults;
    expect(saved.schema).toBe('kpi-bench/1');
    expect(saved.workloads).toHaveLength(4);
    expect(readFileSync(join(dir, 'results.md'), 'utf8')).toMatch(/^\| workload \|/);
    expect(existsSync(join(dir, 'leads-2k-s1.csv'))).toBe(true);
    expect(log.some((l) => l.includes('leads.csv 2000 run 1/1'))).toBe(true);
  }, 180_000);

  it('--shapes: kpi alone on the other export shapes, every row accounted for', async () => {
    const results = await timeShapes(1500, 1, dir, kpiBin(), () => {});
    const by = Object.fromEntries(results.map((r) => [r.name, r]));
    for (const r of results) {
      expect(r.error, r.name).toBeNull();
      // an XLSX workbook is not read back for its counts; its run must still exit 0 with a file
      expect(r.rows_read, r.name).toBe(r.name === 'utm-channels-xlsx' ? null : 1500);
    }
    expect(by['utm-channels-table']).toMatchObject({ rows_used: 1500, rows_rejected: 0 });
    // one leg in 11 shares its call's uniqueid: merged, not rejected
    expect(by['asterisk-cdr']).toMatchObject({ rows_used: 1500, rows_rejected: 0 });
    expect(by['asterisk-all-rejected']).toMatchObject({ rows_used: 0, rows_rejected: 1500 });
    expect(by['hubspot-leads']).toMatchObject({ rows_used: 1500, warnings: 0 });
    expect(by['leads-all-warn']).toMatchObject({ rows_used: 1500, warnings: 1500 });
    expect(by['leads-all-warn']!.issues).toBeGreaterThanOrEqual(1500);
    expect(by['leads-all-distinct']).toMatchObject({ rows_used: 1500, warnings: 0 });
    // the issue's own shapes: plain headers read, nothing rejected or warned about
    for (const name of ['plain-leads', 'plain-calls', 'plain-invoices']) expect(by[name], name).toMatchObject({ rows_used: 1500, rows_rejected: 0, warnings: 0 });
    const r = kpi(['report', '--calls', join(dir, 'shapes', 'plain-calls', 'calls.csv'), '-p', '2024-01..2025-12', '-g', 'manager', '-O', 'json', '--no-config', '--today', '2026-01-15', '-q']);
    expect(r.code).toBe(0);
    const grouped = JSON.parse(r.stdout) as { rows: { metric: string; group: string | null }[] };
    // `manager` is read: the calls are split by it, none under (none)
    const managers = new Set(grouped.rows.filter((r) => r.metric === 'calls_outbound' && r.group !== null).map((r) => r.group));
    expect(managers.size).toBe(20);
    expect(managers.has('(none)')).toBe(false);
  }, 120_000);
});
