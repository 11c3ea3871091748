/** A source row's text for --rejects: the CSV record as read, or XLSX cells re-serialized as CSV. */
import type { RawRow } from '../ingest/types.js';
import { cellText, type Cell } from '../ingest/types.js';
import { flatten } from '../values/flat.js';

/** A flat copy: callers keep it past the row (a slice would keep the file's chunk alive). */
export function rowText(row: RawRow): string {
  if (row.raw !== undefined) return flatten(row.raw);
  let out = row.cells.map(csvCell).join(',');
  const far = row.far;
  if (far !== undefined) {
    // far cells (RawRow.far) in their columns: the empty ones between are commas
    let at = row.cells.length;
    for (let k = 0; k < far.cols.length; k++) {
      const j = far.cols[k] as number;
      out += ','.repeat(j - at + (at === 0 ? 0 : 1)) + csvCell(far.cells[k] ?? null);
      at = j + 1;
    }
  }
  return out;
}

function csvCell(c: Cell): string {
  const t = cellText(c);
  return /[",\r\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
}
