/**
 * `kpi check` — targets and data health, made for cron (SPEC §4, SPEC-DECISIONS #7): exit 1 when a
 * target is missed (or, under --strict, when one is n/a or pending, or health has a problem).
 */
import { engineOptions, loadAndLink } from '../../app/linked-run.js';
import { computeMetrics } from '../../kpi/compute.js';
import { resolveSpan } from '../../period/span.js';
import { lastCompleteInterval, previousSpan } from '../../period/compare.js';
import { splitColumns } from '../../period/span.js';
import { formatDay, addIntervals, startOfInterval } from '../../period/calendar.js';
import { MS_PER_DAY, type Interval, type Span } from '../../period/types.js';
import { targetStatus } from '../../report/targets.js';
import { renderRows, type Cell } from '../../render/rows.js';
import { writeOutput } from '../../app/write-output.js';
import { writeRejects } from '../../app/rejects.js';
import { summarizeIssues } from '../../errors/format.js';
import { EXIT, usageError } from '../../errors/kpi-error.js';
import { jsonWithIssues } from '../../render/json.js';
import { collectingEvery } from '../../app/collect-garbage.js';
import { NONE, UNATTRIBUTED } from '../../records/types.js';
import { metricDef } from '../../kpi/registry.js';
import { VERSION } from '../version.js';
import type { SharedOptions } from '../options.js';
import { write, type Io } from '../io.js';
import { chooseFormat } from './report.js';

const COLUMNS = ['metric', 'per', 'group', 'period', 'start', 'end', 'value', 'min', 'max', 'status'];

