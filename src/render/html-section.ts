/**
 * One section of the HTML report: a heading, the metric table (periods as columns, Δ for the
 * last column, plan-vs-fact highlighted, a sparkline per row), the trend chart of the section's
 * headline metric, bars by group when the report is grouped, and `--explain` formulas.
 *
 * Every number is text in a plain `<table>` (Decision #47): the SVG charts repeat what the table
 * says, so a mail client that drops SVG and CSS loses nothing but the pictures. Exact values ride
 * along in `data-value` attributes for anyone scraping the file.
 */
import type { MetricRow, Report, ReportSection } from '../report/model.js';
import { formatNumber, formatValue, type Lang } from './numbers.js';
import { groupByLabel, groupLabel, periodLabel, sectionTitle, t } from './i18n.js';
import { escapeHtml as esc } from './html-escape.js';
import { htmlLabel } from './html-labels.js';
import { cellText, deltaColumns, deltaText, deltaTone, headlineRow, isPartial, periodHead, valueText, type DeltaColumn } from './human-cells.js';
import { lineChartSvg, sparklineSvg } from './svg.js';
import { BAR_COLOR, BAR_MAX_PX, PLAN_BG, STYLE, TABLE_ATTRS, TONE_COLOR } from './html-style.js';
import { excludedLines } from '../report/excluded.js';
import { joinedPieces } from './pieces.js';

/** A row's name for people: the metric label, or `↳ group` (bidi-isolated: names may be RTL). */
function rowLabel(row: MetricRow, lang: Lang): string {
  if (row.group === null) return esc(row.def.label[lang]);
  return `↳ <bdi>${esc(groupLabel(row.group, lang))}</bdi>`;
}

/** `data-*` attributes naming the row, with the raw ids, so scripts need not parse labels. */
function rowAttrs(row: MetricRow): string {
  return ` data-metric="${esc(row.def.id)}"` + (row.group === null ? '' : ` data-group="${esc(row.group)}"`);
}

function valueTd(r: Report, row: MetricRow, ci: number, lang: Lang): string {
  const v = row.values[ci] ?? null;
  const status = row.targets[ci]?.status;
  const plan = status === 'ok' || status === 'missed' || status === 'pending' ? status : null;
  const planAttrs = plan ? ` class="plan-${plan}" style="${PLAN_BG[plan]}"` : '';
  const data = v === null ? ' data-value=""' : ` data-value="${esc(String(v))}"`;
  return `<td align="right"${data}${planAttrs}>${esc(cellText(r, row, ci, lang))}</td>`;
}

function deltaTd(d: DeltaColumn, row: MetricRow, ci: number, lang: Lang): string {
  const c = d.pick(row, ci);
  if (c === undefined) return '<td></td>';
  const tone = deltaTone(c, row);
  const data = c && c.delta !== null ? ` data-delta="${esc(String(c.delta))}"` : '';
  return `<td align="right" class="delta ${tone}"${data} style="${STYLE.delta};${TONE_COLOR[tone]}">${esc(deltaText(c, row.def.kind, lang))}</td>`;
}

function sparkFor(row: MetricRow, lang: Lang): string {
  if (!row.spark) return '';
  const name = row.group === null ? row.def.label[lang] : `${row.def.label[lang]} — ${groupLabel(row.group, lang)}`;
  return sparklineSvg(row.spark, { title: htmlLabel('sparkTitle', lang, { metric: name, n: row.spark.length }) });
}

/**
 * The metric table, in pieces: a grouped report can have millions of rows, more HTML than one
 * string may hold (V8's limit is 512 MB), and every row's sparkline kept at once cost gigabytes.
 */
function* metricTable(r: Report, sec: ReportSection, lang: Lang): Generator<string> {
  const n = r.columns.length;
  const last = n - 1;
  const deltas = deltaColumns(r, lang);
  const hasSpark = sec.rows.some((row) => sparkFor(row, lang) !== '');
  const num = (text: string) => `<th scope="col" align="right" style="${STYLE.headCell}">${esc(text)}</th>`;
  const head = [`<th scope="col" align="left">${esc(t('col.metric', lang))}</th>`];
  for (let ci = 0; ci < n; ci++) head.push(num(periodHead(r, ci, lang)));
  for (const d of deltas) head.push(num(d.head));
  if (hasSpark) head.push(`<th scope="col" align="left">${esc(t('col.trend', lang))}</th>`);
  yield `<div class="wrap"><table class="kpi" data-section="${esc(sec.id)}" ${TABLE_ATTRS} style="${STYLE.table}">` +
    `<thead><tr style="${STYLE.headRow}">${head.join('')}</tr></thead><tbody>\n`;
  yield* joinedPieces(sec.rows, '\n', (row) => {
    const cells = [`<th scope="row" align="left"${row.group === null ? '' : ` style="${STYLE.groupLabel}"`}>${rowLabel(row, lang)}</th>`];
    for (let ci = 0; ci < n; ci++) cells.push(valueTd(r, row, ci, lang));
    for (const d of deltas) cells.push(deltaTd(d, row, last, lang));
    if (hasSpark) cells.push(`<td class="spark">${sparkFor(row, lang)}</td>`);
    return `<tr class="${row.group === null ? 'total' : 'group'}"${rowAttrs(row)} style="${STYLE.row}">${cells.join('')}</tr>`;
  });
  yield '\n</tbody></table></div>';
}

