import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTo, type Kind } from '../../bench/generate.js';
import { parseRunArgs } from '../../bench/run-args.js';
import { median, maxOrNull } from '../../bench/stats.js';
import { parseTimeOutput, timeProcess } from '../../bench/measure.js';
import { goalCell, goalsFor } from '../../bench/goals.js';
import { kpiArgs, kpiRunError } from '../../bench/run-workload.js';
import { runDuckdbBaseline } from '../../bench/duckdb-child.js';
import { runExceljsBaseline } from '../../bench/exceljs-child.js';
import { parseBaselineOutput } from '../../bench/baseline-result.js';
import { planWorkloads } from '../../bench/workloads.js';
import { rate, renderMarkdown, rowCells } from '../../bench/render.js';
import type { BenchResults, WorkloadResult } from '../../bench/results.js';
import type { ProcessRun } from '../../bench/measure.js';

const dir = mkdtempSync(join(tmpdir(), 'kpi-bench-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runner flags', () => {
  it.each([
    [[], { sizes: [100_000, 1_000_000], runs: 3, others: false }],
    [['--quick'], { sizes: [100_000], runs: 1 }],
    [['--scale'], { sizes: [100_000, 1_000_000, 5_000_000], runs: 3 }],
    [['--quick', '--runs', '2'], { sizes: [100_000], runs: 2 }],
    [['--rows', '2000,500', '--scale'], { sizes: [500, 2000, 5_000_000] }],
    [['--others'], { others: true }],
    [['--shapes'], { shapes: true, shapeNames: null }],
    [['--shape', 'bitrix-wide-leads', '--shape', 'plain-calls'], { shapes: true, shapeNames: ['bitrix-wide-leads', 'plain-calls'] }],
  ])('%j', (argv, want) => {
    expect(parseRunArgs(argv, '/out')).toMatchObject(want);
  });

  it('narrows kinds with --only and keeps the out dir', () => {
    expect(parseRunArgs(['--only', 'calls', '--out', '/x', '--seed', '9'], '/out')).toMatchObject({ kinds: ['calls'], outDir: '/x', seed: 9 });
  });

  it.each([
    [['--only', 'deals'], /--only/], [['--runs', '0'], /positive integer/], [['--runs'], /needs a value/],
    [['--seed', 'x'], /integer/], [['--fast'], /unknown flag/], [['--shape', 'nope'], /--shape: expected one of asterisk-cdr, /],
  ])('rejects %j', (argv, msg) => {
    expect(() => parseRunArgs(argv, '/out')).toThrow(msg);
  });

  it('plans CSV for every kind and XLSX for invoices up to 100k rows', () => {
    const names = planWorkloads([100_000, 1_000_000], ['leads', 'invoices'], 1).map((w) => `${w.name}@${w.rows}`);
    expect(names).toEqual(['leads.csv@100000', 'leads.csv@1000000', 'invoices.csv@100000', 'invoices.csv@1000000', 'invoices.xlsx@100000']);
  });
});

describe('stats and measurement', () => {
  it.each([[[3], 3], [[5, 1, 3], 3], [[4, 1, 3, 2], 2.5], [[2, 2], 2]])('median(%j) = %d', (xs, want) => {
    expect(median(xs)).toBe(want);
  });

  it('refuses an empty median; maxOrNull is null when any value is', () => {
    expect(() => median([])).toThrow();
    expect(maxOrNull([1, 5, 2])).toBe(5);
    expect(maxOrNull([1, null])).toBeNull();
  });

  it.each([
    ['1234 0.50 0.10\n', { rssKb: 1234, cpuMs: 600 }],
    ['Command exited with non-zero status 3\n99 1.00 0.00\n', { rssKb: 99, cpuMs: 1000 }],
    ['Command terminated by signal 9\n', null],
    ['', null],
  ])('parseTimeOutput(%j)', (text, want) => {
    expect(parseTimeOutput(text)).toEqual(want);
  });

  it('times a real process: wall time, exit code, output, and a peak RSS that sees a 60 MB buffer', async () => {
    const r = await timeProcess(process.execPath, ['-e', 'const b = Buffer.alloc(60e6, 1); console.log(b[5]); process.exitCode = 3'], { timeoutMs: 30_000 });
    expect(r.exitCode).toBe(3);
    expect(r.stdout.trim()).toBe('1');
    expect(r.wallMs).toBeGreaterThan(5);
    expect(r.peakRssKb).not.toBeNull();
    expect(r.peakRssKb! * 1024).toBeGreaterThan(60e6);
  });

  it('kills a process that outlives its timeout', async () => {
    const r = await timeProcess(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { timeoutMs: 300 });
    expect(r.wallMs).toBeLessThan(20_000);
    expect(r.exitCode === 0 && r.signal === null).toBe(false);
  });
});

const run = (over: Partial<ProcessRun>): ProcessRun => ({ wallMs: 10, peakRssKb: 1, cpuMs: 1, exitCode: 0, signal: null, stdout: '', stderr: '', ...over });

describe('kpi run checks', () => {
  it('passes the issue\'s command line', () => {
    expect(kpiArgs('calls', 'f.csv')).toEqual(['report', '--calls', 'f.csv', '-p', '2024-01..2025-12', '-O', 'json', '--no-config', '--today', '2026-01-15']);
  });

  it.each([
    [run({ exitCode: 3, stderr: 'kpi: no required column' }), 10, /exit 3: kpi: no required column/],
    [run({ stdout: 'not json' }), 10, /not JSON/],
    [run({ stdout: '{"meta":{}}' }), 10, /no meta.inputs/],
    [run({ stdout: '{"meta":{"inputs":[{"rows_read":9,"rows_rejected":0}]}}' }), 10, /read 9 rows of 10/],
  ])('flags a run that does not count (%#)', (r, rows, msg) => {
    expect(kpiRunError(r, rows).error).toMatch(msg);
  });

  it('accepts a run that read every row, and reports its rejects', () => {
    const r = run({ stdout: '{"meta":{"inputs":[{"rows_read":6,"rows_rejected":1},{"rows_read":4,"rows_rejected":0}]}}' });
    expect(kpiRunError(r, 10)).toEqual({ error: null, read: 10, rejected: 1 });
  });
});

function result(over: Partial<WorkloadResult> & { median?: number; rss?: number }): WorkloadResult {
  const { median: m = 1, rss = 100, ...rest } = over;
  return {
    name: 'leads.csv', kind: 'leads', format: 'csv', rows: 1_000_000, bytes: 80e6, file: 'f',
    kpi: { median_s: m, runs_s: [m], cpu_median_s: m, peak_rss_mb: rss, rows_per_s: 1, mb_per_s: 1, exit_codes: [0], rows_read: 1, rows_rejected: 0, error: null },
    baseline_tool: 'duckdb', baseline: null, baseline_1t: null, ratio: 1.5, cpu_ratio: 1, goals: [],
    ...rest,
  };
}

describe('goals', () => {
  it.each([
    ['leads', 1.9, true], ['leads', 2.1, false], ['calls', 2, true], ['invoices', 2.4, true], ['invoices', 2.6, false],
  ] as const)('%s at ratio %d → DuckDB goal met %s', (kind: Kind, ratio, met) => {
    const w = result({ kind, name: `${kind}.csv`, ratio });
    const g = goalsFor(w, [w]).find((x) => x.goal.includes('DuckDB'));
    expect(g?.met).toBe(met);
  });

  it('checks memory at 1M against 250 MB and against the 100k run', () => {
    const small = result({ rows: 100_000, rss: 100 });
    const ok = result({ rss: 140 });
    const fat = result({ rss: 260 });
    expect(goalsFor(ok, [small, ok]).map((g) => [g.goal, g.met])).toEqual([['≤2× DuckDB 2t', true], ['RSS ≤250 MB', true], ['RSS <1.5× 100k', true]]);
    const gf = goalsFor(fat, [small, fat]);
    expect(gf.filter((g) => g.met === false).map((g) => g.goal)).toEqual(['RSS ≤250 MB', 'RSS <1.5× 100k']);
    expect(goalCell(gf)).toMatch(/^NO: RSS ≤250 MB \(260\.00\); RSS <1\.5× 100k \(2\.60\)$/);
  });

  it('checks linear time and flat memory at 5M against 1M', () => {
    const mid = result({ median: 2, rss: 150 });
    const linear = result({ rows: 5_000_000, median: 10.5, rss: 160 });
    const slow = result({ rows: 5_000_000, median: 14, rss: 160 });
    expect(goalsFor(linear, [mid, linear]).every((g) => g.met)).toBe(true);
    expect(goalsFor(slow, [mid, slow]).find((g) => g.goal.startsWith('s/row'))?.met).toBe(false);
  });

  it('has no goal for a 100k CSV, and a failed run misses', () => {
    expect(goalCell(goalsFor(result({ rows: 100_000 }), []))).toBe('—');
    const failed = result({});
    failed.kpi.error = 'exit 70';
    expect(goalCell(goalsFor(failed, [failed]))).toBe('NO: kpi run succeeds');
  });

  it('XLSX must beat exceljs', () => {
    const x = result({ name: 'invoices.xlsx', kind: 'invoices', format: 'xlsx', rows: 100_000, ratio: 0.4 });
    expect(goalsFor(x, [x])).toEqual([{ goal: 'faster than exceljs', value: 0.4, met: true }]);
  });
});

describe('baselines on generated files', () => {
  it.each(['leads', 'calls', 'invoices'] as const)('DuckDB reads every row of %s.csv, with 1 and 2 threads', async (kind) => {
    const file = join(dir, `${kind}.csv`);
    await generateTo({ kind, format: 'csv', rows: 2000, seed: 2 }, file);
    for (const threads of [1, 2]) {
      const r = await runDuckdbBaseline(kind, file, threads);
      expect(r.input_rows).toBe(2000);
      // 24 months (× channels or managers for leads and calls).
      expect(r.result_rows).toBeGreaterThanOrEqual(24);
      expect(r.engine_ms).toBeGreaterThan(0);
    }
  });

  it('exceljs reads every row of invoices.xlsx, one result row per month', async () => {
    const file = join(dir, 'inv.xlsx');
    await generateTo({ kind: 'invoices', format: 'xlsx', rows: 1500, seed: 2 }, file);
    const r = await runExceljsBaseline(file);
    expect(r).toMatchObject({ input_rows: 1500, result_rows: 24 });
  });

  it('parses a child\'s output line and rejects anything else', () => {
    expect(parseBaselineOutput('noise\n{"engine_ms":1.5,"input_rows":3,"result_rows":2}\n')).toEqual({ engine_ms: 1.5, input_rows: 3, result_rows: 2 });
    expect(() => parseBaselineOutput('')).toThrow(/no JSON/);
    expect(() => parseBaselineOutput('{"engine_ms":1}')).toThrow(/lacks/);
  });
});

describe('rendering', () => {
  it.each([[999, '999'], [45_600, '46k'], [1_234_567, '1.23M']])('rate(%i) = %s', (x, want) => {
    expect(rate(x)).toBe(want);
  });

  it('prints one row per workload and the version line in Markdown', () => {
    const w = result({ median: 1.234, rss: 123.4 });
    w.goals = goalsFor(w, [w]);
    const cells = rowCells(w);
    expect(cells.slice(0, 4)).toEqual(['leads.csv', '1M', '80.0', '1.23']);
    expect(cells[6]).toBe('123');
    expect(cells[cells.length - 1]).toBe('yes');
    const res: BenchResults = {
      schema: 'kpi-bench/1', generated_at: 'T', rss_method: 'gnu-time', seed: 1, runs: 3,
      machine: { cpus: 2, cpu_model: 'X', mem_gib: 24, node: '20', platform: 'linux-x64', load_before: [1, 1, 1], load_after: [2, 2, 2] },
      version: { median_ms: 90, runs_ms: [90], goal_ms: 150, met: true }, workloads: [w], others: [], shapes: [],
    };
    const md = renderMarkdown(res).split('\n');
    expect(md[0]).toMatch(/^\| workload \| rows \| MB \| kpi s \|/);
    expect(md[2]).toMatch(/^\| leads\.csv \| 1M \| 80\.0 \| 1\.23 \|/);
    expect(md.some((l) => l.includes('median 90 ms of 1 runs (goal < 150 ms: met)'))).toBe(true);
  });
});
