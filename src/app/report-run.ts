/**
 * `kpi report` and the one-section commands: load → span → link → compute → report model.
 * Returns the model and what the caller must print; all I/O decisions stay in the CLI layer.
 */
import type { SharedOptions } from '../cli/options.js';
import { makeContext, parallelRun, pipeRun, type RunContext } from './context.js';
import { loadInputs, type LoadResult } from './load.js';
import { engineOptions } from './linked-run.js';
import { detectedKinds, missingKindHint } from './missing-inputs.js';
import { KINDS } from '../records/types.js';
import { inputError, usageError } from '../errors/kpi-error.js';
import { makeIssue, type Issue } from '../errors/issue.js';
import { resolveSpan } from '../period/span.js';
import { parsePeriod } from '../period/expr.js';
import { formatDay } from '../period/calendar.js';
import { MS_PER_DAY, type Day, type WeekStart } from '../period/types.js';
import { linkRecords } from '../kpi/link.js';
import { METRICS, type SectionId } from '../kpi/registry.js';
import { buildReport, type ReportRequest } from '../report/build.js';
import type { Report, ColumnMeta } from '../report/model.js';
import { applyTargets } from '../report/targets.js';
import { VERSION } from '../cli/version.js';
import { terminalProgress, wantsProgress } from './progress.js';
import { collectGarbage, COLLECT_MIN_RECORDS } from './collect-garbage.js';
import { countExcluded } from '../report/excluded.js';

export interface ReportRun {
  ctx: RunContext;
  load: LoadResult;
  report: Report;
}

/** First and last day of the walls in `walls[0..n)` (where `keep(i)`), or null when none. */
function coverageOf(walls: Float64Array, n: number, keep: ((i: number) => boolean) | null = null): { min: Day; max: Day } | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (keep !== null && !keep(i)) continue;
    const w = walls[i] as number;
    if (w < min) min = w;
    if (w > max) max = w;
  }
  return min === Infinity ? null : { min: Math.floor(min / MS_PER_DAY), max: Math.floor(max / MS_PER_DAY) };
}

/** Overrides #39: distinct invoice numbers, each line without one its own invoice. */
function invoiceCount(t: LoadResult['tables']['invoices']): number {
  const seen = new Uint8Array(t.numbers.size);
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const num = t.number[i] as number;
    if (num < 0) n++;
    else if (seen[num] === 0) {
      seen[num] = 1;
      n++;
    }
  }
  return n;
}

