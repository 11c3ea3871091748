/**
 * Time one workload: `kpi report` over the file N times, each run followed in turn by the
 * baseline (DuckDB with 2 and 1 threads for CSV, exceljs for XLSX), so both see the same machine
 * state — on a shared machine, load that comes and goes then hits both sides alike.
 */
import { createReadStream } from 'node:fs';
import type { Dataset, Kind } from './datasets.js';
import { parseBaselineOutput } from './baseline-result.js';
import { timeProcess, type ProcessRun } from './measure.js';
import { maxOrNull, median } from './stats.js';
import type { BaselineTiming, KpiTiming, Timing, WorkloadResult } from './results.js';
import type { Workload } from './workloads.js';

/** What the runner needs to run a workload. */
export interface WorkloadContext {
  runs: number;
  /** `dist/bin/kpi.js`. */
  kpiBin: string;
  /** A compiled bench script by name (`duckdb-child` → `dist/bench/duckdb-child.js`). */
  script: (name: string) => string;
  cwd: string;
  timeoutMs: number;
  log: (line: string) => void;
}

/** The kpi command line the benchmark times (the issue's, verbatim). */
export function kpiArgs(kind: Kind, file: string): string[] {
  return ['report', `--${kind}`, file, '-p', '2024-01..2025-12', '-O', 'json', '--no-config', '--today', '2026-01-15'];
}

/** Read the file once, untimed, so every timed run finds it in the page cache. */
async function warmCache(path: string): Promise<void> {
  for await (const _ of createReadStream(path, { highWaterMark: 1 << 20 })) {
    // discard
  }
}

const KB_TO_MB = 1024 / 1e6;

function timing(runs: readonly ProcessRun[]): Timing {
  const cpu = runs.map((r) => r.cpuMs);
  const rss = maxOrNull(runs.map((r) => r.peakRssKb));
  return {
    median_s: median(runs.map((r) => r.wallMs)) / 1000,
    runs_s: runs.map((r) => Math.round(r.wallMs) / 1000),
    cpu_median_s: cpu.every((c) => c !== null) ? median(cpu as number[]) / 1000 : null,
    peak_rss_mb: rss === null ? null : rss * KB_TO_MB,
  };
}

/** Why a kpi run does not count, or null: it must exit 0 and have read every row of the file. */
export function kpiRunError(run: ProcessRun, rows: number): { error: string | null; read: number | null; rejected: number | null } {
  if (run.exitCode !== 0) {
    const why = run.signal ? `killed by ${run.signal}` : `exit ${run.exitCode}`;
    return { error: `${why}: ${run.stderr.trim().split('\n').slice(0, 3).join(' | ').slice(0, 300)}`, read: null, rejected: null };
  }
  let read = 0;
  let rejected = 0;
  try {
    const doc = JSON.parse(run.stdout) as { meta?: { inputs?: { rows_read?: number; rows_rejected?: number }[] } };
    const inputs = doc.meta?.inputs;
    if (!Array.isArray(inputs) || inputs.length === 0) return { error: 'JSON output has no meta.inputs', read: null, rejected: null };
    for (const i of inputs) {
      read += i.rows_read ?? 0;
      rejected += i.rows_rejected ?? 0;
    }
  } catch {
    return { error: `stdout is not JSON: ${JSON.stringify(run.stdout.slice(0, 120))}`, read: null, rejected: null };
  }
  if (read !== rows) return { error: `kpi read ${read} rows of ${rows}`, read, rejected };
  return { error: null, read, rejected };
}

