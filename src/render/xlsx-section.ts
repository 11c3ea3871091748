/**
 * A section sheet of the XLSX workbook (SPEC §5, SPEC-DECISIONS #2, #12, #15, #46): metric (and
 * group) rows × period columns as typed numbers, Δ and Δ% for the last period, the plan when a
 * target applies, then note rows explaining `*` (clipped) and `~` (partial) period heads.
 *
 * Labels are in `--lang` (a human sheet); the tidy `Data` sheet keeps the ids. Null is an empty
 * cell, so "unknown" and "nothing to divide by" both read as blank here (the html and md
 * formats tell them apart).
 */
import type { Workbook, Worksheet } from 'exceljs';
import type { MetricRow, Report, ReportSection, TargetStatus } from '../report/model.js';
import type { Lang } from './numbers.js';
import { groupByLabel, groupLabel, periodLabel, t } from './i18n.js';
import { deltaColumns, isPartial, periodHead } from './human-cells.js';
import { DELTA_FORMAT, PCT_FORMAT, VALUE_FORMAT, addSheet, frameTable, setNumber, setText, setWidths, writeHeader } from './xlsx-cells.js';
import { ymdOfDay } from '../period/calendar.js';

const FILL = {
  ok: 'FFE3F9E5',
  missed: 'FFFFE3E3',
  pending: 'FFFFF8E1',
} as const;
const PARTIAL_FONT = { italic: true, color: { argb: 'FF7B8794' } };
const NOTE_FONT = { italic: true, color: { argb: 'FF52606D' } };

/** The target shown in the plan column: the last column's, else the first one that applies. */
function planOf(row: MetricRow): TargetStatus | null {
  const last = row.targets[row.targets.length - 1];
  return last ?? row.targets.find((x) => x !== null) ?? null;
}

function dayMonth(day: number): string {
  const { m, d } = ymdOfDay(day);
  return `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}`;
}

/** Notes under the table: what `*` and `~` on a period head mean (Decisions #3c, #12). */
function notes(r: Report, partial: readonly boolean[], lang: Lang): string[] {
  const out: string[] = [];
  for (const c of r.columns) {
    if (c.clipped) out.push(t('footer.clipped', lang, { period: periodLabel(c.label, lang), from: dayMonth(c.start), to: dayMonth(c.end - 1) }));
  }
  if (partial.some(Boolean)) {
    const which = r.columns.filter((_, ci) => partial[ci]).map((c) => periodLabel(c.label, lang));
    out.push(`${t('footer.partial', lang)}: ${which.join(', ')}`);
  }
  return out;
}

function writeRow(ws: Worksheet, at: number, r: Report, row: MetricRow, partial: readonly boolean[], layout: Layout, lang: Lang): void {
  const line = ws.getRow(at);
  const label = line.getCell(1);
  setText(label, row.def.label[lang]);
  if (row.group === null) label.font = { bold: true };
  if (layout.grouped) {
    const g = line.getCell(2);
    setText(g, row.group === null ? t('group.total', lang) : groupLabel(row.group, lang));
    if (row.group === null) g.font = { bold: true };
  }
  const kind = row.def.kind;
  r.columns.forEach((_, ci) => {
    const cell = line.getCell(layout.firstPeriod + ci);
    setNumber(cell, row.values[ci] ?? null, VALUE_FORMAT[kind]);
    if (partial[ci] && isPartial(r, row, ci)) cell.font = PARTIAL_FONT;
    const status = row.targets[ci]?.status;
    if (status === 'ok' || status === 'missed' || status === 'pending') {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[status] } };
    }
  });
  const last = r.columns.length - 1;
  layout.deltas.forEach((d, di) => {
    const c = d.pick(row, last) ?? null;
    setNumber(line.getCell(layout.firstDelta + 2 * di), c?.delta ?? null, DELTA_FORMAT[kind]);
    setNumber(line.getCell(layout.firstDelta + 2 * di + 1), c?.delta_pct ?? null, PCT_FORMAT);
  });
  if (layout.plan > 0) {
    const tg = planOf(row);
    setNumber(line.getCell(layout.plan), tg ? (tg.min ?? tg.max) : null, VALUE_FORMAT[kind]);
  }
  line.commit();
}

interface Layout {
  grouped: boolean;
  firstPeriod: number;
  firstDelta: number;
  deltas: ReturnType<typeof deltaColumns>;
  /** 1-based column of the plan, or 0 when no row has a target. */
  plan: number;
}

/**
 * Where a section sheet's columns are: metric (and group) labels, a column per period, Δ and Δ %
 * per comparison basis, the plan when a row has a target. `columns` counts them all.
 */
export function sectionLayout(r: Report, sec: ReportSection, deltas: Layout['deltas']): Layout & { labelCols: number; columns: number } {
  const grouped = r.meta.group_by !== null;
  const n = r.columns.length;
  const labelCols = grouped ? 2 : 1;
  const hasPlan = sec.rows.some((row) => row.targets.some((x) => x !== null));
  const columns = labelCols + n + 2 * deltas.length + (hasPlan ? 1 : 0);
  return { grouped, firstPeriod: labelCols + 1, firstDelta: labelCols + n + 1, deltas, plan: hasPlan ? columns : 0, labelCols, columns };
}

/** Adds the sheet `name` for one section to `wb`. */
export function addSectionSheet(wb: Workbook, r: Report, sec: ReportSection, lang: Lang, name: string): void {
  const by = r.meta.group_by;
  const grouped = by !== null;
  const n = r.columns.length;
  const deltas = deltaColumns(r, lang);
  const layout = sectionLayout(r, sec, deltas);
  const { labelCols } = layout;
  const hasPlan = layout.plan > 0;
  const ws = addSheet(wb, name, labelCols);
  const partial = r.columns.map((_, ci) => sec.rows.some((row) => isPartial(r, row, ci)));
  const heads = [t('col.metric', lang)];
  if (grouped) heads.push(groupByLabel(by, lang));
  for (let ci = 0; ci < n; ci++) heads.push(periodHead(r, ci, lang) + (partial[ci] ? '~' : ''));
  for (const d of deltas) heads.push(d.head, `${d.head} %`);
  if (hasPlan) heads.push(t('col.plan', lang));
  // a streamed sheet writes its column widths and filter before its first row, so they come first;
  // a loop, not Math.max(...rows): a section grouped by thousands of values has too many rows to spread
  let labelWidth = heads[0]!.length;
  let groupWidth = grouped ? heads[1]!.length : 0;
  for (const row of sec.rows) {
    labelWidth = Math.max(labelWidth, row.def.label[lang].length);
    if (grouped) groupWidth = Math.max(groupWidth, (row.group === null ? t('group.total', lang) : groupLabel(row.group, lang)).length);
  }
  const widths = [labelWidth];
  if (grouped) widths.push(groupWidth);
  for (let i = labelCols; i < heads.length; i++) widths.push(Math.max(12, heads[i]!.length));
  setWidths(ws, widths);
  const lastRow = sec.rows.length + 1;
  frameTable(ws, heads.length, lastRow);
  writeHeader(ws, heads);
  sec.rows.forEach((row, i) => writeRow(ws, i + 2, r, row, partial, layout, lang));
  // Notes go below a blank row, outside the autofilter range, so filtering never hides them.
  notes(r, partial, lang).forEach((s, i) => {
    const line = ws.getRow(lastRow + 2 + i);
    const cell = line.getCell(1);
    setText(cell, s);
    cell.font = NOTE_FONT;
    line.commit();
  });
  ws.commit();
}
