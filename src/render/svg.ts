/**
 * Inline SVG charts for the HTML report (SPEC-DECISIONS #16, #47): a sparkline per metric row and
 * one trend line chart per section. Styling is carried by presentation attributes rather than
 * CSS, because mail clients that render SVG at all often drop `<style>`. Every chart has a
 * `<title>` (its accessible name and hover text) and every text is escaped. Null points break the
 * line instead of being drawn as zero: a gap is not a value.
 */
import { escapeHtml } from './html-escape.js';

const LINE = '#2563eb';
const AXIS = '#9aa5b1';
const INK = '#52606d';
const FONT = 'font-family="Helvetica, Arial, sans-serif"';

/** Coordinates to one decimal: charts stay small and byte-for-byte stable. */
function r1(x: number): string {
  return String(Math.round(x * 10) / 10);
}

interface Plot {
  /** x of point i. */
  x(i: number): number;
  /** y of value v. */
  y(v: number): number;
}

/** Runs of consecutive non-null points: a run of two or more is a polyline, one point a dot. */
function series(values: readonly (number | null)[], p: Plot, stroke: number, dot: number): string {
  let out = '';
  let run: string[] = [];
  const flush = (end: number) => {
    if (run.length >= 2) out += `<polyline points="${run.join(' ')}"/>`;
    else if (run.length === 1) {
      const v = values[end - 1] as number;
      out += `<circle cx="${r1(p.x(end - 1))}" cy="${r1(p.y(v))}" r="${dot}" fill="${LINE}" stroke="none"/>`;
    }
    run = [];
  };
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) flush(i);
    else run.push(`${r1(p.x(i))},${r1(p.y(v))}`);
  });
  flush(values.length);
  // Line attributes once on a group rather than on every segment.
  return `<g fill="none" stroke="${LINE}" stroke-width="${stroke}" stroke-linejoin="round" stroke-linecap="round">${out}</g>`;
}

function finite(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null && Number.isFinite(v));
}

export interface SparklineOptions {
  /** Accessible name and hover text. */
  title: string;
  width?: number;
  height?: number;
}

/**
 * A sparkline of `values` (oldest first), or '' when fewer than 3 points have data (#16). A flat
 * series is drawn through the middle, so that "no change" still shows as a line.
 */
export function sparklineSvg(values: readonly (number | null)[], o: SparklineOptions): string {
  const nums = finite(values);
  if (nums.length < 3) return '';
  const w = o.width ?? 84;
  const h = o.height ?? 20;
  const pad = 2;
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  const n = values.length;
  const plot: Plot = {
    x: (i) => pad + (n === 1 ? 0 : (i * (w - 2 * pad)) / (n - 1)),
    y: (v) => (max === min ? h / 2 : pad + (1 - (v - min) / (max - min)) * (h - 2 * pad)),
  };
  const title = escapeHtml(o.title);
  return (
    // role="img" with a <title> names the chart for screen readers; no aria-label copy needed.
    `<svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img">` +
    `<title>${title}</title>${series(values, plot, 1.5, 1.5)}</svg>`
  );
}

export interface LineChartOptions {
  /** Accessible name, hover text and the visible caption above the plot. */
  title: string;
  /** One x-axis label per value. */
  labels: readonly string[];
  values: readonly (number | null)[];
  /** How a value reads on the axis and in point tooltips. */
  format: (v: number) => string;
  width?: number;
  height?: number;
}

/** Y-axis domain: zero is always on the axis, so a small change does not look like a collapse. */
function domain(nums: readonly number[]): [number, number] {
  const lo = Math.min(0, ...nums);
  const hi = Math.max(0, ...nums);
  return hi === lo ? [lo, lo + 1] : [lo, hi];
}

/** Which x labels to print: all up to 12, else every k-th and the last, so none overlap. */
function labelled(n: number): (i: number) => boolean {
  const step = Math.ceil(n / 12);
  return (i) => i === n - 1 || (i % step === 0 && n - 1 - i >= step);
}

/**
 * A line chart over the report's periods with y-axis labels (bottom, middle, top, and zero when
 * the values cross it), x-axis period labels and a dot with a tooltip per point. '' when fewer
 * than 2 points have data: one point is no trend.
 */
export function lineChartSvg(o: LineChartOptions): string {
  const nums = finite(o.values);
  if (nums.length < 2) return '';
  const w = o.width ?? 600;
  const h = o.height ?? 220;
  const [lo, hi] = domain(nums);
  const ticks = [...new Set([lo, (lo + hi) / 2, hi, ...(lo < 0 && hi > 0 ? [0] : [])])];
  const tickText = ticks.map((v) => escapeHtml(o.format(v)));
  // Room for the widest y label (about 6.5 px per character at 11 px), so none is cut off.
  const left = Math.max(48, Math.ceil(Math.max(...ticks.map((v) => o.format(v).length)) * 6.5) + 12);
  const right = 24;
  const top = 28;
  const bottom = 30;
  const n = o.values.length;
  const plot: Plot = {
    x: (i) => left + (n === 1 ? 0 : (i * (w - left - right)) / (n - 1)),
    y: (v) => top + (1 - (v - lo) / (hi - lo)) * (h - top - bottom),
  };
  const title = escapeHtml(o.title);
  const parts: string[] = [
    `<svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" style="display:block;max-width:100%;height:auto">`,
    `<title>${title}</title>`,
    `<text x="${left}" y="16" font-size="13" font-weight="bold" fill="${INK}" ${FONT}>${title}</text>`,
  ];
  // Shared text attributes on a group: the axis labels repeat them otherwise.
  parts.push(`<g font-size="11" fill="${INK}" ${FONT}>`);
  ticks.forEach((v, k) => {
    const y = r1(plot.y(v));
    parts.push(`<line x1="${left}" y1="${y}" x2="${w - right}" y2="${y}" stroke="${AXIS}" stroke-width="${v === 0 ? 1 : 0.5}"/>`);
    parts.push(`<text x="${left - 6}" y="${y}" dy="4" text-anchor="end">${tickText[k]}</text>`);
  });
  const show = labelled(n);
  for (let i = 0; i < n; i++) {
    if (!show(i)) continue;
    parts.push(`<text x="${r1(plot.x(i))}" y="${h - 10}" text-anchor="middle">${escapeHtml(o.labels[i] ?? '')}</text>`);
  }
  parts.push('</g>');
  parts.push(series(o.values, plot, 2, 3));
  o.values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    const tip = escapeHtml(`${o.labels[i] ?? ''}: ${o.format(v)}`);
    parts.push(`<circle cx="${r1(plot.x(i))}" cy="${r1(plot.y(v))}" r="3" fill="#ffffff" stroke="${LINE}" stroke-width="1.5"><title>${tip}</title></circle>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
