/**
 * From the first rows of a table to a mapping: header-row search (title rows above it), headerless
 * call-log profiles, kind detection, column mapping, and the refusal of pivoted reports.
 * File-level problems are returned as issues; the caller decides whether they abort (report) or
 * are shown (inspect).
 */
import type { RawRow } from '../ingest/types.js';
import { cellText } from '../ingest/types.js';
import { makeIssue, type Issue } from '../errors/issue.js';
import { usageError } from '../errors/kpi-error.js';
import type { Kind } from '../records/types.js';
import type { CellRange } from '../ingest/xlsx/read-xlsx.js';
import { findHeaderRow } from '../mapping/header-row.js';
import { detectHeaderlessProfile, profileColumns } from '../mapping/profiles.js';
import { detectKind, signalFields, type KindScore } from '../mapping/detect-kind.js';
import { mapByAliases, mapExplicit, type ColumnMapping } from '../mapping/map-columns.js';
import { missingRequired } from '../mapping/fields.js';
import { findSplitMoment } from '../mapping/split-moment.js';
import type { SourceConfig } from './config-types.js';
import { documentParts } from '../records/normalize/invoice.js';

export interface TableSetup {
  /** Index into the buffered rows of the header row, or -1 (headerless). */
  headerIndex: number;
  headerLine: number | null;
  headers: string[] | null;
  profile: string | null;
  kind: Kind | null;
  kindScores: KindScore[];
  mapping: ColumnMapping | null;
  /** File-level errors: kind_unknown, kind_ambiguous, column_missing, not_a_table. */
  problems: Issue[];
  /** Warnings from mapping (column_ambiguous, duplicate_header, column_missing_optional). */
  warnings: Issue[];
}

const KIND_HINT = 'name the kind with --leads/--calls/--invoices FILE, or `kind:` in a config source';

function isPivot(merges: readonly CellRange[], rows: readonly RawRow[], headerIndex: number): boolean {
  if (headerIndex < 0 || merges.length === 0) return false;
  const hdr = rows[headerIndex]!;
  const above = headerIndex > 0 ? rows[headerIndex - 1]! : null;
  const aboveFilled = above ? above.cells.filter((c) => cellText(c).trim() !== '').length : 0;
  for (const m of merges) {
    if (m.right <= m.left) continue;
    const inHeader = m.top <= hdr.line && m.bottom >= hdr.line;
    const inAbove = above !== null && m.top <= above.line && m.bottom >= above.line && aboveFilled >= 2;
    if (inHeader || inAbove) return true;
  }
  return false;
}

/**
 * Work out the table's layout from its first rows.
 * @param forcedKind kind from a flag or config source, or null to detect.
 */
