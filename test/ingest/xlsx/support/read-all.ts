/** Test helpers: read a whole sheet into memory, and locate the committed fixtures. */
import { fileURLToPath } from 'node:url';
import { readXlsx } from '../../../../src/ingest/xlsx/read-xlsx.js';
import type { CellRange } from '../../../../src/ingest/xlsx/read-xlsx.js';
import type { Issue } from '../../../../src/errors/issue.js';
import type { RawRow, ReaderInfo } from '../../../../src/ingest/types.js';

/** Absolute path of a fixture in fixtures/quirks/xlsx/. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../../../fixtures/quirks/xlsx/${name}`, import.meta.url));
}

export interface ReadResult {
  info: ReaderInfo;
  merges: CellRange[];
  rows: RawRow[];
  issues: Issue[];
}

/** Read every row of a workbook's chosen sheet. */
export async function readAll(path: string, sheet: string | null = null, file = path): Promise<ReadResult> {
  const issues: Issue[] = [];
  const r = await readXlsx(path, { file, sheet }, issues);
  const rows: RawRow[] = [];
  for await (const row of r.rows) rows.push(row);
  return { info: r.info, merges: r.merges, rows, issues };
}

/** The row with sheet row number `line`; fails loudly when absent. */
export function row(rows: readonly RawRow[], line: number): RawRow {
  const r = rows.find((x) => x.line === line);
  if (!r) throw new Error(`no row ${line}; rows are ${rows.map((x) => x.line).join(',')}`);
  return r;
}
