/**
 * The machine-shaped sheets of the XLSX workbook (SPEC §5, SPEC-DECISIONS #2, #46):
 *
 * - `Data`: the tidy rows of `reportRows` (each metric once, under its home section), with
 *   start/end as date cells, comparisons with `--compare`, and targets where one applies;
 * - `Issues`: every rejection and warning;
 * - `Inputs`: `meta.inputs`, then notes (inputs missing, ungrouped kinds, time zone and today).
 *
 * Their names and column heads are the JSON keys whatever `--lang` says, like csv and json: a
 * pivot table or a script built on them keeps working when someone switches the language.
 */
import type { Workbook, Worksheet } from 'exceljs';
import type { Comparison, Report, TargetStatus } from '../report/model.js';
import type { InputKind } from '../kpi/registry.js';
import { metricDef } from '../kpi/registry.js';
import { parseIsoDay } from '../period/calendar.js';
import { eachReportRow } from './json.js';
import { issueToJson } from '../report/issue-json.js';
import type { Lang } from './numbers.js';
import { inputKindLabel, periodLabel, t } from './i18n.js';
import { DELTA_FORMAT, INT_FORMAT, PCT_FORMAT, VALUE_FORMAT, addSheet, frameTable, setDay, setNumber, setText, setWidths, writeHeader } from './xlsx-cells.js';

const DATA_HEADS = ['period', 'start', 'end', 'section', 'group_by', 'group', 'metric', 'value'];
const COMPARE_HEADS = ['compare_period', 'compare_value', 'delta', 'delta_pct'];
const TARGET_HEADS = ['target_min', 'target_max', 'target_status'];
const ISSUE_HEADS = ['severity', 'code', 'file', 'sheet', 'line', 'column', 'column_index', 'value', 'expected', 'hint', 'message'];
const INPUT_HEADS = ['file', 'kind', 'sheet', 'rows_read', 'rows_used', 'rows_rejected', 'rows_blank', 'rows_merged', 'rows_void', 'rows_excluded', 'warnings'];

/** A `YYYY-MM-DD` string as a date cell; anything else is a bug upstream, so it throws. */
function dayOf(s: string): number {
  const d = parseIsoDay(s);
  if (d === null) throw new Error(`xlsx: not an ISO date: ${JSON.stringify(s)}`);
  return d;
}

/** The Data sheet before its rows: its rows (header excluded), heads and column widths. */
export interface DataSheetShape {
  rows: number;
  /** Some row has a target: the target columns are there. */
  withTarget: boolean;
  heads: readonly string[];
  widths: readonly number[];
}

/** One pass over the tidy rows for what a streamed sheet writes before them (and the size check needs). */
export function dataSheetShape(r: Report): DataSheetShape {
  let rows = 0;
  let withTarget = false;
  let groupWidth = 0;
  let metricWidth = 0;
  for (const x of eachReportRow(r)) {
    rows++;
    if (x.target !== undefined) withTarget = true;
    groupWidth = Math.max(groupWidth, x.group?.length ?? 0);
    metricWidth = Math.max(metricWidth, x.metric.length);
  }
  const heads = [...DATA_HEADS, ...(r.meta.compare !== null ? COMPARE_HEADS : []), ...(withTarget ? TARGET_HEADS : [])];
  const widths = heads.map((h) => h.length);
  widths[1] = widths[2] = 10;
  widths[5] = Math.max(widths[5]!, groupWidth);
  widths[6] = Math.max(widths[6]!, metricWidth);
  return { rows, withTarget, heads, widths };
}

/** Adds `Data`: one row per tidy report row, in the columns of `shape` ({@link dataSheetShape}). */
export function addDataSheet(wb: Workbook, r: Report, shape: DataSheetShape): void {
  const ws = addSheet(wb, 'Data', 0);
  const { heads, withTarget } = shape;
  const withCompare = r.meta.compare !== null;
  setWidths(ws, shape.widths);
  frameTable(ws, heads.length, shape.rows + 1);
  writeHeader(ws, heads);
  let i = 0;
  for (const x of eachReportRow(r)) {
    const line = ws.getRow(i + 2);
    i++;
    const kind = metricDef(x.metric)?.kind ?? 'count';
    setText(line.getCell(1), x.period);
    setDay(line.getCell(2), dayOf(x.start));
    setDay(line.getCell(3), dayOf(x.end));
    setText(line.getCell(4), x.section);
    setText(line.getCell(5), x.group_by);
    setText(line.getCell(6), x.group);
    setText(line.getCell(7), x.metric);
    setNumber(line.getCell(8), x.value, VALUE_FORMAT[kind]);
    let col = 9;
    if (withCompare) {
      const c = (x.compare ?? null) as Comparison | null;
      setText(line.getCell(col), c?.period ?? null);
      setNumber(line.getCell(col + 1), c?.value ?? null, VALUE_FORMAT[kind]);
      setNumber(line.getCell(col + 2), c?.delta ?? null, DELTA_FORMAT[kind]);
      setNumber(line.getCell(col + 3), c?.delta_pct ?? null, PCT_FORMAT);
      col += 4;
    }
    if (withTarget) {
      const tg = (x.target ?? null) as TargetStatus | null;
      setNumber(line.getCell(col), tg?.min ?? null, VALUE_FORMAT[kind]);
      setNumber(line.getCell(col + 1), tg?.max ?? null, VALUE_FORMAT[kind]);
      setText(line.getCell(col + 2), tg?.status ?? null);
    }
    line.commit();
  }
  ws.commit();
}

