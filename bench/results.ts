/**
 * The benchmark's results model: what `bench/out/results.json` holds (`kpi-bench/1`) and what
 * the printed table is made from. Times are seconds; file sizes and memory are both MB (10⁶
 * bytes), so "≤ 250 MB" is checked as strictly as it reads.
 */
import type { Format, Kind } from './datasets.js';
import type { ShapeResult } from './shapes.js';

/** Repeated timings of one command. */
export interface Timing {
  /** Median wall time, spawn to exit. */
  median_s: number;
  runs_s: number[];
  /** Median user + system CPU time (null when unmeasurable). */
  cpu_median_s: number | null;
  /** Largest peak RSS over the runs, MB. */
  peak_rss_mb: number | null;
}

/** kpi's runs over one file. */
export interface KpiTiming extends Timing {
  rows_per_s: number;
  mb_per_s: number;
  exit_codes: number[];
  /** From the JSON output's `meta.inputs`; null when the run failed. */
  rows_read: number | null;
  rows_rejected: number | null;
  /** Why the run does not count (non-zero exit, bad JSON, rows_read ≠ rows), or null. */
  error: string | null;
}

/** A baseline's runs: `engine` is the in-process engine time, `process` the child's wall time. */
export interface BaselineTiming {
  engine_median_s: number;
  engine_runs_s: number[];
  process: Timing;
  input_rows: number;
  error: string | null;
}

/** One goal checked against one workload. */
export interface GoalCheck {
  /** `vs DuckDB 2t ≤ 2×`, `peak RSS ≤ 250 MB`, … */
  goal: string;
  /** The measured value the goal is about (a ratio, MB, ms). */
  value: number | null;
  /** True met, false missed, null not measurable (a run failed). */
  met: boolean | null;
}

/** Everything measured for one file. */
export interface WorkloadResult {
  name: string;
  kind: Kind;
  format: Format;
  rows: number;
  bytes: number;
  file: string;
  kpi: KpiTiming;
  /** `duckdb` for CSV, `exceljs` for XLSX. */
  baseline_tool: 'duckdb' | 'exceljs';
  /** DuckDB with 2 threads, or exceljs. */
  baseline: BaselineTiming | null;
  /** DuckDB with 1 thread (CSV only). */
  baseline_1t: BaselineTiming | null;
  /** kpi median wall / baseline median engine time (the ratio). */
  ratio: number | null;
  /** kpi median CPU / baseline median process CPU: steadier when other work shares the machine. */
  cpu_ratio: number | null;
  goals: GoalCheck[];
}

/** Other tools timed once (`--others`). */
export interface OtherToolResult {
  tool: string;
  workload: string;
  rows: number;
  wall_s: number | null;
  /** kpi's median on the same file, and whether kpi was faster (null when either failed). */
  kpi_s: number | null;
  kpi_faster: boolean | null;
  error: string | null;
}

/** `bench/out/results.json`. */
export interface BenchResults {
  schema: 'kpi-bench/1';
  generated_at: string;
  machine: { cpus: number; cpu_model: string; mem_gib: number; node: string; platform: string; load_before: number[]; load_after: number[] };
  rss_method: string;
  seed: number;
  runs: number;
  version: { median_ms: number; runs_ms: number[]; goal_ms: number; met: boolean };
  workloads: WorkloadResult[];
  others: OtherToolResult[];
  /** kpi alone on other export shapes (`--shapes`; empty without it). */
  shapes: ShapeResult[];
}
