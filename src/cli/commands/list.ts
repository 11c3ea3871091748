/**
 * `kpi list missed-unreturned|lost-clients|new-clients|at-risk` — the records behind a number
 * (SPEC-DECISIONS #8): P is the whole -p/-b/-e span as one period; default the last complete interval.
 */
import { loadAndLink } from '../../app/linked-run.js';
import { missingKindError } from '../../app/missing-inputs.js';
import { listAtRisk, listLostClients, listMissedUnreturned, listNewClients } from '../../kpi/lists.js';
import { resolveSpan, splitColumns } from '../../period/span.js';
import { lastCompleteInterval, previousSpan } from '../../period/compare.js';
import { formatDay } from '../../period/calendar.js';
import { MS_PER_DAY, type Column, type Span } from '../../period/types.js';
import { formatWall } from '../../values/dates.js';
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

const LISTS = {
  'missed-unreturned': { needs: 'calls', columns: ['phone', 'missed_calls', 'first_missed_at', 'last_missed_at', 'manager', 'channel', 'status'] },
  'lost-clients': { needs: 'invoices', columns: ['client_key', 'client', 'last_invoice_date', 'revenue_prev', 'manager', 'channel'] },
  'new-clients': { needs: 'invoices', columns: ['client_key', 'client', 'first_invoice_date', 'first_amount', 'revenue', 'channel', 'direction', 'segment', 'manager'] },
  'at-risk': { needs: 'invoices', columns: ['client_key', 'client', 'last_invoice_date', 'days_since', 'median_gap_days', 'revenue_12m', 'manager'] },
} as const;
type ListName = keyof typeof LISTS;

const DATE_COLS = new Set(['first_missed_at', 'last_missed_at']);
const DAY_COLS = new Set(['last_invoice_date', 'first_invoice_date']);

export async function run(files: string[], o: SharedOptions, io: Io, extra: Record<string, unknown>): Promise<number> {
  const rawName = String(extra.list ?? '').replace(/_/g, '-');
  if (!(rawName in LISTS)) throw usageError(`unknown list "${extra.list}"`, `choose one of ${Object.keys(LISTS).join(', ')}`);
  const name = rawName as ListName;
  const format = chooseFormat(o);
  if (!['table', 'csv', 'tsv', 'md', 'json'].includes(format)) throw usageError(`list writes table, csv, tsv, md or json, not ${format}`);
  if (o.compare) throw usageError('--compare does not apply to kpi list');
  const run = await loadAndLink(files, o, io.env, io.cwd);
  const { ctx, load, linked } = run;
  const def = LISTS[name];
  if (!load.has[def.needs]) throw missingKindError(`kpi list ${name}`, def.needs, load);
  const interval = o.interval ?? 'month';
  let span: Span;
  if (o.period || o.begin || o.end) {
    const r = resolveSpan({ period: o.period, begin: o.begin, end: o.end, interval: o.interval, today: ctx.today, weekStart: run.weekStart, dataMin: null, dataMax: null });
    if (!r.span) throw usageError('the period is empty');
    span = r.span;
  } else span = lastCompleteInterval(ctx.today, interval, run.weekStart);
  // P₋₁: the previous whole interval when P is one (last-month → the month before), else the same
  // number of days before P
  const cols = splitColumns(span, interval, run.weekStart);
  const asColumn: Column = cols.length === 1 && !cols[0]!.clipped ? cols[0]! : { ...span, label: '', interval, fullStart: span.start, fullEnd: span.end, clipped: true };
  const prev = previousSpan(asColumn, run.weekStart);
  const groupBy = o.groupBy;
  let rows: Record<string, unknown>[];
  if (name === 'missed-unreturned') rows = listMissedUnreturned(linked, span, { callbackWindowHours: ctx.config.callback_window_hours, todayEndWall: (ctx.today + 1) * MS_PER_DAY, groupBy }) as unknown as Record<string, unknown>[];
  else if (name === 'lost-clients') rows = listLostClients(linked, span, prev, { groupBy }) as unknown as Record<string, unknown>[];
  else if (name === 'new-clients') rows = listNewClients(linked, span, { groupBy }) as unknown as Record<string, unknown>[];
  else rows = listAtRisk(linked, span, ctx.today, { groupBy, prev }) as unknown as Record<string, unknown>[];
  const columns: string[] = [...(groupBy ? ['group'] : []), ...def.columns];
  const shown = rows.map((r) => {
    const out: Record<string, Cell> = {};
    for (const c of columns) {
      const v = r[c];
      out[c] = DATE_COLS.has(c) && typeof v === 'number' ? formatWall(v, true) : DAY_COLS.has(c) && typeof v === 'number' ? formatWall(v, false) : ((v ?? null) as Cell);
    }
    return out;
  });
  const text = format === 'json'
    ? collectingEvery(jsonPieces({ schema: 'kpi-list/1', meta: { version: VERSION, today: formatDay(ctx.today), timezone: ctx.tz, list: name, period: { start: formatDay(span.start), end: formatDay(span.end) }, group_by: groupBy, inputs: load.files.map((f) => f.stats) } }, [['rows', shown], ['issues', run.issues, issueJson]]))
    : renderRows(columns, shown, format as 'table' | 'csv' | 'tsv' | 'md');
  if (o.rejects) await writeRejects(o.rejects, run.load.rejects, ctx.inputs);
  if (o.output && o.output !== '-') await writeOutput(o.output, text, ctx.inputs);
  else await write(io.stdout, text);
  for (const line of summarizeIssues(run.issues, { quiet: o.quiet, lang: o.lang ?? run.ctx.config.lang ?? 'en' })) io.stderr.write(`kpi: ${line}\n`);
  if (!o.quiet && format === 'table') io.stderr.write(`kpi: ${name}: ${shown.length} row(s) for ${formatDay(span.start)} – ${formatDay(span.end - 1)}\n`);
  return EXIT.ok;
}
