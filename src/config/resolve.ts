/**
 * Defaults (SPEC §2, §7 and SPEC-DECISIONS) and the step from a validated config to a
 * `ResolvedConfig` with every key filled, so no consumer repeats a default.
 */
import { DEFAULT_ANSWERED_STATUSES, DEFAULT_VOID_STATUSES, DEFAULT_WON_STATUSES } from '../mapping/vocab.js';
import { dateFormatAlternatives } from '../values/dates.js';
import type { Config, ResolvedConfig, ResolvedSource, SourceInput } from './schema.js';

/** SPEC §2: "no value" in id, date, number, phone and client fields (Decision #54 widens it). */
export const DEFAULT_NULL_VALUES: readonly string[] = ['NULL', 'NA', 'N/A', '#N/A', '-', ''];
export const DEFAULT_CONVERSION_WINDOW_DAYS = 90;
export const DEFAULT_CALLBACK_WINDOW_HOURS = 24;

/** The configuration used when there is no config file. */
export function defaultConfig(): ResolvedConfig {
  return {
    timezone: null,
    // SPEC §7's example value: the product's users are Russian small B2B (SPEC §1), whose
    // `8 (912) …` numbers need a country to become E.164. Other users set it.
    default_country: 'RU',
    week_start: 'monday',
    // Overrides #45: English whatever the locale, unless `--lang`/`lang:` says otherwise.
    lang: 'en',
    currency: null,
    sources: [],
    channels: [],
    managers: [],
    tracking_numbers: {},
    won_statuses: [...DEFAULT_WON_STATUSES],
    void_statuses: [...DEFAULT_VOID_STATUSES],
    answered_statuses: [...DEFAULT_ANSWERED_STATUSES],
    lead_exclude_statuses: [],
    null_values: [...DEFAULT_NULL_VALUES],
    conversion_window_days: DEFAULT_CONVERSION_WINDOW_DAYS,
    callback_window_hours: DEFAULT_CALLBACK_WINDOW_HOURS,
    internal_numbers: [],
    targets: [],
  };
}

function list(v: string | string[]): string[] {
  return Array.isArray(v) ? v : [v];
}

/** A `date_format` value (one text or a list, source-level or per field) as its patterns:
 *  `A | B` is two of them in either place (`kpi init` writes a field's detected `A | B`). */
function datePatterns(v: string | string[]): string[] {
  return list(v).flatMap(dateFormatAlternatives);
}

function resolveSource(s: SourceInput): ResolvedSource {
  let dateFormat: ResolvedSource['date_format'] = null;
  if (s.date_format !== undefined) {
    if (typeof s.date_format === 'string' || Array.isArray(s.date_format)) dateFormat = datePatterns(s.date_format);
    else dateFormat = Object.fromEntries(Object.entries(s.date_format).map(([k, v]) => [k, datePatterns(v)]));
  }
  const enc = s.encoding === undefined || s.encoding.toLowerCase() === 'auto' ? null : s.encoding;
  const delim = s.delimiter === undefined || s.delimiter === 'auto' ? null : s.delimiter === 'tab' ? '\t' : s.delimiter;
  return {
    kind: s.kind,
    files: list(s.files),
    encoding: enc,
    delimiter: delim,
    header_row: s.header_row ?? 'auto',
    sheet: s.sheet ?? null,
    date_format: dateFormat,
    decimal_mark: s.decimal_mark === undefined || s.decimal_mark === 'auto' ? null : s.decimal_mark,
    columns: s.columns ?? null,
    profile: s.profile ?? null,
    direction_values: s.direction_values ?? null,
    null_values: s.null_values ?? null,
  };
}

/** Fill every default. A list given in the config replaces the default list (SPEC §7). */
export function resolveConfig(c: Config): ResolvedConfig {
  const d = defaultConfig();
  return {
    timezone: c.timezone ?? d.timezone,
    default_country: c.default_country ?? d.default_country,
    week_start: c.week_start ?? d.week_start,
    lang: c.lang ?? d.lang,
    currency: c.currency ?? d.currency,
    sources: (c.sources ?? []).map(resolveSource),
    channels: (c.channels ?? []).map((r) => ({ match: r.match, channel: r.channel ?? null, direction: r.direction ?? null })),
    managers: c.managers ?? [],
    tracking_numbers: c.tracking_numbers ?? {},
    won_statuses: c.won_statuses ?? d.won_statuses,
    void_statuses: c.void_statuses ?? d.void_statuses,
    answered_statuses: c.answered_statuses ?? d.answered_statuses,
    lead_exclude_statuses: c.lead_exclude_statuses ?? d.lead_exclude_statuses,
    null_values: c.null_values ?? d.null_values,
    conversion_window_days: c.conversion_window_days ?? d.conversion_window_days,
    callback_window_hours: c.callback_window_hours ?? d.callback_window_hours,
    internal_numbers: c.internal_numbers ?? d.internal_numbers,
    targets: (c.targets ?? []).map((t) => ({
      metric: t.metric, per: t.per ?? null, interval: t.interval ?? null, min: t.min ?? null, max: t.max ?? null,
    })),
  };
}

/** The date patterns a source declares for one date field, or null (detect). */
export function dateFormatsFor(source: ResolvedSource, field: string): string[] | null {
  const df = source.date_format;
  if (df === null) return null;
  if (Array.isArray(df)) return df;
  return df[field] ?? null;
}