export function setupTable(
  file: string,
  sheet: string | null,
  first: readonly RawRow[],
  merges: readonly CellRange[],
  forcedKind: Kind | null,
  src: SourceConfig | null,
): TableSetup {
  const problems: Issue[] = [];
  const warnings: Issue[] = [];
  const texts = first.map((r) => r.cells.map((c) => cellText(c).trim()));
  let headerIndex = -1;
  let profile: string | null = src?.profile ?? null;
  const hr = src?.header_row ?? 'auto';
  if (typeof hr === 'number') {
    headerIndex = first.findIndex((r) => r.line === hr);
    if (headerIndex < 0) throw usageError(`${file}: header_row ${hr} is not among the first ${first.length} rows`, 'header_row is the physical line (CSV) or sheet row (XLSX) of the header');
  } else if (hr === 'auto' && !profile) {
    headerIndex = findHeaderRow(texts);
  }
  let fields: Record<string, number> | null = null;
  let headers: string[] | null = null;
  let headerLine: number | null = null;
  if (headerIndex >= 0) {
    headers = texts[headerIndex]!.slice();
    headerLine = first[headerIndex]!.line;
  } else if (!src?.columns) {
    if (!profile) {
      const det = detectHeaderlessProfile(texts);
      if (det) {
        profile = det.profile;
        fields = det.fields as Record<string, number>;
      }
    } else {
      const n = Math.max(...first.map((r) => r.cells.length), 0);
      fields = (profileColumns(profile, n) as Record<string, number> | null) ?? null;
      if (!fields) {
        // a cdr_custom file in another order: recognise it by its content
        const det = detectHeaderlessProfile(texts);
        if (det && det.profile === profile) fields = det.fields as Record<string, number>;
      }
      if (!fields) throw usageError(`${file}: profile ${JSON.stringify(profile)} does not fit rows of ${n} fields`, 'known profiles: asterisk-cdr (18 or 21 fields)');
    }
    if (hr === 'none' && !fields && !src?.columns) throw usageError(`${file}: header_row: none needs a \`profile:\` or a \`columns:\` map of 1-based indexes`);
  }

  if (isPivot(merges, first, headerIndex)) {
    problems.push(makeIssue('not_a_table', { file, sheet, line: headerLine }, {
      message: 'this looks like a pivoted report (merged header cells over sub-columns), not a table of records',
      hint: 'export the underlying list instead: one row per lead, call or invoice line, one header row, one column per field (e.g. Дата | Номер | Контрагент | Сумма)',
    }));
    return { headerIndex, headerLine, headers, profile, kind: null, kindScores: [], mapping: null, problems, warnings };
  }

  let kind: Kind | null = forcedKind;
  let kindScores: KindScore[] = [];
  if (profile) kind = kind ?? 'calls';
  if (!kind && headers) {
    const d = detectKind(headers);
    kindScores = d.scores;
    if (d.ambiguous) {
      // name the kinds that tie, not the complete ones: the tie may be among kinds that each lack
      // a required column (while another kind, with no telling column, has them all)
      const tied = d.tied.map((s) => `${s.kind}: score ${s.score}${s.missing.length ? `, no column for ${s.missing.join(', ')}` : ''}`);
      problems.push(makeIssue('kind_ambiguous', { file, sheet, line: headerLine }, {
        value: headers.filter((h) => h !== '').slice(0, 12).join(', '),
        message: `the headers fit several kinds equally (${tied.join('; ')})`,
        hint: KIND_HINT,
      }));
    } else if (!d.kind) {
      // a kind whose required columns are all there failed for want of a column that tells it apart
      const per = d.scores.map((s) => `${s.kind}: ${s.missing.length ? `missing ${s.missing.join(', ')}` : `no column that tells it apart (${signalFields(s.kind)})`}`).join('; ');
      problems.push(makeIssue('kind_unknown', { file, sheet, line: headerLine }, {
        value: headers.filter((h) => h !== '').slice(0, 12).join(', '),
        message: `no record kind fits these headers (${per})`,
        hint: KIND_HINT,
      }));
    } else kind = d.kind;
  }
  if (!kind && !headers) {
    problems.push(makeIssue('kind_unknown', { file, sheet }, {
      message: 'no header row was found and the rows match no built-in headerless profile',
      hint: `${KIND_HINT}; a headerless Asterisk Master.csv needs \`profile: asterisk-cdr\``,
    }));
  }
  if (!kind) return { headerIndex, headerLine, headers, profile, kind, kindScores, mapping: null, problems, warnings };

  const ctx = { file, sheet, headerLine };
  let mapping: ColumnMapping;
  if (src?.columns) mapping = mapExplicit(headers, kind, src.columns, ctx);
  else if (fields) {
    const n = Math.max(...first.map((r) => r.cells.length), 0);
    const byIndex: (string | null)[] = new Array(n).fill(null);
    for (const [f, i] of Object.entries(fields)) byIndex[i] = f;
    mapping = { kind, fields, byIndex, issues: [] } as unknown as ColumnMapping;
  } else mapping = mapByAliases(headers ?? [], kind, ctx);
  warnings.push(...mapping.issues);
  // a 1C register's «Документ» column carries both the number and the date («… № 12 от 05.03.2024»)
  const mf = mapping.fields as Record<string, number | undefined>;
  if (kind === 'invoices' && mf.date === undefined && mf.number !== undefined && looksLikeDocuments(first, headerIndex, mf.number)) {
    mf.date = mf.number;
    mapping.byIndex[mf.number] = 'number' as never;
  }
  // a moment written as a date column and a time column is read from both
  const split = headers ? findSplitMoment(kind, headers, mf, first.slice(headerIndex + 1)) : null;
  if (split !== null) {
    mf[split.field] = split.date;
    mapping.byIndex[split.date] = split.field as never;
    mapping.byIndex[split.time] = split.field as never;
    mapping.split = split;
  }
  // SPEC §2: a closed-deals list exported apart "(the second without `created_at`)" combines with
  // the lead list by id — its rows are checked on the merged record, and one whose id matches no
  // lead is rejected at its own row; without an id column no row could ever be completed
  const closedDeals = kind === 'leads' && mf.id !== undefined;
  const missing = missingRequired(kind, new Set(Object.keys(mapping.fields))).filter((m) => !(closedDeals && m === 'created_at'));
  if (missing.length) {
    problems.push(makeIssue('column_missing', { file, sheet, line: headerLine }, {
      value: headers ? headers.filter((h) => h !== '').slice(0, 20).join(', ') : null,
      expected: missing.join(', '),
      message: `no column for ${missing.join(', ')} (required for ${kind})`,
      hint: `name the columns under \`columns:\` for this source in kpi.config.yaml (kpi init writes one)`,
    }));
  }
  return { headerIndex, headerLine, headers, profile, kind, kindScores, mapping, problems, warnings };
}

/** Do the sample rows of this column read like «Реализация … № X от dd.mm.yyyy»? */
function looksLikeDocuments(rows: readonly RawRow[], headerIndex: number, col: number): boolean {
  let yes = 0;
  let seen = 0;
  for (const r of rows.slice(headerIndex + 1)) {
    const t = cellText(r.cells[col] ?? null).trim();
    if (!t) continue;
    seen++;
    if (documentParts(t)) yes++;
  }
  return seen > 0 && yes / seen >= 0.5;
}
