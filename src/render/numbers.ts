/** Display formatting for human formats (SPEC-DECISIONS #45): rounding is for display only. */
import type { MetricKind } from '../kpi/registry.js';

export type Lang = 'en' | 'ru';

function group(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

export function formatNumber(x: number, decimals: number, lang: Lang): string {
  const neg = x < 0;
  const fixed = Math.abs(x).toFixed(decimals);
  const [i, f] = fixed.split('.') as [string, string | undefined];
  const s = lang === 'ru' ? group(i, '\u00a0') + (f ? ',' + f : '') : group(i, ',') + (f ? '.' + f : '');
  return (neg && Number(fixed) !== 0 ? '−' : '') + s;
}

/** A metric value as shown in tables: `—` for null, money whole, ratios `83.3%`, minutes 1 decimal. */
export function formatValue(v: number | null, kind: MetricKind, lang: Lang, unknown = false): string {
  if (v === null) return unknown ? 'n/a' : '—';
  switch (kind) {
    case 'ratio':
      return formatNumber(v * 100, 1, lang) + '%';
    case 'minutes':
      return formatNumber(v, 1, lang);
    case 'money':
    case 'money_per_client':
      return formatNumber(v, 0, lang);
    default:
      return formatNumber(v, 0, lang);
  }
}

/** Signed delta: ▲ +12 (+8.1%) / ▼ −3.0 pp. */
export function formatDelta(delta: number | null, pct: number | null, kind: MetricKind, lang: Lang): string {
  if (delta === null) return '—';
  const arrow = delta > 0 ? '▲' : delta < 0 ? '▼' : '=';
  const sign = delta > 0 ? '+' : '';
  let body: string;
  if (kind === 'ratio') body = sign + formatNumber(delta * 100, 1, lang) + ' pp';
  else if (kind === 'minutes') body = sign + formatNumber(delta, 1, lang);
  else body = sign + formatNumber(delta, 0, lang);
  const p = pct === null ? '' : ` (${pct > 0 ? '+' : ''}${formatNumber(pct * 100, 1, lang)}%)`;
  return `${arrow} ${body}${p}`;
}

const BARS = '▁▂▃▄▅▆▇█';

/** Unicode sparkline; null points are spaces; hidden when fewer than 3 points have data (#16). */
export function sparkline(values: readonly (number | null)[]): string {
  const nums = values.filter((v): v is number => v !== null);
  if (nums.length < 3) return '';
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  return values.map((v) => (v === null ? ' ' : BARS[max === min ? 3 : Math.round(((v - min) / (max - min)) * 7)])).join('');
}
