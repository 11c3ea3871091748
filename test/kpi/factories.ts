/**
 * Small factories for metric-engine tests: records with sensible defaults, dates written as
 * text. Wall values are "as if UTC", so `wall('2026-10-05 14:30')` is what normalization produces
 * for that local time; calls get `startedAtUtc` equal to the wall time unless given.
 */
import type { Call, InvoiceLine, Lead } from '../../src/records/types.js';
import { NONE } from '../../src/records/types.js';
import type { Day, Span } from '../../src/period/types.js';
import { MS_PER_DAY } from '../../src/period/types.js';
import { computeMetrics, type ComputeOptions, type ComputeResult } from '../../src/kpi/compute.js';
import { linkRecords } from '../../src/kpi/link.js';
import type { MetricId } from '../../src/kpi/registry.js';

/** `2026-10-05` or `2026-10-05 14:30[:ss]` → wall ms. */
export function wall(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (m === null) throw new Error(`factory date: ${text}`);
  const [, y, mo, d, h, mi, s] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
}

/** `2026-10-05` → Day. */
export function day(text: string): Day {
  return Math.floor(wall(text) / MS_PER_DAY);
}

/** [from, to) with both ends as dates. */
export function span(from: string, to: string): Span {
  return { start: day(from), end: day(to) };
}

/** The calendar month `2026-10`. */
export function month(ym: string): Span {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const start = Math.floor(Date.UTC(y, m - 1, 1) / MS_PER_DAY);
  const end = Math.floor(Date.UTC(y, m, 1) / MS_PER_DAY);
  return { start, end };
}

let line = 1;
const origin = (file: string) => ({ file, sheet: null, line: line++ });

export function lead(at: string, p: Partial<Lead> = {}): Lead {
  return {
    id: null,
    createdAt: wall(at),
    channelRaw: null,
    channel: NONE,
    direction: 'inbound',
    client: null,
    clientId: null,
    phone: null,
    email: null,
    manager: NONE,
    segment: NONE,
    status: null,
    won: false,
    wonAt: null,
    amount: null,
    excluded: false,
    origin: origin('leads.csv'),
    ...p,
  };
}

export function call(at: string, p: Partial<Call> = {}): Call {
  const w = wall(at);
  return {
    id: null,
    startedAt: w,
    startedAtUtc: w,
    direction: 'inbound',
    from: '+79120000001',
    to: '101',
    fromAnonymous: false,
    answered: true,
    durationS: 60,
    manager: NONE,
    trackingNumber: null,
    channel: NONE,
    origin: origin('calls.csv'),
    ...p,
  };
}

/** An invoice line; `amount` and `cost` in major units for readability (converted to cents). */
export function inv(at: string, client: string, amount: number, p: Partial<Omit<InvoiceLine, 'amount' | 'cost'>> & { cost?: number | null } = {}): InvoiceLine {
  const { cost, ...rest } = p;
  return {
    number: null,
    date: wall(at),
    client,
    clientId: null,
    amount: Math.round(amount * 100),
    cost: cost === undefined || cost === null ? null : Math.round(cost * 100),
    manager: NONE,
    segment: null,
    status: null,
    void: false,
    paidAt: null,
    origin: origin('invoices.csv'),
    ...rest,
  };
}

/** Compute options with everything known and given; override what a test is about. */
export function options(p: Partial<ComputeOptions> = {}): ComputeOptions {
  return {
    groupBy: null,
    callbackWindowHours: 24,
    todayEndWall: wall('2100-01-01'),
    has: { leads: true, calls: true, invoices: true },
    wonKnown: true,
    costKnown: true,
    answeredKnown: true,
    membershipSpan: { start: day('1970-01-01'), end: day('2100-01-01') },
    ...p,
  };
}

/** The values of one (metric, group) cell; throws when the cell is absent. */
export function values(r: ComputeResult, metric: MetricId, group: string | null = null): (number | null)[] {
  const cell = r.cells.find((c) => c.metric === metric && c.group === group);
  if (cell === undefined) throw new Error(`no cell ${metric}/${group ?? 'total'}`);
  return cell.values;
}

/** The terms of one (metric, group) cell in column `col`. */
export function terms(r: ComputeResult, metric: MetricId, col = 0, group: string | null = null) {
  const cell = r.cells.find((c) => c.metric === metric && c.group === group);
  if (cell === undefined) throw new Error(`no cell ${metric}/${group ?? 'total'}`);
  return cell.terms[col];
}

/** Link and compute in one call, with the invoice win rule on when invoices are given. */
export function run(
  records: { leads?: Lead[]; calls?: Call[]; invoices?: InvoiceLine[] },
  columns: Span[],
  prevSpans: Span[],
  p: Partial<ComputeOptions> = {},
  window = 90,
): ComputeResult {
  const leads = records.leads ?? [];
  const calls = records.calls ?? [];
  const invoices = records.invoices ?? [];
  const has = { leads: records.leads !== undefined, calls: records.calls !== undefined, invoices: records.invoices !== undefined };
  const linked = linkRecords({ leads, calls, invoices }, { conversionWindowDays: window, useInvoiceWinRule: has.invoices });
  return computeMetrics(linked, columns, prevSpans, options({ has, ...p }));
}
