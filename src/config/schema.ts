/**
 * The config file's schema (SPEC §7 plus the keys SPEC-DECISIONS add), validated with zod 4.
 * Every object is strict (Decision #42): a typo is an error at its key path, never ignored.
 * Cross-key rules that need a source's `kind` (column fields, date fields) run in `superRefine`
 * and report at the exact offending key.
 */
import { z } from 'zod';
import { iconv } from '../ingest/csv/iconv.js';
import type { Kind } from '../records/types.js';
import type { WeekStart, Interval } from '../period/types.js';
import { FALLBACK_FIELDS, FIELDS, type Field } from '../mapping/fields.js';
import { PROFILES, type ProfileName } from '../mapping/profiles.js';
import { regexProblem } from '../mapping/safe-regex.js';
import type { ChannelRule, ManagerRule } from '../mapping/rules.js';
import { validateDateFormat } from '../values/dates.js';
import { isValidTimeZone } from '../values/timezone.js';
import { suggest } from './did-you-mean.js';

/** Fields that hold dates, per kind: the only keys a `date_format` map may name. */
export const DATE_FIELDS: { readonly [K in Kind]: readonly Field[] } = {
  leads: ['created_at', 'won_at'],
  calls: ['started_at'],
  invoices: ['date', 'paid_at'],
};

/** Text that YAML may have read as a number (`won_statuses: [142]`, `sheet: 2024`). */
const text = z.union([z.string(), z.number()]).transform((v) => String(v));
/** A list, or one item standing for a one-item list (`won_statuses: Успешно реализовано`). */
const textList = z.union([z.array(text), text.transform((v) => [v])]);

const regex = z.string().superRefine((s, ctx) => {
  const problem = regexProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: `found ${JSON.stringify(s)}: ${problem}` });
});

const datePattern = z.string().superRefine((s, ctx) => {
  const problem = validateDateFormat(s);
  if (problem) ctx.addIssue({ code: 'custom', message: `found ${JSON.stringify(s)}: ${problem}` });
});
const datePatterns = z.union([datePattern, z.array(datePattern).min(1)]);

const channelRule = z.strictObject({
  match: regex,
  channel: text.optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
});

const managerRule = z.strictObject({ match: regex, name: text });

const target = z.strictObject({
  metric: z.string().regex(/^[a-z][a-z0-9_]*$/),
  per: z.enum(['channel', 'manager', 'segment']).optional(),
  interval: z.enum(['day', 'week', 'month', 'quarter', 'year']).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
}).superRefine((t, ctx) => {
  if (t.min === undefined && t.max === undefined) {
    ctx.addIssue({ code: 'custom', message: 'a target needs `min:` or `max:` (or both)' });
  } else if (t.min !== undefined && t.max !== undefined && t.min > t.max) {
    ctx.addIssue({ code: 'custom', path: ['min'], message: `min ${t.min} is above max ${t.max}` });
  }
});

const encoding = z.string().superRefine((s, ctx) => {
  // `utf-8-bom` is what inspect shows for UTF-8 with a BOM (and what `kpi init` writes)
  if (s.toLowerCase() !== 'auto' && s.toLowerCase() !== 'utf-8-bom' && !iconv().encodingExists(s)) {
    ctx.addIssue({ code: 'custom', message: `found ${JSON.stringify(s)}: not an encoding iconv-lite knows; e.g. utf-8, windows-1251, utf-16le, cp866, koi8-r` });
  }
});

const delimiter = z.string().refine((s) => s === 'auto' || s === 'tab' || (s.length === 1 && !'"\r\n'.includes(s)));

const headerRow = z.union([z.literal('auto'), z.literal('none'), z.number().int().min(1)]);

const columnSpec = z.union([z.string().min(1), z.number().int().min(1)]);

