/**
 * The normalizer of one input: the kind's row parser, compiled with the source's own vocabulary
 * (`direction_values`), null sentinels (`null_values`), date formats and decimal mark, writing
 * into the kind's record table.
 */
import type { Kind } from '../records/types.js';
import type { FileRef } from '../records/normalize/context.js';
import { LeadNormalizer, type LeadColumns } from '../records/normalize/lead.js';
import { CallNormalizer, type CallColumns } from '../records/normalize/call.js';
import { InvoiceNormalizer, type InvoiceColumns } from '../records/normalize/invoice.js';
import type { NormalizeSettings } from '../records/normalize/settings.js';
import { makeAnsweredReader, makeDirectionParser } from '../mapping/vocab.js';
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

/** Compile the normalizer of an input whose layout `setup` has worked out. */
export function makeNormalizer(kind: Kind, setup: TableSetup, base: NormalizeSettings, src: SourceConfig | null, ref: FileRef, stores: Stores): AnyNormalizer {
  // per-source vocabulary and null sentinels (config `direction_values`, `null_values`)
  const s: NormalizeSettings = {
    ...base,
    ...(src?.direction_values ? { direction: makeDirectionParser(src.direction_values) } : {}),
    ...(src?.null_values ? { isNull: makeNullTest(src.null_values) } : {}),
  };
  const cols = setup.mapping!.fields as Record<string, number>;
  const formats = dateFormats(src);
  const dec = src?.decimal_mark ?? null;
  if (kind === 'leads') return new LeadNormalizer(cols as LeadColumns, setup.headers, s, formats, dec, ref, stores.leads.table);
  if (kind === 'calls') {
    const read = setup.mapping!.answeredRead;
    return new CallNormalizer(cols as CallColumns, setup.headers, s, formats, ref, read ? makeAnsweredReader(read) : parseBool, stores.calls.table);
  }
  return new InvoiceNormalizer(cols as InvoiceColumns, setup.headers, s, formats, dec, ref, stores.invoices.table);
}