export async function run(files: string[], o: SharedOptions, io: Io): Promise<number> {
  const format = chooseFormat(o);
  if (!['table', 'csv', 'tsv', 'md', 'json'].includes(format)) throw usageError(`check writes table, csv, tsv, md or json, not ${format}`);
  if (o.groupBy) throw usageError('-g does not apply to kpi check', 'targets name their own grouping with `per:`');
  if (o.compare) throw usageError('--compare does not apply to kpi check');
  const run = await loadAndLink(files, o, io.env, io.cwd);
  const { ctx, load, linked, weekStart } = run;
  const interval: Interval = o.interval ?? 'month';
  const explicit = !!(o.period || o.begin || o.end);
  let span: Span;
  if (explicit) {
    const r = resolveSpan({ period: o.period, begin: o.begin, end: o.end, interval: o.interval, today: ctx.today, weekStart, dataMin: null, dataMax: null });
    if (!r.span) throw usageError('the period is empty');
    span = r.span;
  } else span = lastCompleteInterval(ctx.today, interval, weekStart);

  const results: Record<string, Cell>[] = [];
  for (const t of ctx.config.targets) {
    const tInterval = (t.interval ?? interval) as Interval;
    // without -p/-b/-e each target looks at the last complete interval of its own length
    const tSpan = explicit ? span : lastCompleteInterval(ctx.today, tInterval, weekStart);
    const cols = splitColumns(tSpan, tInterval, weekStart);
    const per = t.per ?? null;
    const computed = computeMetrics(linked, cols, cols.map((c) => previousSpan(c, weekStart)), {
      ...engineOptions(ctx, load),
      groupBy: per,
      membershipSpan: { start: cols[0] ? previousSpan(cols[0], weekStart).start : tSpan.start, end: tSpan.end },
    });
    const cells = computed.cells.filter((c) => c.metric === t.metric && (per === null ? c.group === null : c.group !== null && c.group !== NONE && c.group !== UNATTRIBUTED));
    if (cells.length === 0) {
      cols.forEach((col) => results.push({ metric: t.metric, per, group: null, period: col.label, start: formatDay(col.start), end: formatDay(col.end), value: null, min: t.min ?? null, max: t.max ?? null, status: 'n/a' }));
      continue;
    }
    for (const cell of cells) {
      cols.forEach((col, i) => {
        const v = cell.values[i] ?? null;
        const st = targetStatus(v, t, col.end - 1 >= ctx.today);
        results.push({ metric: t.metric, per, group: cell.group, period: col.label, start: formatDay(col.start), end: formatDay(col.end), value: v, min: st.min, max: st.max, status: st.status });
      });
    }
  }
  const order: Record<string, number> = { missed: 0, pending: 1, 'n/a': 2, ok: 3 };
  results.sort((a, b) => (order[a.status as string] ?? 9) - (order[b.status as string] ?? 9));

  // data health
  const health: { problem: string; detail: string }[] = [];
  for (const f of load.files) {
    if (f.stats.rows_rejected) health.push({ problem: 'rejected_rows', detail: `${f.spec.display}: ${f.stats.rows_rejected} row(s) rejected` });
    if (f.stats.warnings) health.push({ problem: 'warnings', detail: `${f.spec.display}: ${f.stats.warnings} warning(s)` });
  }
  for (const k of ['leads', 'calls', 'invoices'] as const) {
    if (!load.has[k]) {
      if (ctx.config.targets.some((t) => metricDef(t.metric)?.needs.includes(k))) health.push({ problem: 'input_missing', detail: `no ${k} among the inputs` });
      continue;
    }
    // the record tables' date columns, read in place (no record objects for a million rows)
    const t = load.tables;
    const days = k === 'leads' ? t.leads.createdAt : k === 'calls' ? t.calls.startedAt : t.invoices.date;
    const n = t[k].length;
    let inSpan = 0;
    let maxWall = -Infinity;
    for (let i = 0; i < n; i++) {
      const w = days[i] as number;
      if (w >= span.start * MS_PER_DAY && w < span.end * MS_PER_DAY) inSpan++;
      if (w > maxWall) maxWall = w;
    }
    if (inSpan === 0) health.push({ problem: 'no_records_in_period', detail: `${k}: no records in ${formatDay(span.start)} – ${formatDay(span.end - 1)}` });
    const latest = Math.floor(maxWall / MS_PER_DAY);
    const staleBefore = addIntervals(startOfInterval(span.end - 1, interval, weekStart), interval, 0, weekStart);
    if (latest < staleBefore) health.push({ problem: 'stale_input', detail: `${k}: latest record ${formatDay(latest)} is older than ${formatDay(staleBefore)}` });
  }

  const missed = results.filter((r) => r.status === 'missed').length;
  const soft = results.filter((r) => r.status === 'n/a' || r.status === 'pending').length;
  const shownRows = o.quiet ? results.filter((r) => r.status !== 'ok') : results;
  let text: string | Iterable<string>;
  if (format === 'json') {
    text = collectingEvery(jsonWithIssues({ schema: 'kpi-check/1', meta: { version: VERSION, today: formatDay(ctx.today), timezone: ctx.tz, period: { start: formatDay(span.start), end: formatDay(span.end) }, interval, inputs: load.files.map((f) => f.stats) }, results: shownRows, health }, run.issues));
  } else if (o.quiet && shownRows.length === 0 && (health.length === 0 || !o.strict)) text = '';
  else {
    let t = ctx.config.targets.length === 0 && format === 'table' ? 'no targets in the config (add `targets:` to kpi.config.yaml)\n' : renderRows(COLUMNS, shownRows, format as 'table' | 'csv' | 'tsv' | 'md');
    if (format === 'table' && health.length && (!o.quiet || o.strict)) t += 'Data health:\n' + health.map((h) => `  ${h.problem}: ${h.detail}`).join('\n') + '\n';
    text = t;
  }
  if (o.rejects) await writeRejects(o.rejects, run.load.rejects, ctx.inputs);
  if (o.output && o.output !== '-') await writeOutput(o.output, text, ctx.inputs);
  else if (text) await write(io.stdout, text);
  for (const line of summarizeIssues(run.issues, { quiet: true, lang: o.lang ?? run.ctx.config.lang ?? 'en' })) io.stderr.write(`kpi: ${line}\n`);
  if (missed > 0) {
    if (!o.quiet) io.stderr.write(`kpi: ${missed} target(s) missed\n`);
    return EXIT.failed;
  }
  if (o.strict && (soft > 0 || health.length > 0)) {
    io.stderr.write(`kpi: --strict: ${soft} target(s) n/a or pending, ${health.length} data-health problem(s)\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