async function baselineRun(ctx: WorkloadContext, w: Workload, file: string, threads: number): Promise<{ run: ProcessRun; engineMs: number | null; input: number; error: string | null }> {
  const args = w.format === 'xlsx' ? [ctx.script('exceljs-child'), file] : [ctx.script('duckdb-child'), w.kind, file, String(threads)];
  const run = await timeProcess(process.execPath, args, { cwd: ctx.cwd, timeoutMs: ctx.timeoutMs });
  if (run.exitCode !== 0) return { run, engineMs: null, input: 0, error: `exit ${run.exitCode}: ${run.stderr.trim().slice(0, 300)}` };
  try {
    const out = parseBaselineOutput(run.stdout);
    const error = out.input_rows === w.rows ? null : `baseline consumed ${out.input_rows} rows of ${w.rows}`;
    return { run, engineMs: out.engine_ms, input: out.input_rows, error };
  } catch (e) {
    return { run, engineMs: null, input: 0, error: (e as Error).message };
  }
}

function baselineTiming(xs: Awaited<ReturnType<typeof baselineRun>>[]): BaselineTiming | null {
  if (xs.length === 0) return null;
  const ok = xs.filter((x) => x.error === null && x.engineMs !== null);
  const error = xs.find((x) => x.error !== null)?.error ?? null;
  const engine = ok.map((x) => x.engineMs as number);
  return {
    engine_median_s: engine.length ? median(engine) / 1000 : NaN,
    engine_runs_s: engine.map((ms) => Math.round(ms) / 1000),
    process: timing(xs.map((x) => x.run)),
    input_rows: xs[0]!.input,
    error,
  };
}

/** Run one workload N times in turn with its baseline; goals are filled in later by the caller. */
export async function runWorkload(w: Workload, d: Dataset, ctx: WorkloadContext): Promise<WorkloadResult> {
  await warmCache(d.path);
  const kpiRuns: ProcessRun[] = [];
  const base2: Awaited<ReturnType<typeof baselineRun>>[] = [];
  const base1: Awaited<ReturnType<typeof baselineRun>>[] = [];
  let error: string | null = null;
  let read: number | null = null;
  let rejected: number | null = null;
  for (let i = 0; i < ctx.runs; i++) {
    const run = await timeProcess(process.execPath, [ctx.kpiBin, ...kpiArgs(w.kind, d.path)], { cwd: ctx.cwd, timeoutMs: ctx.timeoutMs });
    kpiRuns.push(run);
    const verdict = kpiRunError(run, w.rows);
    error ??= verdict.error;
    read = verdict.read ?? read;
    rejected = verdict.rejected ?? rejected;
    base2.push(await baselineRun(ctx, w, d.path, 2));
    if (w.format === 'csv') base1.push(await baselineRun(ctx, w, d.path, 1));
    ctx.log(`  ${w.name} ${w.rows} run ${i + 1}/${ctx.runs}: kpi ${(run.wallMs / 1000).toFixed(2)} s` +
      (verdict.error ? ` (${verdict.error})` : '') +
      `, ${w.format === 'csv' ? 'DuckDB 2t' : 'exceljs'} ${fmtMs(base2[i]!.engineMs)}` +
      (w.format === 'csv' ? `, 1t ${fmtMs(base1[i]!.engineMs)}` : ''));
  }
  const t = timing(kpiRuns);
  const kpi: KpiTiming = {
    ...t,
    rows_per_s: w.rows / t.median_s,
    mb_per_s: d.bytes / 1e6 / t.median_s,
    exit_codes: kpiRuns.map((r) => r.exitCode ?? -1),
    rows_read: read,
    rows_rejected: rejected,
    error,
  };
  const baseline = baselineTiming(base2);
  const ok = error === null && baseline !== null && baseline.error === null;
  return {
    name: w.name, kind: w.kind, format: w.format, rows: w.rows, bytes: d.bytes, file: d.path,
    kpi,
    baseline_tool: w.format === 'xlsx' ? 'exceljs' : 'duckdb',
    baseline,
    baseline_1t: baselineTiming(base1),
    ratio: ok ? kpi.median_s / baseline.engine_median_s : null,
    cpu_ratio: ok && kpi.cpu_median_s !== null && baseline.process.cpu_median_s ? kpi.cpu_median_s / baseline.process.cpu_median_s : null,
    goals: [],
  };
}

function fmtMs(ms: number | null): string {
  return ms === null ? 'failed' : `${(ms / 1000).toFixed(2)} s`;
}
