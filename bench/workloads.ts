/**
 * The benchmark's workloads: which files are generated and timed at which sizes. Shared by the
 * generator CLI and the runner so both agree on what "the benchmark" is.
 */
import type { DatasetSpec, Format, Kind } from './datasets.js';

/** The default seed: figures in docs/performance.md come from this one. */
export const DEFAULT_SEED = 1;
/** The standard sizes; `--scale` adds 5M. */
export const STANDARD_SIZES: readonly number[] = [100_000, 1_000_000];
/** The size `--scale` adds. */
export const SCALE_SIZE = 5_000_000;
/** XLSX is timed up to this size (the reference point is 100k rows). */
export const XLSX_MAX_ROWS = 100_000;
/** Every kind, in report order. */
export const KINDS: readonly Kind[] = ['leads', 'calls', 'invoices'];

/** One timed file. */
export interface Workload extends DatasetSpec {
  /** `leads.csv`, `invoices.xlsx` — the row label in the results table. */
  name: string;
}

/** The workloads for the given sizes, kinds and seed, in the order they run. */
export function planWorkloads(sizes: readonly number[], kinds: readonly Kind[], seed: number): Workload[] {
  const out: Workload[] = [];
  const add = (kind: Kind, format: Format, rows: number): void => {
    out.push({ kind, format, rows, seed, name: `${kind}.${format}` });
  };
  for (const kind of kinds) {
    for (const rows of sizes) add(kind, 'csv', rows);
    if (kind === 'invoices') for (const rows of sizes) if (rows <= XLSX_MAX_ROWS) add(kind, 'xlsx', rows);
  }
  return out;
}
