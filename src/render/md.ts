/**
 * `-O md` (SPEC §5, SPEC-DECISIONS #2, #3, #10, #12, #25, #45): GitHub-flavoured Markdown for
 * people — a heading and a table per section, metrics repeated under every section that lists
 * them, labels and numbers in `--lang`, clipped (`*`) and partial (`~`) marks with footnotes,
 * and the data-health footer.
 *
 * - wide (default): metric rows × period columns, plus Δ columns for the last period (like wide
 *   CSV) and a sparkline;
 * - tidy: one line per period × metric × group, period-major, with Δ for every line under
 *   `--compare`.
 *
 * Every text that comes from data (group names, file names) is escaped: pipes, Markdown
 * punctuation and raw HTML cannot break the table or inject links, and line breaks become `<br>`.
 */
import type { Comparison, MetricRow, Report, ReportSection, TargetStatus } from '../report/model.js';
import type { InputKind, MetricKind } from '../kpi/registry.js';
import { ymdOfDay } from '../period/calendar.js';
import { formatDelta, formatNumber, formatValue, sparkline, type Lang } from './numbers.js';
import { deltaText, isPartial, isUnknown, periodHead, planSuffix } from './human-cells.js';
import { groupByLabel, groupLabel, inputKindLabel, periodLabel, sectionTitle, t } from './i18n.js';
import { excludedLines } from '../report/excluded.js';
import { joinedPieces } from './pieces.js';

export interface MarkdownOptions {
  layout: 'wide' | 'tidy';
  lang: Lang;
}

/** ASCII punctuation that Markdown or GFM could read as markup (CommonMark lets `\` escape each). */
const SPECIAL = new Set(['\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '$', '#', '!']);

/**
 * Text made literal inside a GFM table cell or paragraph: markup characters get a backslash
 * (`\|` is also GFM's pipe escape), and CR, LF or CRLF become `<br>` so a row stays one line.
 */
export function escapeMd(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === '\r') {
      out += '<br>';
      if (s[i + 1] === '\n') i++;
    } else if (ch === '\n') out += '<br>';
    else if (SPECIAL.has(ch)) out += '\\' + ch;
    else out += ch;
  }
  return out;
}

function tableLines(head: readonly string[], align: readonly ('l' | 'r')[], body: readonly string[][]): string[] {
  const line = (cells: readonly string[]) => '| ' + cells.map(escapeMd).join(' | ') + ' |';
  return [line(head), '| ' + align.map((a) => (a === 'r' ? '---:' : ':---')).join(' | ') + ' |', ...body.map(line)];
}




function valueCell(r: Report, row: MetricRow, ci: number, lang: Lang): string {
  const v = row.values[ci] ?? null;
  let s = v === null ? t(isUnknown(row, ci) ? 'value.unknown' : 'value.empty', lang) : formatValue(v, row.def.kind, lang);
  s += planSuffix(row.targets[ci], v, row.def.kind, lang);
  return isPartial(r, row, ci) ? s + '~' : s;
}


interface DeltaColumn {
  head: string;
  /** The comparison shown for a row at column `ci`; undefined where this column does not apply. */
  pick(row: MetricRow, ci: number): Comparison | null | undefined;
}

/**
 * Δ columns: with `--compare`, the one basis for every column (Decision #4); without it, Δ prev
 * and Δ year for the last column where the report computed them (the table default).
 */
function deltaColumns(r: Report, lang: Lang): DeltaColumn[] {
  const last = r.columns.length - 1;
  const basis = r.meta.compare;
  if (basis === 'prev') return [{ head: t('col.deltaPrev', lang), pick: (row, ci) => row.compare.prev[ci] ?? null }];
  if (basis === 'yoy') return [{ head: t('col.deltaYear', lang), pick: (row, ci) => row.compare.yoy[ci] ?? null }];
  if (basis === 'period') {
    let label: string | null = null;
    for (const s of r.sections) for (const row of s.rows) label ??= row.compare.fixed.find((c) => c)?.period ?? null;
    const head = label === null ? t('col.delta', lang) : t('col.deltaVs', lang, { period: periodLabel(label, lang) });
    return [{ head, pick: (row, ci) => row.compare.fixed[ci] ?? null }];
  }
  const has = (w: 'prev' | 'yoy') => last >= 0 && r.sections.some((s) => s.rows.some((row) => row.compare[w][last]));
  const out: DeltaColumn[] = [];
  if (has('prev')) out.push({ head: t('col.deltaPrev', lang), pick: (row, ci) => (ci === last ? (row.compare.prev[ci] ?? null) : undefined) });
  if (has('yoy')) out.push({ head: t('col.deltaYear', lang), pick: (row, ci) => (ci === last ? (row.compare.yoy[ci] ?? null) : undefined) });
  return out;
}

function deltaCells(cols: readonly DeltaColumn[], row: MetricRow, ci: number, lang: Lang): string[] {
  return cols.map((d) => {
    const c = d.pick(row, ci);
    return c === undefined ? '' : deltaText(c, row.def.kind, lang);
  });
}


function rowLabel(row: MetricRow, lang: Lang): string {
  return row.group === null ? row.def.label[lang] : `↳ ${groupLabel(row.group, lang)}`;
}

