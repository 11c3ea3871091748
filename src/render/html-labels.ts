/**
 * Labels only the HTML report needs (page title, chart titles, the data-health table heads), in
 * English and Russian (SPEC-DECISIONS #45). Shared labels — section titles, column heads, footer
 * sentences — come from i18n.ts; these live here because that dictionary belongs to the plain
 * formats and is edited by their owner. They could move into it later without changing callers.
 */
import type { Interval } from '../period/types.js';
import type { Lang } from './numbers.js';

const LABELS = {
  title: { en: 'KPI report', ru: 'Отчёт KPI' },
  'interval.day': { en: 'by day', ru: 'по дням' },
  'interval.week': { en: 'by week', ru: 'по неделям' },
  'interval.month': { en: 'by month', ru: 'по месяцам' },
  'interval.quarter': { en: 'by quarter', ru: 'по кварталам' },
  'interval.year': { en: 'by year', ru: 'по годам' },
  splitBy: { en: 'split by {by}', ru: 'с разбивкой по {by}' },
  trendChart: { en: '{metric} by period', ru: '{metric} по периодам' },
  sparkTitle: { en: '{metric}: the last {n} periods', ru: '{metric}: последние периоды ({n})' },
  barsTitle: { en: '{metric} by {by}, {period}', ru: '{metric} по {by}, {period}' },
  health: { en: 'Data health', ru: 'Качество данных' },
  'head.file': { en: 'file', ru: 'файл' },
  'head.sheet': { en: 'sheet', ru: 'лист' },
  'head.kind': { en: 'kind', ru: 'тип' },
  'head.read': { en: 'read', ru: 'прочитано' },
  'head.used': { en: 'used', ru: 'использовано' },
  'head.rejected': { en: 'rejected', ru: 'отклонено' },
  'head.warnings': { en: 'warnings', ru: 'предупреждения' },
} as const satisfies Record<string, Record<Lang, string>>;

export type HtmlLabelKey = keyof typeof LABELS;

/** The label `key` in `lang` with `{name}` slots filled; a missing slot value throws (a bug). */
export function htmlLabel(key: HtmlLabelKey, lang: Lang, vars?: Readonly<Record<string, string | number>>): string {
  const text: string = LABELS[key][lang];
  let out = '';
  let from = 0;
  for (let open = text.indexOf('{'); open >= 0; open = text.indexOf('{', from)) {
    const close = text.indexOf('}', open);
    if (close < 0) break;
    const name = text.slice(open + 1, close);
    const v = vars?.[name];
    if (v === undefined) throw new Error(`html label "${key}" needs a value for {${name}}`);
    out += text.slice(from, open) + String(v);
    from = close + 1;
  }
  return out + text.slice(from);
}

/** `by month` / `по месяцам`. */
export function intervalPhrase(interval: Interval, lang: Lang): string {
  return htmlLabel(`interval.${interval}`, lang);
}
