/**
 * The three record kinds after normalization (SPEC §2). Values are parsed once: dates are
 * wall-clock in the configured zone (see src/period/types.ts), money is integer minor units
 * (cents/kopecks), phones are normalized. Every record knows where it came from.
 */
import { z } from 'zod';

export const KINDS = ['leads', 'calls', 'invoices'] as const;
export type Kind = (typeof KINDS)[number];

export const originSchema = z.object({
  file: z.string(),
  sheet: z.string().nullable(),
  line: z.number().int().positive(),
});
export type Origin = z.infer<typeof originSchema>;

/** Placeholders for empty group values (SPEC §2, SPEC-DECISIONS #31). */
export const NONE = '(none)';
export const UNATTRIBUTED = '(unattributed)';

const wall = z.number().int();
const cents = z.number().int();

export const leadSchema = z.object({
  id: z.string().nullable(),
  createdAt: wall,
  /** The raw source / UTM value, before channel rules. */
  channelRaw: z.string().nullable(),
  /** Channel name after rules; `(none)` when empty. */
  channel: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  client: z.string().nullable(),
  clientId: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** Manager after `managers` rules; `(none)` when empty. */
  manager: z.string(),
  segment: z.string(),
  status: z.string().nullable(),
  /** Won by status or by `won_at` (the invoice rule is applied later, when linking). */
  won: z.boolean(),
  wonAt: wall.nullable(),
  amount: cents.nullable(),
  /** Status is in `lead_exclude_statuses`: used, but in no lead metric. */
  excluded: z.boolean(),
  origin: originSchema,
});
export type Lead = z.infer<typeof leadSchema>;

export const callDirections = ['inbound', 'outbound', 'internal'] as const;
export type CallDirection = (typeof callDirections)[number];

export const callSchema = z.object({
  id: z.string().nullable(),
  startedAt: wall,
  /** The same moment as a UTC instant (ms), for elapsed-time windows across DST. */
  startedAtUtc: z.number().int(),
  direction: z.enum(callDirections),
  /** Normalized numbers (E.164, extension digits, or lowercased SIP peer); null when empty. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** True when the caller is hidden/anonymous (SPEC §3 missed_anonymous). */
  fromAnonymous: z.boolean(),
  /** null when nothing tells whether it was answered. */
  answered: z.boolean().nullable(),
  durationS: z.number().nonnegative().nullable(),
  manager: z.string(),
  trackingNumber: z.string().nullable(),
  channel: z.string(),
  origin: originSchema,
});
export type Call = z.infer<typeof callSchema>;

export const invoiceLineSchema = z.object({
  /** Invoice number as trimmed text (leading zeros kept); null when the row has none. */
  number: z.string().nullable(),
  date: wall,
  client: z.string().nullable(),
  clientId: z.string().nullable(),
  amount: cents,
  /** Line cost in cents (from cost, unit_cost × quantity, or amount − profit); null if unknown. */
  cost: cents.nullable(),
  manager: z.string(),
  segment: z.string().nullable(),
  status: z.string().nullable(),
  /** Status is in `void_statuses`: understood but excluded from every metric. */
  void: z.boolean(),
  paidAt: wall.nullable(),
  origin: originSchema,
});
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;
