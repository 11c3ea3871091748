/** A source row's text for --rejects: the CSV record as read, or XLSX cells re-serialized as CSV. */
import type { RawRow } from '../ingest/types.js';
import { cellText } from '../ingest/types.js';
import { flatten } from '../values/flat.js';

/** A flat copy: callers keep it past the row (a slice would keep the file's chunk alive). */
export function rowText(row: RawRow): string {
  if (row.raw !== undefined) return flatten(row.raw);
  return row.cells.map((c) => {
    const t = cellText(c);
    return /[",\r\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
  }).join(',');
}
