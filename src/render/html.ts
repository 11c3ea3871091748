/**
 * `-O html` (SPEC §5, SPEC-DECISIONS #12, #15, #16, #45, #47): one self-contained page that is
 * safe to mail — UTF-8, inline styles plus a `<style>` block, inline SVG charts with titles, no
 * script, and no URL of any kind (no fonts, images, links or stylesheets to fetch). Every text
 * from data or labels goes through `escapeHtml`.
 *
 * Layout: title with the report's span, a subtitle (interval, grouping), one section per report
 * section (see html-section.ts), and the data-health footer (html-footer.ts). Like the table,
 * the page ignores `--layout` (Decision #25).
 */
import type { Report } from '../report/model.js';
import type { Lang } from './numbers.js';
import { t } from './i18n.js';
import { escapeHtml as esc } from './html-escape.js';
import { htmlLabel, intervalPhrase } from './html-labels.js';
import { spanText } from './human-cells.js';
import { sectionHtml } from './html-section.js';
import { footerHtml } from './html-footer.js';
import { STYLE, STYLE_BLOCK } from './html-style.js';

export interface HtmlOptions {
  lang: Lang;
}

/** The report as a complete HTML document (a string ending in a newline). */
export function renderHtml(r: Report, o: HtmlOptions): string {
  return [...renderHtmlChunks(r, o)].join('');
}

/**
 * The document in pieces, for writing as they are made: a report of many groups is more HTML
 * than one string can hold. Their concatenation is {@link renderHtml}'s string.
 */
export function* renderHtmlChunks(r: Report, o: HtmlOptions): Generator<string> {
  const lang = o.lang;
  const span = spanText(r, lang);
  const title = htmlLabel('title', lang) + (span === null ? '' : ` · ${span}`);
  const sub = [intervalPhrase(r.meta.interval, lang)];
  if (r.meta.group_by !== null) sub.push(htmlLabel('splitBy', lang, { by: t(`splitBy.${r.meta.group_by}`, lang) }));
  yield [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>\n${STYLE_BLOCK}\n</style>`,
    '</head>',
    `<body style="${STYLE.body}">`,
    `<h1 style="${STYLE.h1}">${esc(htmlLabel('title', lang))}${span === null ? '' : ` <span style="font-weight:normal">${esc(span)}</span>`}</h1>`,
    `<p class="subtitle" style="${STYLE.subtitle}">${esc(sub.join(' · '))}</p>`,
    '',
  ].join('\n');
  if (r.columns.length === 0 || r.sections.length === 0) yield `<p style="${STYLE.note}">${esc(t('report.noRecords', lang))}</p>\n`;
  else {
    for (const sec of r.sections) {
      yield* sectionHtml(r, sec, lang);
      yield '\n';
    }
  }
  yield footerHtml(r, lang) + '\n</body>\n</html>\n';
}
