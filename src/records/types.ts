/**
 * The three record kinds after normalization (SPEC §2). Values are parsed once: dates are
 * wall-clock in the configured zone (see src/period/types.ts), money is integer minor units
 * (cents/kopecks), phones are normalized. Every record knows where it came from.
 */
export const KINDS = ['leads', 'calls', 'invoices'] as const;
export type Kind = (typeof KINDS)[number];

/** Where a record came from: file, sheet (XLSX) and 1-based line or sheet row. */
export interface Origin {
  file: string;
  sheet: string | null;
  line: number;
}

/** Placeholders for empty group values (SPEC §2, SPEC-DECISIONS #31). */
export const NONE = '(none)';
export const UNATTRIBUTED = '(unattributed)';

/** Wall-clock milliseconds (see src/period/types.ts), an integer. */
type Wall = number;
/** Money in integer minor units (cents, kopecks). */
type Cents = number;

export interface Lead {
  id: string | null;
  createdAt: Wall;
  /** The raw source / UTM value, before channel rules. */
  channelRaw: string | null;
  /** Channel name after rules; `(none)` when empty. */
  channel: string;
  direction: 'inbound' | 'outbound';
  client: string | null;
  clientId: string | null;
  phone: string | null;
  email: string | null;
  /** Manager after `managers` rules; `(none)` when empty. */
  manager: string;
  segment: string;
  status: string | null;
  /** Won by status or by `won_at` (the invoice rule is applied later, when linking). */
  won: boolean;
  wonAt: Wall | null;
  amount: Cents | null;
  /** Status is in `lead_exclude_statuses`: used, but in no lead metric. */
  excluded: boolean;
  origin: Origin;
}

export const callDirections = ['inbound', 'outbound', 'internal'] as const;
export type CallDirection = (typeof callDirections)[number];

export interface Call {
  id: string | null;
  startedAt: Wall;
  /** The same moment as a UTC instant (ms), for elapsed-time windows across DST. */
  startedAtUtc: number;
  direction: CallDirection;
  /** Normalized numbers (E.164, extension digits, or lowercased SIP peer); null when empty. */
  from: string | null;
  to: string | null;
  /** True when the caller is hidden/anonymous (SPEC §3 missed_anonymous). */
  fromAnonymous: boolean;
  /** null when nothing tells whether it was answered. */
  answered: boolean | null;
  /** Seconds, ≥ 0; null when unknown. */
  durationS: number | null;
  manager: string;
  trackingNumber: string | null;
  channel: string;
  origin: Origin;
}

export interface InvoiceLine {
  /** Invoice number as trimmed text (leading zeros kept); null when the row has none. */
  number: string | null;
  date: Wall;
  client: string | null;
  clientId: string | null;
  amount: Cents;
  /** Line cost in cents (from cost, unit_cost × quantity, or amount − profit); null if unknown. */
  cost: Cents | null;
  manager: string;
  segment: string | null;
  status: string | null;
  /** Status is in `void_statuses`: understood but excluded from every metric. */
  void: boolean;
  paidAt: Wall | null;
  origin: Origin;
}
