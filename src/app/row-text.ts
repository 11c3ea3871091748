/** A source row's text for --rejects: the CSV record as read, or XLSX cells re-serialized as CSV. */
import type { RawRow } from '../ingest/types.js';
import { cellText } from '../ingest/types.js';

export function rowText(row: RawRow): string {
  if (row.raw !== undefined) return row.raw;
  return row.cells.map((c) => {
    const t = cellText(c);
    return /[",\r\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
  }).join(',');
}
