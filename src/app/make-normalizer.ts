/**
 * The normalizer of one input: the kind's row parser, compiled with the source's own vocabulary
 * (`direction_values`), null sentinels (`null_values`), date formats and decimal mark, writing
 * into the kind's record table.
 */
import type { Kind } from '../records/types.js';
import type { FileRef } from '../records/normalize/context.js';
import { LeadNormalizer, type LeadColumns, type LeadFallbacks } from '../records/normalize/lead.js';
import { CallNormalizer, type CallColumns } from '../records/normalize/call.js';
import { InvoiceNormalizer, type InvoiceColumns } from '../records/normalize/invoice.js';
import type { NormalizeSettings } from '../records/normalize/settings.js';
import { makeAnsweredReader, makeDirectionParser } from '../mapping/vocab.js';
import { cdrColumnName } from '../mapping/profiles.js';
import { makeNullTest } from '../values/nulls.js';
import { parseBool } from '../values/bool.js';
import type { SourceConfig } from './config-types.js';
import type { TableSetup } from './table-setup.js';
import type { Stores } from './merge-store.js';

/** Any kind's normalizer. */
export type AnyNormalizer = LeadNormalizer | CallNormalizer | InvoiceNormalizer;

function dateFormats(src: SourceConfig | null): (field: string) => readonly string[] | null {
  const df = src?.date_format ?? null;
  if (df === null) return () => null;
  if (typeof df === 'string') return () => [df];
  if (Array.isArray(df)) return () => df;
  return (field) => {
    const v = df[field];
    return v === undefined ? null : typeof v === 'string' ? [v] : v;
  };
}

/**
 * The column names messages use. A headerless file has none, so a message said `column "#2" (2)`;
 * it now names the column as the profile knows it (`src`, `disposition`, `uniqueid`) or as the
 * field a `columns:` map gave it (`started_at`). A moment read from a date and a time column is
 * named by both (`Дата + Время`).
 */
function columnNames(setup: TableSetup): readonly string[] | null {
  const split = setup.mapping?.split;
  if (setup.headers !== null && split !== undefined) {
    // a moment read from a date column and a time column: messages name both
    const names = setup.headers.slice();
    names[split.date] = `${names[split.date]} + ${names[split.time]}`;
    return names;
  }
  if (setup.headers !== null || setup.mapping === null) return setup.headers;
  const names: string[] = [];
  for (const [field, i] of Object.entries(setup.mapping.fields as Record<string, number>)) {
    names[i] = setup.profile === null ? field : cdrColumnName(field, i);
  }
  return Array.from(names, (n) => n ?? '');
}

/** Compile the normalizer of an input whose layout `setup` has worked out. */
export function makeNormalizer(kind: Kind, setup: TableSetup, base: NormalizeSettings, src: SourceConfig | null, ref: FileRef, stores: Stores): AnyNormalizer {
  // per-source vocabulary and null sentinels (config `direction_values`, `null_values`)
  const s: NormalizeSettings = {
    ...base,
    ...(src?.direction_values ? { direction: makeDirectionParser(src.direction_values) } : {}),
    ...(src?.null_values ? { isNull: makeNullTest(src.null_values), nullValues: src.null_values } : {}),
  };
  const cols = setup.mapping!.fields as Record<string, number>;
  const formats = dateFormats(src);
  const dec = src?.decimal_mark ?? null;
  const headers = columnNames(setup);
  if (kind === 'leads') return new LeadNormalizer(cols as LeadColumns, headers, s, formats, dec, ref, stores.leads.table, setup.mapping!.fallbacks as LeadFallbacks | undefined);
  if (kind === 'calls') {
    const m = setup.mapping!;
    const read = m.answeredRead;
    const tracking = { ...(m.directionRead ? { directionRead: m.directionRead } : {}), ...(m.inboundOnly ? { inboundOnly: m.inboundOnly } : {}) };
    return new CallNormalizer(cols as CallColumns, headers, s, formats, ref, read ? makeAnsweredReader(read) : parseBool, stores.calls.table, tracking);
  }
  return new InvoiceNormalizer(cols as InvoiceColumns, headers, s, formats, dec, ref, stores.invoices.table);
}

