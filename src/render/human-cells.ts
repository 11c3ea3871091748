/**
 * What one report cell shows in the human formats (md, html, and the parts xlsx shares): unknown vs
 * empty (SPEC-DECISIONS #13), partial `~` (#12), plan-vs-fact (#15), the Δ columns (#4) and the
 * section's headline metric. Pure text and flags; the HTML and XLSX writers decide the markup.
 */
import type { Comparison, MetricRow, Report, ReportSection, TargetStatus } from '../report/model.js';
import type { MetricId, MetricKind, SectionId } from '../kpi/registry.js';
import { formatDay } from '../period/calendar.js';
import { formatDelta, formatValue, type Lang } from './numbers.js';
import { periodLabel, t } from './i18n.js';

/** Null means `n/a` (unknown) rather than `—` (nothing to divide by) (Decision #13). */
export function isUnknown(row: MetricRow, ci: number): boolean {
  if (!(row.def.wonBased || row.def.costBased || row.def.answerBased)) return false;
  const terms = row.terms[ci];
  // A zero among the terms means "nothing to divide by", not "unknown".
  return !(terms && Object.values(terms).some((x) => x === 0));
}

/** A cell is partial when its column is not covered by every input kind its metric uses (#12). */
export function isPartial(r: Report, row: MetricRow, ci: number): boolean {
  const kinds = r.meta.columns[ci]?.partial_kinds;
  if (!kinds || kinds.length === 0) return false;
  const needs = row.def.needs as readonly string[];
  return kinds.some((k) => needs.includes(k));
}

/** `87% of 120`, `min 80.0%`, `max 0 ✗` after a value (Decision #15); '' without a target. */
export function planSuffix(tg: TargetStatus | null | undefined, v: number | null, kind: MetricKind, lang: Lang): string {
  if (!tg) return '';
  if (tg.min !== null && v !== null && kind !== 'ratio' && tg.min > 0) {
    return ` (${t('plan.ofMin', lang, { pct: `${Math.round((v / tg.min) * 100)}%`, min: formatValue(tg.min, kind, lang) })})`;
  }
  if (tg.min !== null && kind === 'ratio') return ` (${t('plan.min', lang, { min: formatValue(tg.min, 'ratio', lang) })})`;
  if (tg.max !== null) return ` (${t('plan.max', lang, { max: formatValue(tg.max, kind, lang) })})${tg.status === 'missed' ? ' ✗' : ''}`;
  return '';
}

/** The bare value as shown: formatted number, `—` or `n/a`. */
export function valueText(row: MetricRow, ci: number, lang: Lang): string {
  const v = row.values[ci] ?? null;
  if (v === null) return t(isUnknown(row, ci) ? 'value.unknown' : 'value.empty', lang);
  return formatValue(v, row.def.kind, lang);
}

/** The full cell text: value, plan suffix, and `~` when partial. */
export function cellText(r: Report, row: MetricRow, ci: number, lang: Lang): string {
  const s = valueText(row, ci, lang) + planSuffix(row.targets[ci], row.values[ci] ?? null, row.def.kind, lang);
  return isPartial(r, row, ci) ? s + '~' : s;
}

/** Signed Δ text; ratio deltas in percentage points with the unit in `lang`. */
export function deltaText(c: Comparison | null, kind: MetricKind, lang: Lang): string {
  if (!c) return t('value.empty', lang);
  const s = formatDelta(c.delta, c.delta_pct, kind, lang);
  // numbers.ts writes the English unit; swap it for the localized one.
  return kind === 'ratio' && lang !== 'en' ? s.replace(' pp', ' ' + t('unit.pp', lang)) : s;
}

/** Whether a change is good news for this metric (Decision #4 `better`), for colour only. */
export function deltaTone(c: Comparison | null, row: MetricRow): 'good' | 'bad' | 'flat' {
  if (!c || c.delta === null || c.delta === 0) return 'flat';
  return c.delta > 0 === (row.def.better === 'up') ? 'good' : 'bad';
}

export interface DeltaColumn {
  head: string;
  /** The comparison for a row at column `ci`; undefined where this Δ column does not apply. */
  pick(row: MetricRow, ci: number): Comparison | null | undefined;
}

/**
 * Δ columns for the last period: with `--compare`, its one basis (Decision #4); without it, Δ
 * prev and Δ year where the report computed them (the table default).
 */
export function deltaColumns(r: Report, lang: Lang): DeltaColumn[] {
  const last = r.columns.length - 1;
  const basis = r.meta.compare;
  const at = (which: 'prev' | 'yoy' | 'fixed') => (row: MetricRow, ci: number) => (ci === last ? (row.compare[which][ci] ?? null) : undefined);
  if (basis === 'prev') return [{ head: t('col.deltaPrev', lang), pick: at('prev') }];
  if (basis === 'yoy') return [{ head: t('col.deltaYear', lang), pick: at('yoy') }];
  if (basis === 'period') {
    let label: string | null = null;
    for (const s of r.sections) for (const row of s.rows) label ??= row.compare.fixed.find((c) => c)?.period ?? null;
    const head = label === null ? t('col.delta', lang) : t('col.deltaVs', lang, { period: periodLabel(label, lang) });
    return [{ head, pick: at('fixed') }];
  }
  const has = (w: 'prev' | 'yoy') => last >= 0 && r.sections.some((s) => s.rows.some((row) => row.compare[w][last]));
  const out: DeltaColumn[] = [];
  if (has('prev')) out.push({ head: t('col.deltaPrev', lang), pick: at('prev') });
  if (has('yoy')) out.push({ head: t('col.deltaYear', lang), pick: at('yoy') });
  return out;
}

/** A period column head: the label in `lang`, `*` when clipped (Decision #3c). */
export function periodHead(r: Report, ci: number, lang: Lang): string {
  const col = r.columns[ci];
  if (!col) return '';
  return periodLabel(col.label, lang) + (col.clipped ? '*' : '');
}

/** `01.08.2026 – 31.10.2026` (ru) / `2026-08-01 – 2026-10-31`: first to last day, inclusive. */
export function spanText(r: Report, lang: Lang): string | null {
  const first = r.columns[0];
  const last = r.columns[r.columns.length - 1];
  if (!first || !last) return null;
  return `${periodLabel(formatDay(first.start), lang)} – ${periodLabel(formatDay(last.end - 1), lang)}`;
}

/** The metric a section's trend chart follows, when the section lists it. */
const HEADLINE: Record<SectionId, MetricId> = {
  leads: 'leads_total',
  active: 'calls_outbound',
  inbound: 'leads_inbound',
  calls: 'calls_inbound',
  clients: 'revenue',
};

/**
 * The section's headline total row: its preferred metric, else the first total row. Charts are
 * drawn for totals only; groups appear as bars.
 */
export function headlineRow(sec: ReportSection): MetricRow | null {
  const totals = sec.rows.filter((row) => row.group === null);
  return totals.find((row) => row.def.id === HEADLINE[sec.id]) ?? totals[0] ?? null;
}
