/**
 * What a baseline child process (DuckDB or exceljs) prints on its one stdout line, and how the
 * runner reads it back.
 */

/** One baseline run, as reported by the child. */
export interface BaselineOutput {
  /** Engine time: from creating the database (or opening the file) to the last result row, ms. */
  engine_ms: number;
  /** Input rows the aggregation consumed (checked against the file's row count). */
  input_rows: number;
  /** Rows in the aggregated result. */
  result_rows: number;
}

/** Parse a child's stdout; throws naming what was wrong. */
export function parseBaselineOutput(stdout: string): BaselineOutput {
  const line = stdout.trim().split('\n').pop() ?? '';
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw new Error(`baseline printed no JSON result: ${JSON.stringify(stdout.slice(0, 200))}`);
  }
  const o = v as Partial<BaselineOutput>;
  if (typeof o.engine_ms !== 'number' || typeof o.input_rows !== 'number' || typeof o.result_rows !== 'number') {
    throw new Error(`baseline result lacks engine_ms/input_rows/result_rows: ${line.slice(0, 200)}`);
  }
  return { engine_ms: o.engine_ms, input_rows: o.input_rows, result_rows: o.result_rows };
}
