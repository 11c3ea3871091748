/**
 * Linking: the company-wide facts every metric, cohort and list relies on, computed once.
 * - client keys of leads and invoice lines (two-pass identity, SPEC-DECISIONS #5);
 * - per client: first positive line (newness), acquisition lead (#31) and segment (#11b);
 * - per lead: won after the invoice rule (#29).
 * Pure: no I/O, no clock.
 */
import type { Lead, Call, InvoiceLine } from '../records/types.js';
import { NONE, UNATTRIBUTED } from '../records/types.js';
import { dayOfWall, type Day } from '../period/types.js';
import type { Issue } from '../errors/issue.js';
import { resolveClientKeys } from './identity.js';

/** The lead a client was acquired through (SPEC §3, Decision #31). */
export interface Acquisition {
  channel: string;
  direction: 'inbound' | 'outbound';
  segment: string;
  manager: string;
}

export interface ClientInfo {
  key: string;
  /** Display name: the client text of its earliest invoice line, else of its earliest lead. */
  name: string | null;
  /** Day of the first positive, non-void line in all the data; null when it has none. */
  firstPositiveDay: Day | null;
  /** Index (into `Linked.invoices`) of that line: earliest date, then input order. */
  firstPositiveLine: number | null;
  /** Earliest non-excluded lead created on or before `firstPositiveDay`; null → `(unattributed)`. */
  acquisition: Acquisition | null;
  /** Decision #11(b): first non-empty invoice segment by date, else the acquisition lead's, else `(unattributed)`. */
  segment: string;
}

export interface Linked {
  leads: readonly Lead[];
  calls: readonly Call[];
  invoices: readonly InvoiceLine[];
  /** Client key per lead; null when the lead names no client at all. */
  leadClientKey: (string | null)[];
  invoiceClientKey: string[];
  /** Won by status / won_at, or by the invoice rule when enabled (Decision #29). */
  leadWon: boolean[];
  clients: Map<string, ClientInfo>;
  /** `client_ambiguous` warnings. */
  issues: Issue[];
}

export interface LinkOptions {
  /** Decision #29: an invoice on date(created_at) … date(created_at)+N wins the lead. */
  conversionWindowDays: number;
  /** Apply the invoice win rule (callers pass true when invoices are given). */
  useInvoiceWinRule: boolean;
}

interface Draft {
  /** Client text of the earliest non-void invoice line, and of the earliest lead. */
  invoiceName: string | null;
  invoiceNameWall: number;
  leadName: string | null;
  leadNameWall: number;
  firstLine: number | null;
  firstWall: number;
  segment: string | null;
  segmentWall: number;
  /** Days of positive lines, for the invoice win rule. */
  positiveDays: number[];
}

function draft(): Draft {
  return {
    invoiceName: null,
    invoiceNameWall: Infinity,
    leadName: null,
    leadNameWall: Infinity,
    firstLine: null,
    firstWall: Infinity,
    segment: null,
    segmentWall: Infinity,
    positiveDays: [],
  };
}

/** Build the linked record set. */
export function linkRecords(
  input: { leads: readonly Lead[]; calls: readonly Call[]; invoices: readonly InvoiceLine[] },
  opts: LinkOptions,
): Linked {
  const { leads, calls, invoices } = input;
  const { leadKeys, invoiceKeys, issues } = resolveClientKeys(leads, invoices);
  const drafts = new Map<string, Draft>();
  const get = (k: string): Draft => {
    let d = drafts.get(k);
    if (d === undefined) drafts.set(k, (d = draft()));
    return d;
  };

  // Strict `<` everywhere below keeps the earliest record in input order on equal dates.
  invoices.forEach((v, i) => {
    const d = get(invoiceKeys[i] as string);
    if (v.void) return; // void lines are excluded from every metric, naming included
    if (v.client !== null && v.client.trim() !== '' && v.date < d.invoiceNameWall) {
      d.invoiceName = v.client.trim();
      d.invoiceNameWall = v.date;
    }
    if (v.segment !== null && v.segment !== NONE && v.segment.trim() !== '' && v.date < d.segmentWall) {
      d.segment = v.segment;
      d.segmentWall = v.date;
    }
    if (v.amount > 0) {
      d.positiveDays.push(dayOfWall(v.date));
      if (v.date < d.firstWall) {
        d.firstWall = v.date;
        d.firstLine = i;
      }
    }
  });

  // Acquisition lead: earliest lead created on or before the day of the first positive line
  // (#31). Excluded (junk) leads never acquire a client: they are in no lead metric (#52).
  const acquiredBy = new Map<string, number>();
  leads.forEach((l, i) => {
    const k = leadKeys[i];
    if (k === null || k === undefined) return;
    const d = get(k);
    if (l.client !== null && l.client.trim() !== '' && l.createdAt < d.leadNameWall) {
      d.leadName = l.client.trim();
      d.leadNameWall = l.createdAt;
    }
    if (l.excluded || d.firstLine === null) return;
    if (dayOfWall(l.createdAt) > dayOfWall(d.firstWall)) return;
    const best = acquiredBy.get(k);
    if (best === undefined || l.createdAt < (leads[best] as Lead).createdAt) acquiredBy.set(k, i);
  });

  const clients = new Map<string, ClientInfo>();
  for (const [key, d] of drafts) {
    const li = acquiredBy.get(key);
    const lead = li === undefined ? undefined : leads[li];
    const acquisition: Acquisition | null =
      lead === undefined
        ? null
        : { channel: lead.channel, direction: lead.direction, segment: lead.segment, manager: lead.manager };
    clients.set(key, {
      key,
      name: d.invoiceName ?? d.leadName,
      firstPositiveDay: d.firstLine === null ? null : dayOfWall(d.firstWall),
      firstPositiveLine: d.firstLine,
      acquisition,
      segment: d.segment ?? acquisition?.segment ?? UNATTRIBUTED,
    });
  }

  const leadWon = winLeads(leads, leadKeys, drafts, opts);
  return { leads, calls, invoices, leadClientKey: leadKeys, invoiceClientKey: invoiceKeys, leadWon, clients, issues };
}

/**
 * Decision #29: won by status / won_at (already on the lead), OR — when the invoice rule is on —
 * the client has a positive non-void line dated date(created_at) … date(created_at) + N, calendar
 * days in the configured zone, both ends inclusive. An invoice beats a lost status (OR rule).
 */
function winLeads(
  leads: readonly Lead[],
  keys: readonly (string | null)[],
  drafts: Map<string, Draft>,
  opts: LinkOptions,
): boolean[] {
  if (!opts.useInvoiceWinRule) return leads.map((l) => l.won);
  for (const d of drafts.values()) d.positiveDays.sort((a, b) => a - b);
  const window = opts.conversionWindowDays;
  return leads.map((l, i) => {
    if (l.won) return true;
    const k = keys[i];
    const days = k === null || k === undefined ? undefined : drafts.get(k)?.positiveDays;
    if (days === undefined || days.length === 0) return false;
    const from = dayOfWall(l.createdAt);
    const j = lowerBound(days, from);
    return j < days.length && (days[j] as number) <= from + window;
  });
}

/** First index whose value is ≥ x in an ascending array. */
export function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