export async function runReport(files: readonly string[], o: SharedOptions, env: NodeJS.ProcessEnv, cwd: string, only: SectionId | null, tableDefaults: boolean): Promise<ReportRun> {
  const ctx = await makeContext(files, o, env, cwd);
  const progress = wantsProgress(o, env, process.stderr.isTTY === true) ? terminalProgress(process.stderr) : null;
  const load = await loadInputs(ctx.inputs, ctx.settings, { keepRaw: o.rejects !== null, lenient: false, progress, parallel: parallelRun(ctx, env), pipe: pipeRun(env) });
  const issues: Issue[] = [...ctx.issues, ...load.issues];
  const weekStart = (ctx.config.week_start ?? 'monday') as WeekStart;
  const { leads, calls, invoices } = load.tables;
  if (leads.length + calls.length + invoices.length >= COLLECT_MIN_RECORDS) collectGarbage();

  const cov = {
    leads: coverageOf(leads.createdAt, leads.length),
    calls: coverageOf(calls.startedAt, calls.length),
    invoices: coverageOf(invoices.date, invoices.length, (i) => invoices.isVoid[i] === 0),
  };
  const present = Object.values(cov).filter((c): c is { min: Day; max: Day } => c !== null);
  const dataMin = present.length ? Math.min(...present.map((c) => c.min)) : null;
  const dataMax = present.length ? Math.max(...present.map((c) => c.max)) : null;

  if (only) {
    const computable = METRICS.some((m) => m.sections.includes(only) && m.needs.every((k) => load.has[k]));
    if (!computable) {
      // the hint names what is missing for the section's nearest metrics (`kpi inbound` with
      // calls only: leads, not leads or invoices — leads alone show its lead counts)
      const lacks = METRICS.filter((m) => m.sections.includes(only)).map((m) => m.needs.filter((k) => !load.has[k]));
      const fewest = Math.min(...lacks.map((l) => l.length));
      const kinds = KINDS.filter((k) => lacks.some((l) => l.length === fewest && l.includes(k)));
      throw inputError(`nothing to show in ${only}: its inputs are missing among ${load.files.length} file(s) (detected: ${detectedKinds(load)})`, { hint: missingKindHint(kinds) });
    }
  }

  const resolved = resolveSpan({ period: o.period, begin: o.begin, end: o.end, interval: o.interval, today: ctx.today, weekStart, dataMin, dataMax });
  // with no records the span module's warning says so; our own no_records issue below covers it
  if (resolved.span !== null) for (const w of resolved.warnings) issues.push(makeIssue('future_date', { file: '-' }, { message: w, severity: 'warning' }));
  for (const c of resolved.conflicts) issues.push(makeIssue('period_flag_conflict', { file: '-' }, { message: c, hint: 'give either -p or -b/-e' }));
  if (dataMax !== null && dataMax > ctx.today && !o.period && !o.end) {
    for (const [kind, c] of Object.entries(cov)) {
      if (c && c.max > ctx.today) issues.push(makeIssue('future_date', { file: load.files.filter((f) => f.setup.kind === kind).map((f) => f.spec.display).join(', ') || '-' }, { message: `${kind} have records dated after today (latest ${formatDay(c.max)}); they appear only when -p or -e covers them` }));
    }
  }
  if (resolved.span === null) issues.push(makeIssue('no_records', { file: '-' }, { message: 'no records in the inputs' }));

  let compare: ReportRequest['compare'] = null;
  if (o.compare) {
    if (o.compare === 'prev' || o.compare === 'yoy') compare = { basis: o.compare };
    else {
      const p = parsePeriod(o.compare, ctx.today, weekStart);
      if (p.start === null || p.end === null) throw usageError(`--compare ${o.compare}: an open range cannot be a comparison period`);
      compare = { basis: 'period', span: { start: p.start, end: p.end }, label: o.compare };
    }
  }

  const linked = linkRecords(load.tables, { conversionWindowDays: ctx.config.conversion_window_days, useInvoiceWinRule: load.has.invoices });
  for (const i of linked.issues) issues.push(i);
  const built = buildReport(linked, {
    columns: resolved.columns,
    weekStart,
    today: ctx.today,
    groupBy: o.groupBy,
    compare,
    defaultCompare: tableDefaults && !compare,
    sparkline: tableDefaults,
    only,
    compute: engineOptions(ctx, load),
  });

  const columns: ColumnMeta[] = resolved.columns.map((c) => ({
    period: c.label,
    start: formatDay(c.start),
    end: formatDay(c.end),
    clipped: c.clipped,
    partial_kinds: (['leads', 'calls', 'invoices'] as const).filter((k) => {
      const cv = cov[k];
      if (!load.has[k] || !cv) return false;
      return c.start < cv.min || c.end - 1 > cv.max || c.end - 1 > ctx.today;
    }),
  }));
  const report: Report = {
    ...built,
    explain: o.explain,
    excluded: o.explain && resolved.columns.length > 0 ? countExcluded(load.tables, load.has, load.files.map((f) => f.stats), resolved.columns[resolved.columns.length - 1]!) : null,
    meta: {
      version: VERSION,
      today: formatDay(ctx.today),
      timezone: ctx.tz,
      span: resolved.span ? { start: formatDay(resolved.span.start), end: formatDay(resolved.span.end) } : null,
      interval: resolved.interval,
      group_by: o.groupBy,
      inputs: load.files.map((f) => f.stats),
      records: { leads: leads.length, calls: calls.length, invoices: invoiceCount(invoices) },
      inputs_missing: (['leads', 'calls', 'invoices'] as const).filter((k) => !load.has[k]),
      coverage: Object.fromEntries(Object.entries(cov).map(([k, c]) => [k, c ? { start: formatDay(c.min), end: formatDay(c.max + 1) } : null])),
      columns,
      ungrouped: o.groupBy ? (['leads', 'calls', 'invoices'] as const).filter((k) => built.sections.length >= 0 && (o.groupBy === 'segment' && k === 'calls')) : [],
      compare: compare?.basis ?? null,
    },
    issues: [],
  };
  applyTargets(report, ctx.config.targets ?? [], ctx.today);
  report.issues = issues;
  // the load result is handed on with every issue of the run (its record getters stay lazy)
  load.issues = issues;
  return { ctx, load, report };
}
