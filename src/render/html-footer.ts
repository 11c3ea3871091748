/**
 * The data-health footer of the HTML report (SPEC §5): clipped and partial footnotes (Decisions
 * #3c, #12), inputs not given (#13), sections not split by the group (#11), rows read / used /
 * rejected per file as a table, and the time zone and "today" the report was computed with.
 */
import type { Report } from '../report/model.js';
import type { InputKind } from '../kpi/registry.js';
import { ymdOfDay } from '../period/calendar.js';
import { formatNumber, type Lang } from './numbers.js';
import { inputKindLabel, periodLabel, t } from './i18n.js';
import { escapeHtml as esc } from './html-escape.js';
import { htmlLabel, type HtmlLabelKey } from './html-labels.js';
import { isPartial } from './human-cells.js';
import { STYLE, TABLE_ATTRS } from './html-style.js';

function dayMonth(day: number): string {
  const { m, d } = ymdOfDay(day);
  return `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}`;
}

function kindsText(list: readonly string[], lang: Lang): string {
  return list.map((k) => inputKindLabel(k as InputKind, lang)).join(', ');
}

/** The footnote sentences, in the order the table and md footers use. */
function footerNotes(r: Report, lang: Lang): string[] {
  const out: string[] = [];
  for (const c of r.columns) {
    if (c.clipped) out.push(t('footer.clipped', lang, { period: periodLabel(c.label, lang), from: dayMonth(c.start), to: dayMonth(c.end - 1) }));
  }
  const partial = r.columns.some((_, ci) => r.sections.some((s) => s.rows.some((row) => isPartial(r, row, ci))));
  if (partial) out.push(t('footer.partial', lang));
  if (r.meta.inputs_missing.length) out.push(t('footer.notShown', lang, { inputs: kindsText(r.meta.inputs_missing, lang) }));
  if (r.meta.ungrouped.length && r.meta.group_by !== null) {
    out.push(t('footer.ungrouped', lang, { by: t(`splitBy.${r.meta.group_by}`, lang), inputs: kindsText(r.meta.ungrouped, lang) }));
  }
  return out;
}

/** Rows read / used / rejected per input file (and sheet), as a plain table. */
function inputsTable(r: Report, lang: Lang): string {
  if (r.meta.inputs.length === 0) return '';
  const withSheet = r.meta.inputs.some((i) => i.sheet !== null);
  const heads: HtmlLabelKey[] = ['head.file', ...(withSheet ? (['head.sheet'] as const) : []), 'head.kind', 'head.read', 'head.used', 'head.rejected', 'head.warnings'];
  const num = (x: number) => `<td align="right">${esc(formatNumber(x, 0, lang))}</td>`;
  const text = (s: string) => `<td>${s}</td>`;
  const rows = r.meta.inputs.map((i) => {
    const cells = [text(`<bdi>${esc(i.file)}</bdi>`)];
    if (withSheet) cells.push(text(i.sheet === null ? '' : `<bdi>${esc(i.sheet)}</bdi>`));
    cells.push(text(i.kind === null ? esc(t('value.empty', lang)) : esc(inputKindLabel(i.kind, lang))));
    cells.push(num(i.rows_read), num(i.rows_used), num(i.rows_rejected), num(i.warnings));
    return `<tr style="${STYLE.row}">${cells.join('')}</tr>`;
  });
  const head = heads.map((k, ix) => `<th scope="col" ${ix < (withSheet ? 3 : 2) ? 'align="left"' : `align="right" style="${STYLE.headCell}"`}>${esc(htmlLabel(k, lang))}</th>`);
  return `<table class="inputs" ${TABLE_ATTRS} style="${STYLE.table}"><thead><tr style="${STYLE.headRow}">${head.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The footer element. */
export function footerHtml(r: Report, lang: Lang): string {
  const notes = footerNotes(r, lang).map((s) => `<p class="note" style="${STYLE.note}">${esc(s)}</p>`);
  const tz = t('footer.timezone', lang, { tz: r.meta.timezone, today: periodLabel(r.meta.today, lang) });
  return [
    `<footer style="${STYLE.footer}">`,
    `<h2 style="${STYLE.h2};font-size:14px">${esc(htmlLabel('health', lang))}</h2>`,
    ...notes,
    inputsTable(r, lang),
    `<p class="note" style="${STYLE.note}">${esc(tz)}</p>`,
    '</footer>',
  ].join('\n');
}
