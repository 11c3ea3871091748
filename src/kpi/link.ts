/**
 * Linking: the company-wide facts every metric, cohort and list relies on, computed once.
 * - client keys of leads and invoice lines (two-pass identity, SPEC-DECISIONS #5);
 * - per client: first positive line (newness), acquisition lead (#31) and segment (#11b);
 * - per lead: won after the invoice rule (#29).
 * Pure: no I/O, no clock. Works on the record tables; per-client facts live in typed arrays and
 * become `ClientInfo` objects only when asked for (lists, cohorts, tests).
 */
import type { Lead, Call, InvoiceLine } from '../records/types.js';
import { NONE, UNATTRIBUTED } from '../records/types.js';
import { dayOfWall, type Day } from '../period/types.js';
import type { Issue } from '../errors/issue.js';
import { tablesOf, type RecordTables } from '../records/table/tables.js';
import { LEAD_EXCLUDED, LEAD_OUTBOUND, LEAD_WON } from '../records/table/lead-table.js';
import { resolveClientKeys } from './identity.js';
import type { TextDict } from '../records/table/dict.js';

/** The lead a client was acquired through (SPEC §3, Decision #31). */
export interface Acquisition {
  channel: string;
  direction: 'inbound' | 'outbound';
  segment: string;
  manager: string;
}

export interface ClientInfo {
  key: string;
  /** Dense index: position in `Linked.clientList`. */
  index: number;
  /** Display name: the client text of its earliest invoice line, else of its earliest lead. */
  name: string | null;
  /** Day of the first positive, non-void line in all the data; null when it has none. */
  firstPositiveDay: Day | null;
  /** Index (into the invoice table) of that line: earliest date, then input order. */
  firstPositiveLine: number | null;
  /** Earliest non-excluded lead created on or before `firstPositiveDay`; null → `(unattributed)`. */
  acquisition: Acquisition | null;
  /** Decision #11(b): first non-empty invoice segment by date, else the acquisition lead's, else `(unattributed)`. */
  segment: string;
}

/** Per-client facts in columns, by client index (see `Linked`). */
export interface ClientFacts {
  count: number;
  /** Index of the first positive, non-void line (-1: none). */
  firstLine: Int32Array;
  /** Its wall time (Infinity: none). */
  firstWall: Float64Array;
  /** The acquisition lead (-1: none, i.e. `(unattributed)`). */
  acquiredBy: Int32Array;
  /** Invoice segment dict id (-1: none, the acquisition lead's or `(unattributed)` then). */
  segment: Int32Array;
  /** Invoice / lead client dict ids of the display name (-1: none). */
  invoiceName: Int32Array;
  leadName: Int32Array;
}

export interface Linked {
  /** The records (see src/records/table). */
  tables: RecordTables;
  /** Client index per lead; -1 when the lead names no client at all. */
  leadClient: Int32Array;
  /** Client index per invoice line (always ≥ 0). */
  invoiceClient: Int32Array;
  /** 1 when the lead is won by status / won_at, or by the invoice rule when enabled (Decision #29). */
  leadWon: Uint8Array;
  facts: ClientFacts;
  /** The key of client c (`id:7701234567`, `name:ромашка`, …). */
  clientKey(c: number): string;
  /** Client c as an object. */
  client(c: number): ClientInfo;
  /** Every client, in first-seen order (invoice lines, then leads); built on first access. */
  readonly clientList: ClientInfo[];
  /** Clients by key; built on first access. */
  readonly clients: Map<string, ClientInfo>;
  /** Client key per lead / invoice line (built on demand; for tests and debugging). */
  readonly leadClientKey: (string | null)[];
  readonly invoiceClientKey: string[];
  /** `client_ambiguous` warnings. */
  issues: Issue[];
}

export interface LinkOptions {
  /** Decision #29: an invoice on date(created_at) … date(created_at)+N wins the lead. */
  conversionWindowDays: number;
  /** Apply the invoice win rule (callers pass true when invoices are given). */
  useInvoiceWinRule: boolean;
}

/** Records as tables, or as objects (tests, hand-built inputs). */
export type LinkInput = RecordTables | { leads: readonly Lead[]; calls: readonly Call[]; invoices: readonly InvoiceLine[] };

/**
 * Per entry of a client-name dict: 1 when its text trims to something. One text at a time: the
 * dict is packed, and every name as a string at once (and kept by the result's closures) cost
 * ~75 MB for a million distinct names.
 */
