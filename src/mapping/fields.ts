/**
 * The canonical fields of each record kind (SPEC §2) and the rule for which of them a source
 * must provide. Column mappings, `columns:` config maps and kind detection all speak these names.
 */
import type { Kind } from '../records/types.js';

export type LeadField =
  | 'id' | 'created_at' | 'channel' | 'direction' | 'client' | 'client_id' | 'phone' | 'email'
  | 'manager' | 'segment' | 'status' | 'won_at' | 'amount';
export type CallField =
  | 'id' | 'started_at' | 'direction' | 'from' | 'to' | 'phone' | 'duration_s' | 'answered' | 'status'
  | 'manager' | 'tracking_number';
export type InvoiceField =
  | 'number' | 'date' | 'client' | 'client_id' | 'amount' | 'quantity' | 'unit_price' | 'cost'
  | 'unit_cost' | 'profit' | 'manager' | 'segment' | 'status' | 'paid_at';
export type Field = LeadField | CallField | InvoiceField;

/**
 * Columns a headerless profile can name that feed no record field: shown by `inspect` so the
 * user sees the whole layout (Asterisk `dcontext` → `context`).
 */
export type InfoField = 'context';

/**
 * The fields a row may take from the next column that fits when the first is empty
 * (EXPORT-FORMATS §1, §0.12: "client←Компания / Компания контакта / Полное имя контакта",
 * "channel←utm_source / Источник", "phone←any *телефон*"). Only a lead's: a call's client
 * number goes by direction, and an invoice's client is one column in every register known.
 */
export const FALLBACK_FIELDS: Readonly<Record<Kind, readonly Field[]>> = {
  leads: ['channel', 'client', 'phone', 'email'],
  calls: [],
  invoices: [],
};

/** Every field of each kind, in the order `inspect` and `init` list them. */
export const FIELDS: { leads: readonly LeadField[]; calls: readonly CallField[]; invoices: readonly InvoiceField[] } = {
  leads: ['id', 'created_at', 'channel', 'direction', 'client', 'client_id', 'phone', 'email', 'manager', 'segment', 'status', 'won_at', 'amount'],
  calls: ['id', 'started_at', 'direction', 'from', 'to', 'phone', 'duration_s', 'answered', 'status', 'manager', 'tracking_number'],
  invoices: ['number', 'date', 'client', 'client_id', 'amount', 'quantity', 'unit_price', 'cost', 'unit_cost', 'profit', 'manager', 'segment', 'status', 'paid_at'],
};

const FIELD_SETS: Record<Kind, ReadonlySet<string>> = {
  leads: new Set(FIELDS.leads),
  calls: new Set(FIELDS.calls),
  invoices: new Set(FIELDS.invoices),
};

/** True when `name` is a field of `kind` (config keys, `columns:` maps). */
export function isFieldOf(kind: Kind, name: string): name is Field {
  return FIELD_SETS[kind].has(name);
}

/**
 * Names of required fields missing from a mapping (invoice alternatives handled).
 * Leads need `created_at`; calls `started_at` (direction is checked by the pipeline, because a
 * rule may derive it); invoices `date`, one of `client`/`client_id`, and `amount` or both
 * `quantity` and `unit_price`. An unmet alternative is named as `client or client_id` /
 * `amount or quantity+unit_price`, which reads well in a "no column for …" message.
 */
export function missingRequired(kind: Kind, mapped: ReadonlySet<string>): string[] {
  const missing: string[] = [];
  switch (kind) {
    case 'leads':
      if (!mapped.has('created_at')) missing.push('created_at');
      break;
    case 'calls':
      if (!mapped.has('started_at')) missing.push('started_at');
      break;
    case 'invoices':
      if (!mapped.has('date')) missing.push('date');
      if (!mapped.has('client') && !mapped.has('client_id')) missing.push('client or client_id');
      if (!mapped.has('amount') && !(mapped.has('quantity') && mapped.has('unit_price'))) {
        missing.push('amount or quantity+unit_price');
      }
      break;
  }
  return missing;
}

/** Whether `field` is one a kind cannot do without (alone or as one of an alternative). */
export function isRequiredField(kind: Kind, field: string): boolean {
  switch (kind) {
    case 'leads':
      return field === 'created_at';
    case 'calls':
      return field === 'started_at';
    case 'invoices':
      return field === 'date' || field === 'client' || field === 'client_id' || field === 'amount'
        || field === 'quantity' || field === 'unit_price';
  }
}
