/** Shared start of `list`, `check` and `cohorts`: context, strict load, client linking. */
import type { SharedOptions } from '../cli/options.js';
import { makeContext, parallelRun, pipeRun, type RunContext } from './context.js';
import { loadInputs, type LoadResult } from './load.js';
import { linkRecords, type Linked } from '../kpi/link.js';
import { collectGarbage, COLLECT_MIN_RECORDS } from './collect-garbage.js';
import type { Issue } from '../errors/issue.js';
import { MS_PER_DAY, type WeekStart } from '../period/types.js';

export interface LinkedRun {
  ctx: RunContext;
  load: LoadResult;
  linked: Linked;
  issues: Issue[];
  weekStart: WeekStart;
}

export async function loadAndLink(files: readonly string[], o: SharedOptions, env: NodeJS.ProcessEnv, cwd: string): Promise<LinkedRun> {
  const ctx = await makeContext(files, o, env, cwd);
  const load = await loadInputs(ctx.inputs, ctx.settings, { keepRaw: o.rejects !== null, lenient: false, parallel: parallelRun(ctx, env), pipe: pipeRun(env) });
  const t = load.tables;
  if (t.leads.length + t.calls.length + t.invoices.length >= COLLECT_MIN_RECORDS) collectGarbage();
  const linked = linkRecords(load.tables, { conversionWindowDays: ctx.config.conversion_window_days, useInvoiceWinRule: load.has.invoices });
  return { ctx, load, linked, issues: [...ctx.issues, ...load.issues, ...linked.issues], weekStart: (ctx.config.week_start ?? 'monday') as WeekStart };
}

/** What the metric engine needs to know about the run, beyond spans and grouping. */
export function engineOptions(ctx: RunContext, load: Pick<LoadResult, 'has' | 'wonSource' | 'costKnown' | 'answeredKnown'>) {
  return {
    callbackWindowHours: ctx.config.callback_window_hours,
    todayEndWall: (ctx.today + 1) * MS_PER_DAY,
    has: load.has,
    // won-based metrics are unknown only when no lead source maps status/won_at and no invoices are given
    wonKnown: load.wonSource || load.has.invoices,
    costKnown: load.costKnown,
    answeredKnown: load.answeredKnown,
  };
}
