/**
 * `--explain`'s account of the records the last column leaves out (SPEC-DECISIONS #10: "the
 * records excluded (outside P, void, anonymous, rejected)"), per input kind: counted once from the
 * record tables, printed under each section for the kinds its metrics read.
 */
import type { RecordTables } from '../records/table/tables.js';
import type { InputKind } from '../kpi/registry.js';
import { metricDef } from '../kpi/registry.js';
import { LEAD_EXCLUDED } from '../records/table/lead-table.js';
import { DIR_INBOUND } from '../records/table/call-table.js';
import type { InputStats } from '../app/stats.js';
import { formatNumber } from '../render/numbers.js';
import { t, type Lang } from '../render/i18n.js';
import type { ReportSection } from './model.js';

const MS_PER_DAY = 86_400_000;

/** What the last column did not count, per kind given. */
export interface ExcludedCounts {
  leads?: { outside: number; junk: number; rejected: number };
  calls?: { outside: number; hidden: number; rejected: number };
  invoices?: { outside: number; void: number; rejected: number };
}

/**
 * Count, for the span [start, end) (days): records dated outside it; inside it, leads excluded by
 * status (junk, spam), inbound calls from hidden numbers (never "unreturned"), void invoice lines;
 * and the rejected rows of each kind's files (a rejected row has no usable date).
 */
export function countExcluded(tables: RecordTables, has: Record<InputKind, boolean>, inputs: readonly InputStats[], span: { start: number; end: number }): ExcludedCounts {
  const lo = span.start * MS_PER_DAY;
  const hi = span.end * MS_PER_DAY;
  const rejected = (kind: InputKind) => inputs.filter((i) => i.kind === kind).reduce((n, i) => n + i.rows_rejected, 0);
  const out: ExcludedCounts = {};
  const count = (n: number, wall: Float64Array, flagged: (i: number) => boolean): [outside: number, flagged: number] => {
    let outside = 0;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const w = wall[i] as number;
      if (!(w >= lo && w < hi)) outside++;
      else if (flagged(i)) inside++;
    }
    return [outside, inside];
  };
  const { leads: l, calls: c, invoices: v } = tables;
  if (has.leads) {
    const [outside, junk] = count(l.length, l.createdAt, (i) => ((l.flags[i] as number) & LEAD_EXCLUDED) !== 0);
    out.leads = { outside, junk, rejected: rejected('leads') };
  }
  if (has.calls) {
    const [outside, hidden] = count(c.length, c.startedAt, (i) => c.direction[i] === DIR_INBOUND && c.fromAnonymous[i] === 1);
    out.calls = { outside, hidden, rejected: rejected('calls') };
  }
  if (has.invoices) {
    const [outside, voided] = count(v.length, v.date, (i) => v.isVoid[i] === 1);
    out.invoices = { outside, void: voided, rejected: rejected('invoices') };
  }
  return out;
}

/** One line per kind the section's metrics read, e.g. `leads: 4 310 dated outside P, 12 junk…`. */
export function excludedLines(excluded: ExcludedCounts | null | undefined, sec: ReportSection, lang: Lang): string[] {
  if (!excluded) return [];
  const kinds = new Set<InputKind>();
  for (const row of sec.rows) for (const k of metricDef(row.def.id)?.needs ?? []) kinds.add(k);
  const n = (x: number) => formatNumber(x, 0, lang);
  const lines: string[] = [];
  for (const kind of ['leads', 'calls', 'invoices'] as const) {
    if (!kinds.has(kind)) continue;
    const e = excluded[kind];
    if (e === undefined) continue;
    const parts = [t('excluded.outside', lang, { n: n(e.outside) })];
    if ('junk' in e) parts.push(t('excluded.junk', lang, { n: n(e.junk) }));
    if ('hidden' in e) parts.push(t('excluded.hidden', lang, { n: n(e.hidden) }));
    if ('void' in e) parts.push(t('excluded.void', lang, { n: n(e.void) }));
    parts.push(t('excluded.rejected', lang, { n: n(e.rejected) }));
    lines.push(t(`excluded.${kind}`, lang, { parts: parts.join(', ') }));
  }
  return lines;
}
