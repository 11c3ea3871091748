/**
 * The `kpi inspect` document (SPEC §5 `kpi-inspect/1`, SPEC-DECISIONS #34): one entry per file,
 * in argument order, with the counts `report` would put in meta.inputs.
 */
import type { FileReport, LoadResult } from '../app/load.js';
import { issueToJson, type IssueJson } from './issue-json.js';
import { formatWall } from '../values/dates.js';

export interface InspectColumn {
  header: string;
  index: number;
  field: string | null;
  format: string | null;
}

export interface InspectFile {
  file: string;
  kind: string | null;
  kind_scores: { kind: string; score: number; missing: string[] }[];
  profile: string | null;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  sheets: string[];
  header_row: number | null;
  rows: number;
  records: number;
  rejected: number;
  /** Rows a file-level problem holds back (neither a record nor rejected): rows = records + merged + rejected + held. */
  held: number;
  blank: number;
  merged: number;
  void: number;
  warnings: number;
  columns: InspectColumn[];
  samples: Record<string, unknown>[];
  issues: IssueJson[];
}

export interface InspectDoc {
  schema: 'kpi-inspect/1';
  files: InspectFile[];
}

const DATE_KEYS = new Set(['createdAt', 'wonAt', 'startedAt', 'date', 'paidAt']);

/** A record made readable: dates as text, money in major units, origin dropped. */
export function sampleOf(rec: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec as Record<string, unknown>)) {
    if (k === 'origin' || k === 'startedAtUtc') continue;
    if (DATE_KEYS.has(k) && typeof v === 'number') out[k] = formatWall(v, true);
    else if ((k === 'amount' || k === 'cost') && typeof v === 'number') out[k] = v / 100;
    else out[k] = v;
  }
  return out;
}

function fileEntry(f: FileReport, all: LoadResult): InspectFile {
  const m = f.setup.mapping;
  const n = Math.max(f.setup.headers?.length ?? 0, m?.byIndex.length ?? 0);
  const columns: InspectColumn[] = [];
  for (let i = 0; i < n; i++) {
    const field = (m?.byIndex[i] as string | null | undefined) ?? null;
    columns.push({ header: f.setup.headers?.[i] ?? '', index: i + 1, field, format: field ? f.formats[field] ?? null : null });
  }
  const issues = all.issues.filter((i) => i.file === f.spec.display && (i.sheet === null || i.sheet === f.info.sheet));
  return {
    file: f.spec.display,
    kind: f.setup.kind,
    kind_scores: f.setup.kindScores.map((s) => ({ kind: s.kind, score: s.score, missing: s.missing })),
    profile: f.setup.profile,
    format: f.info.format,
    encoding: f.info.encoding,
    delimiter: f.info.delimiter,
    sheet: f.info.sheet,
    sheets: f.info.sheets,
    header_row: f.setup.headerLine,
    rows: f.stats.rows_read,
    records: f.stats.rows_used - f.stats.rows_merged,
    rejected: f.stats.rows_rejected,
    held: f.held,
    blank: f.stats.rows_blank,
    merged: f.stats.rows_merged,
    void: f.stats.rows_void,
    warnings: f.stats.warnings,
    columns,
    samples: f.samples.map(sampleOf),
    issues: issues.map(issueToJson),
  };
}

export function buildInspectDoc(res: LoadResult): InspectDoc {
  return { schema: 'kpi-inspect/1', files: res.files.map((f) => fileEntry(f, res)) };
}