function named(dict: TextDict): Uint8Array {
  const out = new Uint8Array(dict.size);
  for (let k = 0; k < out.length; k++) out[k] = (dict.value(k) as string).trim() === '' ? 0 : 1;
  return out;
}

/** Build the linked record set. */
export function linkRecords(input: LinkInput, opts: LinkOptions): Linked {
  const tables: RecordTables = Array.isArray(input.leads) ? tablesOf(input as Parameters<typeof tablesOf>[0]) : (input as RecordTables);
  const { leads, invoices } = tables;
  const ids = resolveClientKeys(leads, invoices);

  // Clients are numbered in first-seen order: invoice lines (void included), then leads.
  const clientOfKey = new Int32Array(ids.count).fill(-1);
  const keyOfClient: number[] = [];
  const number = (k: number): number => {
    let c = clientOfKey[k] as number;
    if (c < 0) {
      c = clientOfKey[k] = keyOfClient.length;
      keyOfClient.push(k);
    }
    return c;
  };
  const invoiceClient = new Int32Array(invoices.length);
  for (let i = 0; i < invoices.length; i++) invoiceClient[i] = number(ids.invoiceKeys[i] as number);
  const leadClient = new Int32Array(leads.length);
  for (let i = 0; i < leads.length; i++) {
    const k = ids.leadKeys[i] as number;
    leadClient[i] = k < 0 ? -1 : number(k);
  }
  const n = keyOfClient.length;

  // Strict `<` everywhere below keeps the earliest record in input order on equal dates.
  const f: ClientFacts = {
    count: n,
    firstLine: new Int32Array(n).fill(-1),
    firstWall: new Float64Array(n).fill(Infinity),
    acquiredBy: new Int32Array(n).fill(-1),
    segment: new Int32Array(n).fill(-1),
    invoiceName: new Int32Array(n).fill(-1),
    leadName: new Int32Array(n).fill(-1),
  };
  const invoiceNameWall = new Float64Array(n).fill(Infinity);
  const segmentWall = new Float64Array(n).fill(Infinity);
  const positives = new Int32Array(n + 1);
  const vClient = named(invoices.clients);
  const vSegmentOk = invoices.segments.values.map((s) => s !== NONE && s.trim() !== '');
  for (let i = 0; i < invoices.length; i++) {
    if (invoices.isVoid[i] === 1) continue; // void lines are excluded from every metric, naming included
    const c = invoiceClient[i] as number;
    const date = invoices.date[i] as number;
    const cl = invoices.client[i] as number;
    if (cl >= 0 && vClient[cl] === 1 && date < (invoiceNameWall[c] as number)) {
      f.invoiceName[c] = cl;
      invoiceNameWall[c] = date;
    }
    const sg = invoices.segment[i] as number;
    if (sg >= 0 && vSegmentOk[sg] && date < (segmentWall[c] as number)) {
      f.segment[c] = sg;
      segmentWall[c] = date;
    }
    if ((invoices.amount[i] as number) > 0) {
      positives[c + 1]!++;
      if (date < (f.firstWall[c] as number)) {
        f.firstWall[c] = date;
        f.firstLine[c] = i;
      }
    }
  }

  // Acquisition lead: earliest lead created on or before the day of the first positive line
  // (#31). Excluded (junk) leads never acquire a client: they are in no lead metric (#52).
  const leadNameWall = new Float64Array(n).fill(Infinity);
  const lClient = named(leads.clients);
  for (let i = 0; i < leads.length; i++) {
    const c = leadClient[i] as number;
    if (c < 0) continue;
    const created = leads.createdAt[i] as number;
    const cl = leads.client[i] as number;
    if (cl >= 0 && lClient[cl] === 1 && created < (leadNameWall[c] as number)) {
      f.leadName[c] = cl;
      leadNameWall[c] = created;
    }
    if (((leads.flags[i] as number) & LEAD_EXCLUDED) !== 0 || f.firstLine[c] === -1) continue;
    if (dayOfWall(created) > dayOfWall(f.firstWall[c] as number)) continue;
    const best = f.acquiredBy[c] as number;
    if (best === -1 || created < (leads.createdAt[best] as number)) f.acquiredBy[c] = i;
  }

  // not `ids.text`: a closure over `ids` would keep its per-record key arrays alive with the result
  const keyText = ids.text;
  const clientKey = (c: number): string => keyText(keyOfClient[c] as number);
  const client = (c: number): ClientInfo => {
    const li = f.acquiredBy[c] as number;
    const acquisition: Acquisition | null =
      li < 0
        ? null
        : {
            channel: leads.channels.value(leads.channel[li] as number) ?? NONE,
            direction: ((leads.flags[li] as number) & LEAD_OUTBOUND) !== 0 ? 'outbound' : 'inbound',
            segment: leads.segments.value(leads.segment[li] as number) ?? NONE,
            manager: leads.managers.value(leads.manager[li] as number) ?? NONE,
          };
    const fl = f.firstLine[c] as number;
    const sg = f.segment[c] as number;
    const vn = f.invoiceName[c] as number;
    const ln = f.leadName[c] as number;
    return {
      key: clientKey(c),
      index: c,
      name: vn >= 0 ? invoices.clients.value(vn)!.trim() : ln >= 0 ? leads.clients.value(ln)!.trim() : null,
      firstPositiveDay: fl < 0 ? null : dayOfWall(f.firstWall[c] as number),
      firstPositiveLine: fl < 0 ? null : fl,
      acquisition,
      segment: sg >= 0 ? invoices.segments.values[sg]! : (acquisition?.segment ?? UNATTRIBUTED),
    };
  };

  let list: ClientInfo[] | null = null;
  let byKey: Map<string, ClientInfo> | null = null;
  const clientList = (): ClientInfo[] => (list ??= Array.from({ length: n }, (_, c) => client(c)));
  return {
    tables,
    leadClient,
    invoiceClient,
    leadWon: winLeads(tables, leadClient, invoiceClient, positives, opts),
    facts: f,
    clientKey,
    client,
    get clientList() {
      return clientList();
    },
    get clients() {
      return (byKey ??= new Map(clientList().map((c) => [c.key, c])));
    },
    get leadClientKey() {
      return Array.from(leadClient, (c) => (c < 0 ? null : clientKey(c)));
    },
    get invoiceClientKey() {
      return Array.from(invoiceClient, (c) => clientKey(c));
    },
    issues: ids.issues,
  };
}