const source = z.strictObject({
  kind: z.enum(['leads', 'calls', 'invoices']),
  files: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  encoding: encoding.optional(),
  delimiter: delimiter.optional(),
  header_row: headerRow.optional(),
  sheet: text.optional(),
  date_format: z.union([datePatterns, z.record(z.string(), datePatterns)]).optional(),
  decimal_mark: z.enum([',', '.', 'auto']).optional(),
  // a field's column, or a list of them read in turn where the first is empty (FALLBACK_FIELDS)
  columns: z.record(z.string(), z.union([columnSpec, z.array(columnSpec).min(1)])).optional(),
  profile: z.enum(PROFILES).optional(),
  direction_values: z.record(z.string(), z.enum(['inbound', 'outbound', 'internal'])).optional(),
  null_values: textList.optional(),
}).superRefine((s, ctx) => {
  const fields: readonly string[] = FIELDS[s.kind];
  for (const key of Object.keys(s.columns ?? {})) {
    if (!fields.includes(key)) {
      ctx.addIssue({ code: 'custom', path: ['columns', key], message: `not a field of ${s.kind}${suggest(key, fields)} (fields: ${fields.join(', ')})` });
    } else if (s.header_row === 'none' && [s.columns?.[key]].flat().some((c) => typeof c === 'string')) {
      ctx.addIssue({ code: 'custom', path: ['columns', key], message: `found ${JSON.stringify(s.columns?.[key])}: with header_row: none there are no headers; give the 1-based column number` });
    } else if (Array.isArray(s.columns?.[key]) && (s.columns[key] as unknown[]).length > 1 && !(FALLBACK_FIELDS[s.kind] as readonly string[]).includes(key)) {
      const can = FALLBACK_FIELDS[s.kind];
      ctx.addIssue({ code: 'custom', path: ['columns', key], message: `a list of columns is read only for ${can.length ? can.join(', ') : 'no field'} of ${s.kind} (the next where the first is empty); name one column for ${key}` });
    }
  }
  if (s.date_format && typeof s.date_format === 'object' && !Array.isArray(s.date_format)) {
    const dates: readonly string[] = DATE_FIELDS[s.kind];
    for (const key of Object.keys(s.date_format)) {
      if (!dates.includes(key)) {
        ctx.addIssue({ code: 'custom', path: ['date_format', key], message: `not a date field of ${s.kind}${suggest(key, dates)} (date fields: ${dates.join(', ')})` });
      }
    }
  }
  if (s.header_row === 'none' && !s.profile && !s.columns) {
    ctx.addIssue({ code: 'custom', path: ['header_row'], message: 'header_row: none needs `profile:` or a `columns:` map of 1-based column numbers (Decision #18)' });
  }
  if (s.profile && s.kind !== 'calls') {
    ctx.addIssue({ code: 'custom', path: ['profile'], message: `profile ${s.profile} is a call-log layout, but this source is kind: ${s.kind}` });
  }
  if (s.profile && s.columns) {
    ctx.addIssue({ code: 'custom', path: ['profile'], message: 'give either `profile:` or `columns:`, not both' });
  }
  if (s.direction_values && s.kind === 'invoices') {
    ctx.addIssue({ code: 'custom', path: ['direction_values'], message: 'invoices have no direction' });
  }
});

export const configSchema = z.strictObject({
  timezone: z.string().refine(isValidTimeZone).optional(),
  default_country: z.string().regex(/^[A-Za-z]{2}$/).transform((s) => s.toUpperCase()).optional(),
  week_start: z.enum(['monday', 'sunday', 'saturday']).optional(),
  lang: z.enum(['en', 'ru']).optional(),
  currency: z.string().min(1).max(8).optional(),
  sources: z.array(source).optional(),
  channels: z.array(channelRule).optional(),
  managers: z.array(managerRule).optional(),
  tracking_numbers: z.record(z.string(), text).optional(),
  won_statuses: textList.optional(),
  void_statuses: textList.optional(),
  answered_statuses: textList.optional(),
  lead_exclude_statuses: textList.optional(),
  null_values: textList.optional(),
  conversion_window_days: z.number().int().min(0).optional(),
  callback_window_hours: z.number().positive().optional(),
  internal_numbers: z.union([z.array(regex), regex.transform((v) => [v])]).optional(),
  targets: z.array(target).optional(),
});

/** The config as validated, before defaults. */
export type Config = z.output<typeof configSchema>;
export type SourceInput = z.output<typeof source>;

/** Keys allowed in each kind of object, for "did you mean" (derived from the schema). */
export const OBJECT_KEYS = {
  top: Object.keys(configSchema.shape),
  source: Object.keys(source.shape),
  channel: Object.keys(channelRule.shape),
  manager: Object.keys(managerRule.shape),
  target: Object.keys(target.shape),
} as const;

export interface Target {
  metric: string;
  per: 'channel' | 'manager' | 'segment' | null;
  interval: Interval | null;
  min: number | null;
  max: number | null;
}

/** One input source with its defaults filled. `null` means "detect" (or, for null_values,
 *  "use the top-level list"). */
export interface ResolvedSource {
  kind: Kind;
  files: string[];
  encoding: string | null;
  /** One character; `tab` is resolved to `\t`. */
  delimiter: string | null;
  header_row: 'auto' | 'none' | number;
  sheet: string | null;
  /** Patterns for every date column, or per date field; null = detect per column. */
  date_format: string[] | Record<string, string[]> | null;
  decimal_mark: ',' | '.' | null;
  /** field → header text or 1-based column number, or a list of them; null = match by aliases. */
  columns: Record<string, string | number | (string | number)[]> | null;
  profile: ProfileName | null;
  direction_values: Record<string, 'inbound' | 'outbound' | 'internal'> | null;
  null_values: string[] | null;
}

/** The config with every key's default filled. */
export interface ResolvedConfig {
  /** IANA zone; null = the `TZ` environment variable, else the system zone (Decision #14). */
  timezone: string | null;
  /** ISO 3166 alpha-2, upper case, for numbers written without a country code. */
  default_country: string;
  week_start: WeekStart;
  lang: 'en' | 'ru';
  currency: string | null;
  sources: ResolvedSource[];
  channels: ChannelRule[];
  managers: ManagerRule[];
  tracking_numbers: Record<string, string>;
  won_statuses: string[];
  void_statuses: string[];
  answered_statuses: string[];
  lead_exclude_statuses: string[];
  null_values: string[];
  conversion_window_days: number;
  callback_window_hours: number;
  internal_numbers: string[];
  targets: Target[];
}
