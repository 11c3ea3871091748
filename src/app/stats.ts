/** Per-input counts of SPEC §5 `meta.inputs` (plus rows_excluded, SPEC-DECISIONS Overrides #52). */
import type { Kind } from '../records/types.js';

export interface InputStats {
  file: string;
  kind: Kind | null;
  sheet: string | null;
  rows_read: number;
  rows_used: number;
  rows_rejected: number;
  rows_blank: number;
  rows_merged: number;
  rows_void: number;
  rows_excluded: number;
  warnings: number;
}

export function newStats(file: string, kind: Kind | null, sheet: string | null): InputStats {
  return { file, kind, sheet, rows_read: 0, rows_used: 0, rows_rejected: 0, rows_blank: 0, rows_merged: 0, rows_void: 0, rows_excluded: 0, warnings: 0 };
}

/** One rejected source row, as written by --rejects (SPEC-DECISIONS #27). */
export interface RejectRow {
  file: string;
  sheet: string | null;
  line: number;
  kind: Kind;
  code: string;
  column: string | null;
  value: string | null;
  reason: string;
  raw: string;
}