/** The acquisition direction of client c (null: `(unattributed)`), without building its object. */
export function acquisitionDirection(linked: Linked, c: number): 'inbound' | 'outbound' | null {
  const li = linked.facts.acquiredBy[c] as number;
  if (li < 0) return null;
  return ((linked.tables.leads.flags[li] as number) & LEAD_OUTBOUND) !== 0 ? 'outbound' : 'inbound';
}

/**
 * Decision #29: won by status / won_at (already on the lead), OR — when the invoice rule is on —
 * the client has a positive non-void line dated date(created_at) … date(created_at) + N, calendar
 * days in the configured zone, both ends inclusive. An invoice beats a lost status (OR rule).
 * `counts[c + 1]` holds client c's number of positive lines.
 */
function winLeads(t: RecordTables, leadClient: Int32Array, invoiceClient: Int32Array, counts: Int32Array, opts: LinkOptions): Uint8Array {
  const { leads, invoices } = t;
  const won = new Uint8Array(leads.length);
  for (let i = 0; i < leads.length; i++) won[i] = ((leads.flags[i] as number) & LEAD_WON) !== 0 ? 1 : 0;
  // no leads to win (an invoices-only run): the per-client days below would be built for nothing
  if (!opts.useInvoiceWinRule || leads.length === 0) return won;
  // positive-line days per client, sorted: offsets[c] … offsets[c + 1] in `days`
  const offsets = counts;
  for (let c = 1; c < offsets.length; c++) offsets[c]! += offsets[c - 1]!;
  const days = new Float64Array(offsets[offsets.length - 1] ?? 0);
  const fill = offsets.slice(0, -1);
  for (let i = 0; i < invoices.length; i++) {
    if (invoices.isVoid[i] === 1 || (invoices.amount[i] as number) <= 0) continue;
    days[fill[invoiceClient[i] as number]!++] = dayOfWall(invoices.date[i] as number);
  }
  for (let c = 0; c + 1 < offsets.length; c++) days.subarray(offsets[c], offsets[c + 1]).sort();
  const window = opts.conversionWindowDays;
  for (let i = 0; i < leads.length; i++) {
    if (won[i] === 1) continue;
    const c = leadClient[i] as number;
    if (c < 0) continue;
    const lo = offsets[c] as number;
    const hi = offsets[c + 1] as number;
    if (lo === hi) continue;
    const from = dayOfWall(leads.createdAt[i] as number);
    const j = lowerBound(days, from, lo, hi);
    if (j < hi && (days[j] as number) <= from + window) won[i] = 1;
  }
  return won;
}

/** First index in [lo, hi) whose value is ≥ x in an ascending array (hi when none). */
export function lowerBound(sorted: ArrayLike<number>, x: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
