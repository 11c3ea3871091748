/**
 * The report span and its columns (SPEC §4, SPEC-DECISIONS #3, #32, #33): which days a run covers,
 * at which interval, cut into which columns. Pure: today and the data's date range come in.
 */
import { usageError } from '../errors/kpi-error.js';
import { addIntervals, formatDay, INTERVAL_RANK, intervalLabel, startOfInterval } from './calendar.js';
import { parsePeriod } from './expr.js';
import type { Column, Day, Interval, Span, WeekStart } from './types.js';

/** What the command line (and config) asked for, plus the facts needed to resolve it. */
export interface SpanRequest {
  /** -p, -b, -e: raw expressions (-b/-e take any expression's start). */
  period?: string | null;
  begin?: string | null;
  end?: string | null;
  /** An explicit -D/-W/-M/-Q/-Y or --interval. */
  interval?: Interval | null;
  today: Day;
  weekStart: WeekStart;
  /** Record dates present, for the no-period "soft" span: min and max Day over all records, or null. */
  dataMin: Day | null;
  dataMax: Day | null;
}

/** The resolved span (null only with no period and no records), its interval and columns. */
export interface ResolvedSpan {
  span: Span | null;
  interval: Interval;
  columns: Column[];
  /** Human messages for the caller to raise as warnings (future records, a soft edge guessed…). */
  warnings: string[];
  /** Flags that contradict each other (-p with -b/-e): raised as `period_flag_conflict`, not
   *  `future_date` as every warning above is. */
  conflicts: string[];
}

const given = (s: string | null | undefined): s is string => s !== undefined && s !== null;

/** The start of `-b`/`-e`'s expression; an expression without a start (`..B`) is a usage error. */
function edgeOf(expr: string, flag: string, today: Day, weekStart: WeekStart): Day {
  const p = parsePeriod(expr, today, weekStart);
  if (p.start === null) throw usageError(`${flag} "${expr}" has no start date`, `${flag} takes the start of an expression, e.g. 2026-10`);
  return p.start;
}

/**
 * Resolve -p/-b/-e/interval into a span and columns (SPEC-DECISIONS #3):
 * - -p wins over -b/-e, with a warning;
 * - no period: the whole intervals covering the record dates, ending with the interval that
 *   contains min(dataMax, today) — hledger's "soft" dates, so no edge column is a stub;
 * - explicit edges are kept exactly, so their edge columns are clipped; an open side (`A..`,
 *   `..B`, only -b or only -e) is soft, filled from the data as above (or, with no data on that
 *   side, the one interval next to the explicit edge, with a warning);
 * - the interval: an explicit one wins; else month, but never coarser than the -p unit;
 * - no records and no period: span null, no columns, a warning.
 * Week columns follow week_start, except that when the interval comes from an ISO-week -p
 * (`-p 2026-W42`, no -W) they are ISO weeks, so the user gets the week they named, uncut.
 */
export function resolveSpan(req: SpanRequest): ResolvedSpan {
  const warnings: string[] = [];
  const conflicts: string[] = [];
  const { today, weekStart } = req;
  let explicitStart: Day | null = null;
  let explicitEnd: Day | null = null;
  let interval: Interval = req.interval ?? 'month';
  let weekBasis: WeekStart = weekStart;

  if (given(req.period)) {
    const ignored = [given(req.begin) ? '-b/--begin' : null, given(req.end) ? '-e/--end' : null].filter((f) => f !== null);
    if (ignored.length > 0) conflicts.push(`-p/--period wins over ${ignored.join(' and ')}, which ${ignored.length > 1 ? 'are' : 'is'} ignored`);
    const p = parsePeriod(req.period, today, weekStart);
    explicitStart = p.start;
    explicitEnd = p.end;
    if (!req.interval) {
      interval = INTERVAL_RANK[p.unit] < INTERVAL_RANK.month ? p.unit : 'month';
      if (interval === 'week') weekBasis = p.weekBasis;
    }
  } else {
    if (given(req.begin)) explicitStart = edgeOf(req.begin, '-b/--begin', today, weekStart);
    if (given(req.end)) explicitEnd = edgeOf(req.end, '-e/--end', today, weekStart);
    if (explicitStart !== null && explicitEnd !== null && explicitEnd <= explicitStart) {
      throw usageError(
        `empty span: -e/--end ${formatDay(explicitEnd)} is not after -b/--begin ${formatDay(explicitStart)}`,
        '-e is exclusive: -b 2026-10 -e 2026-11 is October',
      );
    }
  }

  // Soft edges: whole intervals over the records, never past the interval holding today.
  const anchor = req.dataMax === null ? null : Math.min(req.dataMax, today);
  const softStart =
    req.dataMin === null || anchor === null ? null : startOfInterval(Math.min(req.dataMin, anchor), interval, weekBasis);
  const softEnd = anchor === null ? null : addIntervals(startOfInterval(anchor, interval, weekBasis), interval, 1, weekBasis);

  let start = explicitStart;
  let end = explicitEnd;
  if (start === null && end === null) {
    if (softStart === null || softEnd === null) {
      warnings.push('no records and no period: nothing to report');
      return { span: null, interval, columns: [], warnings, conflicts };
    }
    start = softStart;
    end = softEnd;
  } else if (start === null) {
    const e = end as Day;
    const inEdge = startOfInterval(e - 1, interval, weekBasis);
    start = softStart !== null && softStart < e ? softStart : inEdge;
    if (softStart === null || softStart >= e) warnings.push(`no records before ${formatDay(e)} to set the span's start; showing one ${interval}`);
  } else if (end === null) {
    const s = start;
    const afterEdge = addIntervals(startOfInterval(s, interval, weekBasis), interval, 1, weekBasis);
    end = softEnd !== null && softEnd > s ? softEnd : afterEdge;
    if (softEnd === null || softEnd <= s) warnings.push(`no records from ${formatDay(s)} on to set the span's end; showing one ${interval}`);
  }
  if (explicitEnd === null && req.dataMax !== null && req.dataMax > today) {
    warnings.push(`records dated after --today (${formatDay(today)}), up to ${formatDay(req.dataMax)}, are left out; use -p or -e to include them`);
  }

  const span = { start, end: end as Day };
  return { span, interval, columns: splitColumns(span, interval, weekBasis), warnings, conflicts };
}

/**
 * The columns of `span` at `interval`: one per interval touching the span, in order. Edge
 * columns cut by the span are clipped (start/end the real bounds, fullStart/fullEnd the whole
 * interval, label of the whole interval). An empty span has no columns.
 */
export function splitColumns(span: Span, interval: Interval, weekStart: WeekStart): Column[] {
  const columns: Column[] = [];
  for (let full = startOfInterval(span.start, interval, weekStart); full < span.end; ) {
    const next = addIntervals(full, interval, 1, weekStart);
    const start = Math.max(full, span.start);
    const end = Math.min(next, span.end);
    columns.push({
      start,
      end,
      label: intervalLabel(full, interval, weekStart),
      interval,
      fullStart: full,
      fullEnd: next,
      clipped: start !== full || end !== next,
    });
    full = next;
  }
  return columns;
}
