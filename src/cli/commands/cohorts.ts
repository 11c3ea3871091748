/**
 * `kpi cohorts` — retention by acquisition period (SPEC §3, SPEC-DECISIONS #9): rows are the
 * periods of the clients' first positive invoice line (-p/-b/-e select them), columns the
 * periods since; cells the share of the cohort active and its revenue.
 */
import { loadAndLink } from '../../app/linked-run.js';
import { missingKindError } from '../../app/missing-inputs.js';
import { computeCohorts } from '../../kpi/cohorts.js';
import { resolveSpan } from '../../period/span.js';
import { addIntervals, formatDay, intervalLabel } from '../../period/calendar.js';
import { MS_PER_DAY, type Day, type Span } from '../../period/types.js';
import { renderRows, type Cell } from '../../render/rows.js';
import { writeOutput } from '../../app/write-output.js';
import { writeRejects } from '../../app/rejects.js';
import { summarizeIssues } from '../../errors/format.js';
import { EXIT, usageError } from '../../errors/kpi-error.js';
import { issueJson, jsonPieces } from '../../render/json.js';
import { collectingEvery } from '../../app/collect-garbage.js';
import { VERSION } from '../version.js';
import type { SharedOptions } from '../options.js';
import { write, type Io } from '../io.js';
import { chooseFormat } from './report.js';

export async function run(files: string[], o: SharedOptions, io: Io): Promise<number> {
  const format = chooseFormat(o);
  if (!['table', 'csv', 'tsv', 'md', 'json'].includes(format)) throw usageError(`cohorts writes table, csv, tsv, md or json, not ${format}`);
  if (o.compare) throw usageError('--compare does not apply to kpi cohorts');
  const run = await loadAndLink(files, o, io.env, io.cwd);
  const { ctx, load, linked, weekStart } = run;
  if (!load.has.invoices) throw missingKindError('kpi cohorts', 'invoices', load);
  // the first and last day of a positive, non-void line, read from the table in place
  const lines = load.tables.invoices;
  let dataMin: Day | null = null;
  let dataMax: Day | null = null;
  for (let i = 0; i < lines.length; i++) {
    if (lines.isVoid[i] === 1 || !((lines.amount[i] as number) > 0)) continue;
    const d = Math.floor((lines.date[i] as number) / MS_PER_DAY);
    if (dataMin === null || d < dataMin) dataMin = d;
    if (dataMax === null || d > dataMax) dataMax = d;
  }
  const r = resolveSpan({ period: o.period, begin: o.begin, end: o.end, interval: o.interval, today: ctx.today, weekStart, dataMin, dataMax });
  const interval = o.interval ?? 'month';
  const cols = r.columns;
  const lastDay: Day = Math.min(dataMax ?? ctx.today, ctx.today);
  const offsetSpan = (ci: number, k: number): Span | null => {
    const c = cols[ci]!;
    const start = addIntervals(c.fullStart, interval, k, weekStart);
    if (start > lastDay) return null;
    return { start, end: addIntervals(c.fullStart, interval, k + 1, weekStart) };
  };
  const rows = computeCohorts(linked, cols, offsetSpan, { groupBy: o.groupBy });
  const tidy: Record<string, Cell>[] = [];
  for (const row of rows) {
    const col = cols[row.cohort]!;
    for (const cell of row.cells) {
      tidy.push({
        cohort: col.label,
        ...(o.groupBy ? { group: row.group } : {}),
        start: formatDay(row.start),
        end: formatDay(row.end),
        size: row.size,
        offset: cell.offset,
        period: cell.span ? intervalLabel(cell.span.start, interval, weekStart) : null,
        clients_active: cell.clients_active,
        share: cell.share,
        revenue: cell.revenue,
      });
    }
  }
  let text: string | Iterable<string>;
  if (format === 'json') {
    text = collectingEvery(jsonPieces({ schema: 'kpi-cohorts/1', meta: { version: VERSION, today: formatDay(ctx.today), timezone: ctx.tz, interval, group_by: o.groupBy, inputs: load.files.map((f) => f.stats) } }, [['rows', tidy], ['issues', run.issues, issueJson]]));
  } else if (o.layout === 'tidy' && format !== 'table') {
    text = renderRows(Object.keys(tidy[0] ?? { cohort: 0 }), tidy, format as 'csv' | 'tsv' | 'md');
  } else {
    // two matrices (share %, revenue) with a size column (Decision #9)
    const k = Math.max(0, ...rows.map((x) => x.cells.length));
    const offsets = Array.from({ length: k }, (_, i) => String(i));
    const head = ['cohort', ...(o.groupBy ? ['group'] : []), 'size', 'metric', ...offsets];
    const wide: Record<string, Cell>[] = [];
    for (const metric of ['share', 'revenue'] as const) {
      for (const row of rows) {
        const w: Record<string, Cell> = { cohort: cols[row.cohort]!.label, size: row.size, metric };
        if (o.groupBy) w.group = row.group;
        for (const cell of row.cells) {
          const v = cell[metric];
          w[String(cell.offset)] = v === null ? null : format === 'table' && metric === 'share' ? `${(v * 100).toFixed(1)}%` : format === 'table' ? Math.round(v) : v;
        }
        wide.push(w);
      }
    }
    text = renderRows(head, wide, format as 'table' | 'csv' | 'tsv' | 'md');
  }
  if (o.rejects) await writeRejects(o.rejects, run.load.rejects, ctx.inputs);
  if (o.output && o.output !== '-') await writeOutput(o.output, text, ctx.inputs);
  else await write(io.stdout, text);
  for (const line of summarizeIssues(run.issues, { quiet: o.quiet, lang: o.lang ?? run.ctx.config.lang ?? 'en' })) io.stderr.write(`kpi: ${line}\n`);
  return EXIT.ok;
}
