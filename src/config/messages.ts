/**
 * Turns zod issues into messages that name the key path, the value found and what was expected
 * (SPEC §7 "errors point at the key", Decision #42), e.g.
 * `sources[0].colums: unknown key; did you mean "columns"?`.
 */
import type { z } from 'zod';
import { OBJECT_KEYS } from './schema.js';
import { closest } from './did-you-mean.js';

type Path = readonly PropertyKey[];

/** `['sources', 0, 'colums']` → `sources[0].colums`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out === '' ? '(top level)' : out;
}

/** Maps whose keys are user data: their keys show as `*` in a path pattern. */
const MAP_KEYS = new Set(['columns', 'date_format', 'direction_values', 'tracking_numbers']);

/** `['sources', 0, 'columns', 'created_at']` → `sources[].columns.*`. */
function pattern(path: Path): string {
  let out = '';
  let prev: PropertyKey | null = null;
  for (const seg of path) {
    if (typeof seg === 'number') out += '[]';
    else if (prev !== null && typeof prev === 'string' && MAP_KEYS.has(prev)) out += '.*';
    else out += out === '' ? String(seg) : `.${String(seg)}`;
    prev = seg;
  }
  return out;
}

const STATUSES = 'a list of status texts';
/** What each key expects, in words. */
const EXPECTED: Readonly<Record<string, string>> = {
  '': 'a map of settings',
  timezone: 'an IANA time zone such as Europe/Moscow',
  default_country: 'a two-letter country code such as RU',
  week_start: 'monday, sunday or saturday',
  lang: 'en or ru',
  currency: 'a currency mark or code such as ₽ or RUB (at most 8 characters)',
  sources: 'a list of sources {kind, files, …}',
  'sources[]': 'a source {kind, files, …}',
  'sources[].kind': 'leads, calls or invoices',
  'sources[].files': 'a file path or glob, or a list of them',
  'sources[].encoding': 'auto or an encoding name such as utf-8, windows-1251, utf-16le',
  'sources[].delimiter': 'auto, tab, or one character such as ";" or ","',
  'sources[].header_row': 'auto, none, or the 1-based row number of the header',
  'sources[].sheet': 'a sheet name',
  'sources[].date_format': 'a date pattern such as dd.MM.yyyy, a list of them, or a map {field: pattern}',
  'sources[].date_format[]': 'a date pattern such as dd.MM.yyyy',
  'sources[].date_format.*': 'a date pattern or a list of them',
  'sources[].date_format.*[]': 'a date pattern such as dd.MM.yyyy',
  'sources[].decimal_mark': '"," or "." (or auto)',
  'sources[].columns': 'a map {field: header text or 1-based column number}',
  'sources[].columns.*': 'a header text or a 1-based column number (for a lead\'s channel, client, phone or email, a list of them: the next is read where the first is empty)',
  'sources[].columns.*[]': 'a header text or a 1-based column number',
  'sources[].profile': 'asterisk-cdr',
  'sources[].direction_values': 'a map {value: inbound, outbound or internal}',
  'sources[].direction_values.*': 'inbound, outbound or internal',
  'sources[].null_values': 'a list of texts',
  channels: 'a list of rules {match, channel, direction}',
  'channels[]': 'a rule {match, channel, direction}',
  'channels[].match': 'a regular expression (text)',
  'channels[].channel': 'a channel name',
  'channels[].direction': 'inbound or outbound',
  managers: 'a list of rules {match, name}',
  'managers[]': 'a rule {match, name}',
  'managers[].match': 'a regular expression (text)',
  'managers[].name': 'a manager name',
  tracking_numbers: 'a map {phone number: channel name}',
  'tracking_numbers.*': 'a channel name',
  won_statuses: STATUSES,
  void_statuses: STATUSES,
  answered_statuses: STATUSES,
  lead_exclude_statuses: STATUSES,
  null_values: 'a list of texts',
  conversion_window_days: 'a whole number of days, 0 or more',
  callback_window_hours: 'a number of hours above 0',
  internal_numbers: 'a list of regular expressions',
  'internal_numbers[]': 'a regular expression (text)',
  targets: 'a list of targets {metric, per, interval, min, max}',
  'targets[]': 'a target {metric, per, interval, min, max}',
  'targets[].metric': 'a metric id such as calls_outbound',
  'targets[].per': 'channel, manager or segment',
  'targets[].interval': 'day, week, month, quarter or year',
  'targets[].min': 'a number',
  'targets[].max': 'a number',
};

/** Keys allowed in the object at `path`, for "did you mean". */
function allowedKeys(path: Path): readonly string[] {
  const p = pattern(path);
  if (p === '') return OBJECT_KEYS.top;
  if (p === 'sources[]') return OBJECT_KEYS.source;
  if (p === 'channels[]') return OBJECT_KEYS.channel;
  if (p === 'managers[]') return OBJECT_KEYS.manager;
  if (p === 'targets[]') return OBJECT_KEYS.target;
  return [];
}

function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

/** A value as the user wrote it, shortened. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  // JSON has no Infinity or NaN (YAML `1e400`, `.inf`, `.nan`): it would print them as null
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** One line per problem: `path: what is wrong`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], root: unknown): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(issue.path);
      for (const key of issue.keys) {
        const near = closest(key, allowed);
        const where = formatPath([...issue.path, key]);
        lines.push(near
          ? `${where}: unknown key; did you mean "${near}"?`
          : `${where}: unknown key${allowed.length ? ` (allowed here: ${allowed.join(', ')})` : ''}`);
      }
      continue;
    }
    const where = formatPath(issue.path);
    // A bare `.refine()` leaves zod's generic text; our own checks carry a full message.
    if (issue.code === 'custom' && issue.message !== 'Invalid input') {
      lines.push(`${where}: ${issue.message}`);
      continue;
    }
    const value = valueAt(root, issue.path);
    const expected = EXPECTED[pattern(issue.path)] ?? issue.message;
    lines.push(value === undefined
      ? `${where}: missing; expected ${expected}`
      : `${where}: found ${showValue(value)}, expected ${expected}`);
  }
  return lines;
}
