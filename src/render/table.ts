/**
 * The terminal dashboard: one box-drawn table per section, periods as columns, Δ vs previous
 * period and last year for the last column, a sparkline, and a data-health footer. Colour only
 * when enabled (never with NO_COLOR, never in files unless --color always).
 */
import { boxLines } from './box-table.js';
import { LINES_PER_PIECE, linePieces } from './pieces.js';
import { Chalk } from 'chalk';
import type { Report, MetricRow } from '../report/model.js';
import { formatDelta, formatValue, sparkline, type Lang } from './numbers.js';
import { formatDay } from '../period/calendar.js';
import { planSuffix } from './human-cells.js';
import { groupByLabel, groupLabel, inputKindLabel, periodLabel, sectionTitle, t } from './i18n.js';
import { excludedLines } from '../report/excluded.js';

export interface TableOptions {
  color: boolean;
  lang: Lang;
}

function deltaCell(row: MetricRow, which: 'prev' | 'yoy', i: number, lang: Lang, ch: InstanceType<typeof Chalk>): string {
  const c = row.compare[which][i];
  if (!c) return '—';
  const s = formatDelta(c.delta, c.delta_pct, row.def.kind, lang).replace(/ pp$/, ` ${t('unit.pp', lang)}`);
  if (c.delta === null || c.delta === 0) return s;
  const good = (c.delta > 0) === (row.def.better === 'up');
  return good ? ch.green(s) : ch.red(s);
}

/** The dashboard as one string (see {@link renderTableChunks}). */
export function renderTable(r: Report, o: TableOptions): string {
  return [...renderTableChunks(r, o)].join('');
}

/**
 * The dashboard in pieces, each section's lines written before the next is drawn: a report of
 * many groups is more text than one string may hold. Their concatenation is the whole.
 */
export function* renderTableChunks(r: Report, o: TableOptions): Generator<string> {
  const ch = new Chalk({ level: o.color ? 1 : 0 });
  const out: string[] = [];
  const n = r.columns.length;
  const last = n - 1;
  const showPrev = r.sections.some((s) => s.rows.some((row) => row.compare.prev[last]));
  const showYoy = r.sections.some((s) => s.rows.some((row) => row.compare.yoy[last]));
  const heads = r.columns.map((c) => periodLabel(c.label, o.lang) + (c.clipped ? '*' : ''));
  const partial = (row: MetricRow, i: number) => (r.meta.columns[i]?.partial_kinds ?? []).some((k) => (row.def.needs as readonly string[]).includes(k));
  let anyPartial = false;
  if (n === 0) {
    out.push(t('report.noRecords', o.lang));
  }
  for (const sec of r.sections) {
    if (n === 0) break;
    const title = sectionTitle(sec.id, o.lang);
    const head = [ch.bold(title), ...heads];
    if (showPrev) head.push(t('col.deltaPrev', o.lang));
    if (showYoy) head.push(t('col.deltaYear', o.lang));
    const hasSpark = sec.rows.some((row) => row.spark && sparkline(row.spark) !== '');
    if (hasSpark) head.push(t('col.trend', o.lang));
    const lines: string[][] = [];
    for (const row of sec.rows) {
      const label = row.group === null ? row.def.label[o.lang] : `  ${groupLabel(row.group, o.lang)}`;
      const unknown = row.def.wonBased || row.def.costBased || row.def.answerBased;
      const cells = row.values.map((v, i) => {
        let s = formatValue(v, row.def.kind, o.lang, !!unknown && v === null && !(row.terms[i] && Object.values(row.terms[i]!).some((x) => x === 0)));
        if (s === 'n/a') s = t('value.unknown', o.lang);
        s += planSuffix(row.targets[i], v, row.def.kind, o.lang);
        if (partial(row, i)) {
          anyPartial = true;
          s = '~' + s;
        }
        return s;
      });
      const line = [row.group === null ? label : ch.dim(label), ...cells];
      if (showPrev) line.push(deltaCell(row, 'prev', last, o.lang, ch));
      if (showYoy) line.push(deltaCell(row, 'yoy', last, o.lang, ch));
      if (hasSpark) line.push(row.spark ? sparkline(row.spark) : '');
      lines.push(line);
    }
    let empty = true;
    for (const line of boxLines(head, lines, { compact: true, aligns: ['left', ...r.columns.map(() => 'right' as const)] })) {
      empty = false;
      out.push(line);
      if (out.length >= LINES_PER_PIECE) {
        yield* linePieces(out, '\n');
        out.length = 0;
      }
    }
    if (empty) out.push('');
    if (r.explain) {
      for (const row of sec.rows) {
        if (row.group !== null) continue;
        const terms = row.terms[last];
        const tt = terms ? ' = ' + Object.entries(terms).map(([k, v]) => `${k} ${v === null ? '—' : v}`).join(', ') : '';
        out.push(`  ${row.def.id}: ${row.def.formula}${tt}`);
      }
      for (const line of excludedLines(r.excluded, sec, o.lang)) out.push(`  ${line}`);
    }
    out.push('');
    yield* linePieces(out, '\n');
    out.length = 0;
  }
  // footnotes and data health
  const clipped = r.columns.filter((c) => c.clipped);
  for (const c of clipped) out.push(t('footer.clipped', o.lang, { period: periodLabel(c.label, o.lang), from: formatDay(c.start), to: formatDay(c.end - 1) }));
  if (anyPartial) out.push(t('footer.partial', o.lang));
  if (r.meta.inputs_missing.length) out.push(t('footer.notShown', o.lang, { inputs: r.meta.inputs_missing.map((k) => inputKindLabel(k as 'leads', o.lang)).join(', ') }));
  if (r.meta.ungrouped.length && r.meta.group_by) out.push(t('footer.ungrouped', o.lang, { by: groupByLabel(r.meta.group_by, o.lang), inputs: r.meta.ungrouped.map((k) => inputKindLabel(k as 'leads', o.lang)).join(', ') }));
  out.push(t('footer.data', o.lang, { files: r.meta.inputs.map((i) => t('footer.file', o.lang, { file: i.file, read: i.rows_read, used: i.rows_used, rejected: i.rows_rejected })).join('; ') }));
  out.push(t('footer.timezone', o.lang, { tz: r.meta.timezone, today: r.meta.today }));
  yield* linePieces(out, '\n');
}
