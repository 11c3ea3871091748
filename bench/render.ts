/**
 * The results as a terminal table (cli-table3) and as the Markdown table docs/performance.md
 * quotes — both from the same rows, so the document shows exactly what the run printed.
 */
import { shapeLine } from './shapes.js';
import Table from 'cli-table3';
import { goalCell, LIMITS } from './goals.js';
import type { BaselineTiming, BenchResults, WorkloadResult } from './results.js';
import { sizeLabel } from './datasets.js';

/** The table's column headers. */
export const COLUMNS: readonly string[] = [
  'workload', 'rows', 'MB', 'kpi s', 'rows/s', 'MB/s', 'peak RSS MB', 'kpi CPU s',
  'baseline', 'base s', 'base 1t s', 'ratio', 'CPU ratio', 'goal met?',
];

const f2 = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : x.toFixed(2));

/** `1.23M` / `456k` / `789` rows per second. */
export function rate(x: number): string {
  if (x >= 1e6) return (x / 1e6).toFixed(2) + 'M';
  if (x >= 1e3) return Math.round(x / 1e3) + 'k';
  return String(Math.round(x));
}

function baseCell(b: BaselineTiming | null): string {
  if (!b) return '—';
  return b.error ? 'failed' : b.engine_median_s.toFixed(2);
}

/** One table row (cells as text) per workload. */
export function rowCells(w: WorkloadResult): string[] {
  const k = w.kpi;
  const failed = k.error !== null;
  return [
    w.name,
    sizeLabel(w.rows).toUpperCase().replace('K', 'k'),
    (w.bytes / 1e6).toFixed(1),
    failed ? `failed` : k.median_s.toFixed(2),
    failed ? '—' : rate(k.rows_per_s),
    failed ? '—' : k.mb_per_s.toFixed(1),
    failed || k.peak_rss_mb === null ? '—' : String(Math.round(k.peak_rss_mb)),
    failed ? '—' : f2(k.cpu_median_s),
    w.baseline_tool === 'duckdb' ? 'DuckDB 2t' : 'exceljs',
    baseCell(w.baseline),
    baseCell(w.baseline_1t),
    f2(w.ratio),
    f2(w.cpu_ratio),
    goalCell(w.goals),
  ];
}

/** The terminal table. */
export function renderTable(r: BenchResults): string {
  // No lines between rows: 14 columns are wide enough without doubling the height.
  const t = new Table({
    head: [...COLUMNS],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const w of r.workloads) t.push(rowCells(w));
  const v = r.version;
  return `${t.toString()}\nkpi --version: median ${v.median_ms.toFixed(0)} ms of ${v.runs_ms.length} (goal < ${v.goal_ms} ms: ${v.met ? 'yes' : 'NO'})\n` +
    [...otherLines(r), ...r.shapes.map((s) => `kpi on ${s.name}: ${shapeLine(s)}`)].join('\n');
}

function otherLines(r: BenchResults): string[] {
  return r.others.map((o) => {
    const head = `${o.tool} on ${o.workload} ${sizeLabel(o.rows)}: `;
    if (o.wall_s === null) return head + `not run (${o.error})`;
    const vs = o.kpi_s === null ? 'kpi failed' : `kpi ${o.kpi_s.toFixed(2)} s — ${o.kpi_faster ? 'kpi faster' : 'kpi SLOWER'}`;
    return head + `${o.wall_s.toFixed(2)} s (${vs})`;
  });
}

/** The Markdown table (GitHub), with the version line and the machine under it. */
export function renderMarkdown(r: BenchResults): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const lines = [
    `| ${COLUMNS.join(' | ')} |`,
    `|${COLUMNS.map((_, i) => (i === 0 || i === 8 || i === COLUMNS.length - 1 ? '---' : '---:')).join('|')}|`,
    ...r.workloads.map((w) => `| ${rowCells(w).map(esc).join(' | ')} |`),
    '',
    `\`kpi --version\`: median ${r.version.median_ms.toFixed(0)} ms of ${r.version.runs_ms.length} runs (goal < ${LIMITS.versionMs} ms: ${r.version.met ? 'met' : 'not met'}).`,
  ];
  const others = otherLines(r);
  if (others.length) lines.push('', ...others.map((l) => `- ${l}`));
  if (r.shapes.length) lines.push('', 'Other export shapes (kpi alone, one run each):', '', ...r.shapes.map((s) => `- ${s.name} (${s.kind}): ${shapeLine(s)}`));
  const m = r.machine;
  lines.push('', `Machine: ${m.cpus} × ${m.cpu_model}, ${m.mem_gib} GiB, Node ${m.node}, ${m.platform}; ` +
    `load average ${m.load_before.map((x) => x.toFixed(1)).join('/')} before, ${m.load_after.map((x) => x.toFixed(1)).join('/')} after; ` +
    `${r.runs} run(s) each, seed ${r.seed}, peak RSS by ${r.rss_method}; ${r.generated_at}.`);
  return lines.join('\n') + '\n';
}
