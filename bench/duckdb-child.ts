/**
 * One DuckDB baseline run, meant to run in its own process so each run starts cold like kpi's:
 *
 *   node dist/bench/duckdb-child.js <leads|calls|invoices> <file.csv> <threads>
 *
 * prints one JSON line (`BaselineOutput`). The timed part is engine work only — creating the
 * in-memory database, reading and aggregating the file — not Node's start-up or loading the
 * native addon, so the ratio printed by the runner is, if anything, strict on kpi.
 */
import { baselineSql } from './baseline-sql.js';
import type { BaselineOutput } from './baseline-result.js';
import type { Kind } from './datasets.js';
import { isMain } from './paths.js';

/** A result row as plain JSON values (BIGINT → number, DECIMAL/DATE → text). */
export type BaselineRow = Record<string, string | number | boolean | null>;

/** Run the baseline query; resolves with the engine time and the result rows. */
export async function duckdbRows(kind: Kind, path: string, threads: number): Promise<{ engineMs: number; rows: BaselineRow[] }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const sql = baselineSql(kind, path);
  const t0 = performance.now();
  const inst = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const con = await inst.connect();
  try {
    const reader = await con.runAndReadAll(sql);
    const rows = reader.getRowObjectsJson() as BaselineRow[];
    return { engineMs: performance.now() - t0, rows };
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}

/** Run the baseline for `kind` over `path` with `threads` DuckDB threads. */
export async function runDuckdbBaseline(kind: Kind, path: string, threads: number): Promise<BaselineOutput> {
  const { engineMs, rows } = await duckdbRows(kind, path, threads);
  let input = 0;
  for (const r of rows) if (r.level === 'month') input += Number(r.n);
  return { engine_ms: engineMs, input_rows: input, result_rows: rows.length };
}

if (isMain(import.meta.url)) {
  const [kind, path, threads] = process.argv.slice(2);
  if ((kind !== 'leads' && kind !== 'calls' && kind !== 'invoices') || !path || !threads) {
    console.error('usage: duckdb-child.js <leads|calls|invoices> <file.csv> <threads>');
    process.exitCode = 2;
  } else {
    try {
      console.log(JSON.stringify(await runDuckdbBaseline(kind, path, Number(threads))));
    } catch (e) {
      console.error(`duckdb baseline: ${(e as Error).message}`);
      process.exitCode = 1;
    }
  }
}
