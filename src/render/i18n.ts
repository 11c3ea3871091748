/**
 * Every label people read, in English and Russian (SPEC-DECISIONS #45): section titles, column
 * heads, footer sentences, placeholders and period labels for the human formats (table, md,
 * html, xlsx section sheets). Machine formats (csv, tsv, json) never come here: their ids,
 * section ids, `(none)` and `2026-10` labels stay fixed whatever `--lang` says.
 *
 * Sentences carry `{name}` slots rather than being glued together by callers, because Russian
 * word order and case endings differ from English (`Not split by channel` → `по каналу`).
 */
import type { Lang } from './numbers.js';
import type { InputKind, SectionId } from '../kpi/registry.js';
import type { GroupBy } from '../report/model.js';
import { NONE, UNATTRIBUTED } from '../records/types.js';

export type { Lang } from './numbers.js';

/** The dictionary: key → text per language; `{name}` marks a slot filled by {@link t}. */
export const MESSAGES = {
  'section.leads': { en: 'Leads', ru: 'Лиды' },
  'section.active': { en: 'Active sales (outbound)', ru: 'Активные продажи' },
  'section.inbound': { en: 'Inbound sales', ru: 'Входящие продажи' },
  'section.calls': { en: 'Calls and entry points', ru: 'Звонки и точки входа' },
  'section.clients': { en: 'Clients', ru: 'Клиенты' },

  'col.metric': { en: 'metric', ru: 'показатель' },
  'col.period': { en: 'period', ru: 'период' },
  'col.group': { en: 'group', ru: 'группа' },
  'col.value': { en: 'value', ru: 'значение' },
  'col.delta': { en: 'Δ', ru: 'Δ' },
  'col.deltaPrev': { en: 'Δ prev', ru: 'Δ к пред.' },
  'col.deltaYear': { en: 'Δ year', ru: 'Δ г/г' },
  'col.deltaVs': { en: 'Δ {period}', ru: 'Δ к {period}' },
  'col.trend': { en: 'trend', ru: 'тренд' },
  'col.plan': { en: 'plan', ru: 'план' },

  'group.total': { en: 'Total', ru: 'Итого' },
  'placeholder.none': { en: '(none)', ru: '(не указано)' },
  'placeholder.unattributed': { en: '(unattributed)', ru: '(не определено)' },
  'value.unknown': { en: 'n/a', ru: 'н/д' },
  'value.empty': { en: '—', ru: '—' },
  'unit.pp': { en: 'pp', ru: 'п. п.' },

  'plan.ofMin': { en: '{pct} of {min}', ru: '{pct} от {min}' },
  'plan.min': { en: 'min {min}', ru: 'мин. {min}' },
  'plan.max': { en: 'max {max}', ru: 'макс. {max}' },

  'input.leads': { en: 'leads', ru: 'лиды' },
  'input.calls': { en: 'calls', ru: 'звонки' },
  'input.invoices': { en: 'invoices', ru: 'счета' },
  'groupBy.channel': { en: 'channel', ru: 'канал' },
  'groupBy.manager': { en: 'manager', ru: 'менеджер' },
  'groupBy.segment': { en: 'segment', ru: 'сегмент' },
  // Dative case, for "split by …" sentences.
  'splitBy.channel': { en: 'channel', ru: 'каналу' },
  'splitBy.manager': { en: 'manager', ru: 'менеджеру' },
  'splitBy.segment': { en: 'segment', ru: 'сегменту' },

  'report.noRecords': { en: 'no records', ru: 'нет записей' },
  'explain.title': { en: 'How the last column is computed', ru: 'Как посчитан последний столбец' },
  'excluded.leads': { en: 'left out, leads: {parts}', ru: 'не учтены, лиды: {parts}' },
  'excluded.calls': { en: 'left out, calls: {parts}', ru: 'не учтены, звонки: {parts}' },
  'excluded.invoices': { en: 'left out, invoice lines: {parts}', ru: 'не учтены, строки счетов: {parts}' },
  'excluded.outside': { en: 'dated outside the column {n}', ru: 'с датой вне столбца {n}' },
  'excluded.junk': { en: 'junk or spam by status {n}', ru: 'мусор или спам по статусу {n}' },
  'excluded.hidden': { en: 'inbound from hidden numbers (from callback metrics only) {n}', ru: 'входящие со скрытых номеров (только из метрик перезвона) {n}' },
  'excluded.void': { en: 'void {n}', ru: 'аннулированы {n}' },
  'excluded.rejected': { en: 'rejected rows {n}', ru: 'отклонённые строки {n}' },
  'footer.clipped': { en: '* {period}: {from}–{to} only', ru: '* {period}: только {from}–{to}' },
  'footer.partial': { en: '~ the data covers this period only in part', ru: '~ данные покрывают этот период лишь частично' },
  'footer.notShown': { en: 'Not shown (no input): {inputs}', ru: 'Не показано (нет входных данных): {inputs}' },
  'footer.ungrouped': { en: 'Not split by {by}: {inputs} (totals only)', ru: 'Без разбивки по {by}: {inputs} (только итоги)' },
  'footer.data': { en: 'Data: {files}', ru: 'Данные: {files}' },
  'footer.file': {
    en: '{file} {read} read, {used} used, {rejected} rejected',
    ru: '{file}: прочитано {read}, использовано {used}, отклонено {rejected}',
  },
  'xlsx.moreIssues': {
    en: '… and {more} more issues ({all} in all): a sheet lists the first {shown}; -O json and --rejects FILE list every one',
    ru: '… и ещё {more} (всего {all}): на листе первые {shown}; все — в -O json и --rejects ФАЙЛ',
  },
  'footer.timezone': { en: 'Time zone {tz}; today {today}.', ru: 'Часовой пояс {tz}; сегодня {today}.' },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

/**
 * The text of `key` in `lang`, with `{name}` slots filled from `vars`. A slot without a value
 * throws: a sentence with a hole is a bug, not something to print.
 */
export function t(key: MessageKey, lang: Lang, vars?: Readonly<Record<string, string | number>>): string {
  const text: string = MESSAGES[key][lang];
  let open = text.indexOf('{');
  if (open < 0) return text;
  let out = '';
  let from = 0;
  while (open >= 0) {
    const close = text.indexOf('}', open);
    if (close < 0) break;
    const name = text.slice(open + 1, close);
    const v = vars?.[name];
    if (v === undefined) throw new Error(`i18n: "${key}" needs a value for {${name}}`);
    out += text.slice(from, open) + String(v);
    from = close + 1;
    open = text.indexOf('{', from);
  }
  return out + text.slice(from);
}

/** A section's title. */
export function sectionTitle(id: SectionId, lang: Lang): string {
  return t(`section.${id}`, lang);
}

/** An input kind as people say it (`leads` / `лиды`). */
export function inputKindLabel(kind: InputKind, lang: Lang): string {
  return t(`input.${kind}`, lang);
}

/** A grouping field in the nominative (`channel` / `канал`); null (no grouping) has no label. */
export function groupByLabel(by: Exclude<GroupBy, null>, lang: Lang): string {
  return t(`groupBy.${by}`, lang);
}

/** A group name for people: the placeholders `(none)` and `(unattributed)` are translated. */
export function groupLabel(group: string, lang: Lang): string {
  if (group === NONE) return t('placeholder.none', lang);
  if (group === UNATTRIBUTED) return t('placeholder.unattributed', lang);
  return group;
}

/** Standalone abbreviated month names (CLDR ru), as a column head reads them: `окт. 2026`. */
const RU_MONTHS = ['янв.', 'февр.', 'март', 'апр.', 'май', 'июнь', 'июль', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'] as const;

/** `n` ASCII digits at `at`, or -1 (char codes, no regex: called once per column head). */
function digits(s: string, at: number, n: number): number {
  if (at + n > s.length) return -1;
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function ruPeriod(label: string): string {
  const y = digits(label, 0, 4);
  if (y < 0) return label;
  if (label.length === 4) return label;
  if (label.charCodeAt(4) !== 45 /* - */) return label;
  if (label.length === 7) {
    const q = label[5] === 'Q' ? digits(label, 6, 1) : -1;
    if (q >= 1 && q <= 4) return `${q} кв. ${y}`;
    const m = digits(label, 5, 2);
    return m >= 1 && m <= 12 ? `${RU_MONTHS[m - 1]} ${y}` : label;
  }
  if (label.length === 8 && label[5] === 'W') {
    const w = digits(label, 6, 2);
    return w >= 1 && w <= 53 ? `${w} нед. ${y}` : label;
  }
  if (label.length === 10 && label.charCodeAt(7) === 45) {
    const m = digits(label, 5, 2);
    const d = digits(label, 8, 2);
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31) return `${label.slice(8, 10)}.${label.slice(5, 7)}.${y}`;
  }
  return label;
}

/**
 * A period label (`2026-10`, `2026-Q3`, `2026-W42`, `2026-10-05`, `2026`, or `A..B`) as people
 * read it. English keeps the ISO labels the CLI accepts back in `-p`; Russian gets month names
 * (`окт. 2026`), `3 кв. 2026`, `42 нед. 2026` and `05.10.2026`. Anything unrecognized is
 * returned unchanged rather than guessed at.
 */
export function periodLabel(label: string, lang: Lang): string {
  if (lang === 'en') return label;
  const dots = label.indexOf('..');
  if (dots > 0) return `${ruPeriod(label.slice(0, dots))} – ${ruPeriod(label.slice(dots + 2))}`;
  return ruPeriod(label);
}