function wideTable(r: Report, sec: ReportSection, lang: Lang): string[] {
  const n = r.columns.length;
  const last = n - 1;
  const deltas = deltaColumns(r, lang);
  const spark = sec.rows.some((row) => row.spark && sparkline(row.spark) !== '');
  const head = [t('col.metric', lang)];
  for (let ci = 0; ci < n; ci++) head.push(periodHead(r, ci, lang));
  for (const d of deltas) head.push(d.head);
  if (spark) head.push(t('col.trend', lang));
  const body = sec.rows.map((row) => {
    const cells = [rowLabel(row, lang)];
    for (let ci = 0; ci < n; ci++) cells.push(valueCell(r, row, ci, lang));
    cells.push(...deltaCells(deltas, row, last, lang));
    if (spark) cells.push(row.spark ? sparkline(row.spark) : '');
    return cells;
  });
  const align = head.map((_, i) => (i === 0 || (spark && i === head.length - 1) ? 'l' : 'r') as 'l' | 'r');
  return tableLines(head, align, body);
}

function tidyTable(r: Report, sec: ReportSection, lang: Lang): string[] {
  const by = r.meta.group_by;
  const deltas = deltaColumns(r, lang);
  const head = [t('col.period', lang), t('col.metric', lang)];
  if (by !== null) head.push(groupByLabel(by, lang));
  head.push(t('col.value', lang), ...deltas.map((d) => d.head));
  const body: string[][] = [];
  // Period-major, as in tidy CSV and JSON (Decision #25).
  for (let ci = 0; ci < r.columns.length; ci++) {
    for (const row of sec.rows) {
      const cells = [periodHead(r, ci, lang), row.def.label[lang]];
      if (by !== null) cells.push(row.group === null ? t('group.total', lang) : groupLabel(row.group, lang));
      cells.push(valueCell(r, row, ci, lang), ...deltaCells(deltas, row, ci, lang));
      body.push(cells);
    }
  }
  const align = head.map((_, i) => (i < (by !== null ? 3 : 2) ? 'l' : 'r') as 'l' | 'r');
  return tableLines(head, align, body);
}

function termNumber(x: number | null | undefined, lang: Lang): string {
  if (x === null || x === undefined) return t('value.empty', lang);
  return formatNumber(x, Number.isInteger(x) ? 0 : 2, lang);
}

/** `--explain` (Decision #10): each metric's formula and, for the last column, its terms. */
function explainLines(r: Report, sec: ReportSection, lang: Lang): string[] {
  const last = r.columns.length - 1;
  const lines = [`**${escapeMd(t('explain.title', lang))}**`, ''];
  for (const row of sec.rows) {
    if (row.group !== null) continue;
    const terms = row.terms[last];
    const tt = terms ? ' = ' + Object.entries(terms).map(([k, v]) => `${k} ${termNumber(v, lang)}`).join(', ') : '';
    lines.push(`- ${escapeMd(row.def.label[lang])} (\`${row.def.id}\`): ${escapeMd(row.def.formula + tt)}`);
  }
  for (const line of excludedLines(r.excluded, sec, lang)) lines.push(`- ${escapeMd(line)}`);
  return lines;
}

function dayMonth(day: number): string {
  const { m, d } = ymdOfDay(day);
  return `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}`;
}

function footer(r: Report, lang: Lang): string[] {
  const out: string[] = [];
  for (const c of r.columns) {
    if (c.clipped) out.push(t('footer.clipped', lang, { period: periodLabel(c.label, lang), from: dayMonth(c.start), to: dayMonth(c.end - 1) }));
  }
  const partial = r.columns.some((_, ci) => r.sections.some((s) => s.rows.some((row) => isPartial(r, row, ci))));
  if (partial) out.push(t('footer.partial', lang));
  const kinds = (list: readonly string[]) => list.map((k) => inputKindLabel(k as InputKind, lang)).join(', ');
  if (r.meta.inputs_missing.length) out.push(t('footer.notShown', lang, { inputs: kinds(r.meta.inputs_missing) }));
  if (r.meta.ungrouped.length && r.meta.group_by !== null) {
    out.push(t('footer.ungrouped', lang, { by: t(`splitBy.${r.meta.group_by}`, lang), inputs: kinds(r.meta.ungrouped) }));
  }
  if (r.meta.inputs.length) {
    const files = r.meta.inputs.map((i) => t('footer.file', lang, { file: i.file, read: i.rows_read, used: i.rows_used, rejected: i.rows_rejected }));
    out.push(t('footer.data', lang, { files: files.join('; ') }));
  }
  out.push(t('footer.timezone', lang, { tz: r.meta.timezone, today: periodLabel(r.meta.today, lang) }));
  return out.map(escapeMd);
}

/** The report as GitHub Markdown: a `##` heading and a table per section, then the footer. */
export function renderMarkdown(r: Report, o: MarkdownOptions): string {
  return [...renderMarkdownChunks(r, o)].join('');
}

/** {@link renderMarkdown} in pieces, for writing as they are made (see pieces.ts). */
export function* renderMarkdownChunks(r: Report, o: MarkdownOptions): Generator<string> {
  // parts are separated by a blank line
  let sep = '';
  if (r.columns.length === 0) {
    yield escapeMd(t('report.noRecords', o.lang));
    sep = '\n\n';
  } else {
    for (const sec of r.sections) {
      const lines = [`## ${escapeMd(sectionTitle(sec.id, o.lang))}`, ''];
      // a section grouped by a column of thousands of values has as many lines: no spread into push
      const table = o.layout === 'wide' ? wideTable(r, sec, o.lang) : tidyTable(r, sec, o.lang);
      const explain = r.explain ? ['', ...explainLines(r, sec, o.lang)] : [];
      let first = true;
      for (const piece of joinedPieces(lines.concat(table, explain), '\n', (line) => line)) {
        yield first ? sep + piece : piece;
        first = false;
      }
      sep = '\n\n';
    }
  }
  // Blank lines between footer sentences: Markdown would otherwise join them into one paragraph.
  for (const line of footer(r, o.lang)) {
    yield sep + line;
    sep = '\n\n';
  }
  yield '\n';
}
