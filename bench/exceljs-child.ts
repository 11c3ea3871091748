/**
 * The XLSX baseline (DuckDB cannot read XLSX without its `excel` extension, which is not
 * installable offline): exceljs's streaming WorkbookReader over `invoices.xlsx`, aggregating in
 * plain JavaScript what the invoices SQL baseline computes — revenue, profit and active clients
 * per month, new clients, month-over-month retention.
 *
 *   node dist/bench/exceljs-child.js <invoices.xlsx>
 *
 * Prints one JSON line (`BaselineOutput`). Styles are not loaded (the best case for exceljs):
 * the date column is known, so its serials are converted here.
 */
import ExcelJS from 'exceljs';
import type { BaselineOutput } from './baseline-result.js';
import { isMain } from './paths.js';

/** Excel 1900-system serial → month key `yyyy*12 + (m-1)` (serials ≥ 61, i.e. after 1900-02-28). */
function serialMonth(serial: number): number {
  const d = new Date(Math.round((serial - 25_569) * 86_400_000));
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Run the exceljs baseline over `path`. */
export async function runExceljsBaseline(path: string): Promise<BaselineOutput> {
  const t0 = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', worksheets: 'emit', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
  const months = new Map<number, { revenue: number; profit: number; lines: number; active: Set<string> }>();
  const first = new Map<string, number>();
  let input = 0;
  for await (const ws of reader) {
    for await (const row of ws) {
      if (row.number === 1) continue;
      const v = row.values as unknown[];
      const date = v[1];
      const serial = typeof date === 'number' ? date : date instanceof Date ? date.getTime() / 86_400_000 + 25_569 : NaN;
      const amount = Number(v[7]);
      const cost = Number(v[8]);
      if (!Number.isFinite(serial) || !Number.isFinite(amount)) throw new Error(`row ${row.number}: bad date or amount`);
      const m = serialMonth(serial);
      const client = String(v[4] ?? v[3] ?? '');
      let agg = months.get(m);
      if (!agg) months.set(m, (agg = { revenue: 0, profit: 0, lines: 0, active: new Set() }));
      // Kopecks as integers: never sum floats of money.
      const cents = Math.round(amount * 100);
      agg.revenue += cents;
      agg.profit += cents - Math.round(cost * 100);
      agg.lines++;
      input++;
      if (cents > 0) {
        agg.active.add(client);
        const f = first.get(client);
        if (f === undefined || m < f) first.set(client, m);
      }
    }
    break; // the first sheet only
  }
  const keys = [...months.keys()].sort((a, b) => a - b);
  const out: { month: number; revenue: number; retention: number | null; fresh: number }[] = [];
  for (const m of keys) {
    const cur = months.get(m)!;
    const prev = months.get(m - 1);
    let kept = 0;
    if (prev) for (const c of prev.active) if (cur.active.has(c)) kept++;
    let fresh = 0;
    for (const c of cur.active) if (first.get(c) === m) fresh++;
    out.push({ month: m, revenue: cur.revenue / 100, retention: prev && prev.active.size ? kept / prev.active.size : null, fresh });
  }
  return { engine_ms: performance.now() - t0, input_rows: input, result_rows: out.length };
}

if (isMain(import.meta.url)) {
  const path = process.argv[2];
  if (!path) {
    console.error('usage: exceljs-child.js <file.xlsx>');
    process.exitCode = 2;
  } else {
    try {
      console.log(JSON.stringify(await runExceljsBaseline(path)));
    } catch (e) {
      console.error(`exceljs baseline: ${(e as Error).message}`);
      process.exitCode = 1;
    }
  }
}