/** The headline metric across the report's periods, as a line chart; '' when under 2 points. */
function trendChart(r: Report, sec: ReportSection, lang: Lang): string {
  const row = headlineRow(sec);
  if (!row) return '';
  const svg = lineChartSvg({
    title: htmlLabel('trendChart', lang, { metric: row.def.label[lang] }),
    labels: r.columns.map((c) => periodLabel(c.label, lang)),
    values: row.values,
    format: (v) => formatValue(v, row.def.kind, lang),
  });
  return svg === '' ? '' : `<div class="chart" data-metric="${esc(row.def.id)}" style="${STYLE.chart}">${svg}</div>`;
}

/**
 * The headline metric per group for the last period, as CSS bars in a table. Not SVG: Decision
 * #47 keeps SVG to sparklines and one trend chart per section, and a table of bars with its
 * numbers beside them reads fine where styles are stripped.
 */
function* groupBars(r: Report, sec: ReportSection, lang: Lang): Generator<string> {
  const by = r.meta.group_by;
  const head = headlineRow(sec);
  const last = r.columns.length - 1;
  if (by === null || !head || last < 0) return;
  const rows = sec.rows.filter((row) => row.def.id === head.def.id && row.group !== null);
  if (rows.length === 0) return;
  let max = 0;
  for (const row of rows) max = Math.max(max, Math.abs(row.values[last] ?? 0));
  const caption = htmlLabel('barsTitle', lang, {
    metric: head.def.label[lang],
    by: t(`splitBy.${by}`, lang),
    period: periodHead(r, last, lang),
  });
  yield `<table class="bars" data-metric="${esc(head.def.id)}" ${TABLE_ATTRS} style="${STYLE.table}">` +
    `<caption style="text-align:left;font-weight:bold;padding:4px 0">${esc(caption)}</caption>` +
    `<thead><tr style="${STYLE.headRow}"><th scope="col" align="left">${esc(groupByLabel(by, lang))}</th><th></th>` +
    `<th scope="col" align="right" style="${STYLE.headCell}">${esc(t('col.value', lang))}</th></tr></thead><tbody>`;
  yield* joinedPieces(rows, '', (row) => {
    const v = row.values[last] ?? null;
    // A tiny non-zero value still gets a 1 px sliver, so it is not mistaken for zero.
    const px = v === null || v === 0 || max === 0 ? 0 : Math.max(1, Math.round((Math.abs(v) / max) * BAR_MAX_PX));
    const bar = px === 0 ? '' : `<div style="width:${px}px;height:10px;background:${v !== null && v < 0 ? BAR_COLOR.neg : BAR_COLOR.pos}"></div>`;
    return (
      `<tr${rowAttrs(row)} style="${STYLE.row}"><th scope="row" align="left" style="${STYLE.groupLabel}"><bdi>${esc(groupLabel(row.group ?? '', lang))}</bdi></th>` +
      `<td class="bar" style="${STYLE.barTrack}">${bar}</td>` +
      `<td align="right"${v === null ? '' : ` data-value="${esc(String(v))}"`}>${esc(valueText(row, last, lang) + (isPartial(r, row, last) ? '~' : ''))}</td></tr>`
    );
  });
  yield '</tbody></table>';
}

function termNumber(x: number | null | undefined, lang: Lang): string {
  if (x === null || x === undefined) return t('value.empty', lang);
  return formatNumber(x, Number.isInteger(x) ? 0 : 2, lang);
}

/** `--explain` (Decision #10): each total metric's formula and its terms for the last column. */
function explainList(r: Report, sec: ReportSection, lang: Lang): string {
  const last = r.columns.length - 1;
  const items = sec.rows
    .filter((row) => row.group === null)
    .map((row) => {
      const terms = row.terms[last];
      const tt = terms ? ' = ' + Object.entries(terms).map(([k, v]) => `${k} ${termNumber(v, lang)}`).join(', ') : '';
      return `<li>${esc(row.def.label[lang])} (<code>${esc(row.def.id)}</code>): ${esc(row.def.formula + tt)}</li>`;
    });
  for (const line of excludedLines(r.excluded, sec, lang)) items.push(`<li>${esc(line)}</li>`);
  return `<p style="${STYLE.note}"><b>${esc(t('explain.title', lang))}</b></p><ul style="${STYLE.explain}">${items.join('')}</ul>`;
}

/** The HTML of one section, in pieces (their concatenation is the section). */
export function* sectionHtml(r: Report, sec: ReportSection, lang: Lang): Generator<string> {
  yield `<section class="section" data-section="${esc(sec.id)}">\n`;
  yield `<h2 id="section-${esc(sec.id)}" style="${STYLE.h2}">${esc(sectionTitle(sec.id, lang))}</h2>`;
  yield '\n';
  yield* metricTable(r, sec, lang);
  const chart = trendChart(r, sec, lang);
  if (chart !== '') yield '\n' + chart;
  let first = true;
  for (const piece of groupBars(r, sec, lang)) {
    yield first ? '\n' + piece : piece;
    first = false;
  }
  if (r.explain) yield '\n' + explainList(r, sec, lang);
  yield '\n</section>';
}