/**
 * Issue rows a workbook holds. An issue row is 11 cells of long text: with exceljs's in-memory
 * workbook 270,000 issues took 46 s and 3.6 GB; streamed, a million still take 85 s and 3.4 GB
 * (the package is re-zipped in memory) and pass Excel's 1,048,576 rows. Past this many a row says
 * how many more there are and where they are (-O json, --rejects).
 */
export const ISSUES_SHEET_MAX = 10_000;

/**
 * Adds `Issues`: the run's issues (the first {@link ISSUES_SHEET_MAX}, then a row counting the
 * rest), lines and column indexes as numbers.
 */
export function addIssuesSheet(wb: Workbook, r: Report, lang: Lang): void {
  const ws = addSheet(wb, 'Issues', 0);
  const shown = Math.min(r.issues.length, ISSUES_SHEET_MAX);
  setWidths(ws, [8, 18, 24, 10, 6, 16, 6, 20, 20, 30, 60]);
  frameTable(ws, ISSUE_HEADS.length, shown + 1);
  writeHeader(ws, ISSUE_HEADS);
  r.issues.slice(0, shown).forEach((issue, i) => {
    const x = issueToJson(issue);
    const line = ws.getRow(i + 2);
    setText(line.getCell(1), x.severity);
    setText(line.getCell(2), x.code);
    setText(line.getCell(3), x.file);
    setText(line.getCell(4), x.sheet);
    setNumber(line.getCell(5), x.line, INT_FORMAT);
    setText(line.getCell(6), x.column);
    setNumber(line.getCell(7), x.column_index, INT_FORMAT);
    setText(line.getCell(8), x.value);
    setText(line.getCell(9), x.expected);
    setText(line.getCell(10), x.hint);
    setText(line.getCell(11), x.message);
    line.commit();
  });
  if (shown < r.issues.length) {
    // below the table and its filter, in the message column
    const line = ws.getRow(shown + 2);
    setText(line.getCell(11), t('xlsx.moreIssues', lang, { more: r.issues.length - shown, all: r.issues.length, shown }));
    line.commit();
  }
  ws.commit();
}

function noteLines(r: Report, lang: Lang): string[] {
  const kinds = (list: readonly string[]) => list.map((k) => inputKindLabel(k as InputKind, lang)).join(', ');
  const out: string[] = [];
  if (r.meta.inputs_missing.length) out.push(t('footer.notShown', lang, { inputs: kinds(r.meta.inputs_missing) }));
  if (r.meta.ungrouped.length && r.meta.group_by !== null) {
    out.push(t('footer.ungrouped', lang, { by: t(`splitBy.${r.meta.group_by}`, lang), inputs: kinds(r.meta.ungrouped) }));
  }
  out.push(t('footer.timezone', lang, { tz: r.meta.timezone, today: periodLabel(r.meta.today, lang) }));
  return out;
}

function writeNotes(ws: Worksheet, from: number, lines: readonly string[]): void {
  lines.forEach((s, i) => {
    const line = ws.getRow(from + i);
    const cell = line.getCell(1);
    setText(cell, s);
    cell.font = { italic: true };
    line.commit();
  });
}

/** Adds `Inputs`: rows read / used / rejected … per input (meta.inputs), then the notes. */
export function addInputsSheet(wb: Workbook, r: Report, lang: Lang): void {
  const ws = addSheet(wb, 'Inputs', 0);
  let fileWidth = 4;
  for (const x of r.meta.inputs) fileWidth = Math.max(fileWidth, x.file.length);
  setWidths(ws, [fileWidth, 8, 10, ...INPUT_HEADS.slice(3).map((h) => h.length)]);
  const lastRow = r.meta.inputs.length + 1;
  frameTable(ws, INPUT_HEADS.length, lastRow);
  writeHeader(ws, INPUT_HEADS);
  r.meta.inputs.forEach((x, i) => {
    const line = ws.getRow(i + 2);
    setText(line.getCell(1), x.file);
    setText(line.getCell(2), x.kind);
    setText(line.getCell(3), x.sheet);
    const counts = [x.rows_read, x.rows_used, x.rows_rejected, x.rows_blank, x.rows_merged, x.rows_void, x.rows_excluded, x.warnings];
    counts.forEach((v, k) => setNumber(line.getCell(4 + k), v, INT_FORMAT));
    line.commit();
  });
  writeNotes(ws, lastRow + 2, noteLines(r, lang));
  ws.commit();
}
