/** Shared start of `list`, `check` and `cohorts`: context, strict load, client linking. */
import type { SharedOptions } from '../cli/options.js';
import { makeContext, type RunContext } from './context.js';
import { loadInputs, type LoadResult } from './load.js';
import { linkRecords, type Linked } from '../kpi/link.js';
import type { Issue } from '../errors/issue.js';
import type { WeekStart } from '../period/types.js';

export interface LinkedRun {
  ctx: RunContext;
  load: LoadResult;
  linked: Linked;
  issues: Issue[];
  weekStart: WeekStart;
}

export async function loadAndLink(files: readonly string[], o: SharedOptions, env: NodeJS.ProcessEnv, cwd: string): Promise<LinkedRun> {
  const ctx = await makeContext(files, o, env, cwd);
  const load = await loadInputs(ctx.inputs, ctx.settings, { keepRaw: o.rejects !== null, lenient: false });
  const linked = linkRecords({ leads: load.leads, calls: load.calls, invoices: load.invoices }, { conversionWindowDays: ctx.config.conversion_window_days, useInvoiceWinRule: load.has.invoices });
  return { ctx, load, linked, issues: [...ctx.issues, ...load.issues, ...linked.issues], weekStart: (ctx.config.week_start ?? 'monday') as WeekStart };
}
