/**
 * Config rules that turn raw group values into group names: `channels` (SPEC §2),
 * `tracking_numbers` (Decision #21) and `managers` (Decision #11d). Each compiled rule set is a
 * function memoized per distinct raw value — a million rows carry a few dozen sources — so each
 * regex runs once per distinct value, not once per row.
 */
import { NONE } from '../records/types.js';
import { usageError } from '../errors/kpi-error.js';

/** Rules see at most this many characters of a value: with the pattern shapes safe-regex allows
 *  (≤ 2 unbounded parts) matching stays well under a second even on a hostile 8 Mi-character cell. */
export const RULE_VALUE_LIMIT = 4096;

function bounded(raw: string): string {
  return raw.length > RULE_VALUE_LIMIT ? raw.slice(0, RULE_VALUE_LIMIT) : raw;
}
import { regexProblem } from './safe-regex.js';

export interface ChannelRule {
  /** JavaScript regex, case-insensitive, searched in the raw value. */
  match: string;
  /** New channel name; absent keeps the raw value. */
  channel?: string | null | undefined;
  /** Direction the match implies. */
  direction?: 'inbound' | 'outbound' | null | undefined;
}

export interface ManagerRule {
  match: string;
  name: string;
}

export interface ChannelResult {
  channel: string;
  direction: 'inbound' | 'outbound' | null;
}

const MEMO_LIMIT = 50_000;

/**
 * `f` memoized per distinct text in a Map of at most MEMO_LIMIT entries. Once the Map is full and
 * has answered fewer than half of the lookups, it is dropped and `f` runs directly: a column of
 * mostly distinct values (a call log's external numbers) would pay a hash and a miss per value.
 */
function memoized<T>(f: (raw: string) => T): (raw: string) => T {
  let memo: Map<string, T> | null = new Map<string, T>();
  let asked = 0;
  let found = 0;
  return (raw) => {
    if (memo === null) return f(raw);
    asked++;
    const hit = memo.get(raw);
    if (hit !== undefined) {
      found++;
      return hit;
    }
    const res = f(raw);
    if (memo.size < MEMO_LIMIT) memo.set(raw, res);
    else if (found * 2 < asked) memo = null;
    return res;
  };
}

const NONE_RESULT: ChannelResult = Object.freeze({ channel: NONE, direction: null }) as ChannelResult;

/** Compile a rule's pattern; a bad or unsafe one throws (the config loader reports it first). */
function compileRule(match: string): RegExp {
  const problem = regexProblem(match);
  if (problem) throw usageError(`rule "${match}": ${problem}`);
  return new RegExp(match, 'i');
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x2007 || c === 0x2009
    || c === 0x202f || c === 0x3000 || c === 0xfeff || c === 11 || c === 12;
}

/** Group names are trimmed and whitespace-collapsed, case kept (Decision #50). */
export function cleanGroupName(s: string | null): string {
  if (s === null) return NONE;
  if (s === '') return NONE;
  // already clean (no space at either end, none doubled, every one a plain space): the text
  // itself — a million distinct landing URLs were rebuilt character by character
  let clean = !isSpace(s.charCodeAt(0)) && !isSpace(s.charCodeAt(s.length - 1));
  for (let i = 1; clean && i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c) && (c !== 32 || s.charCodeAt(i - 1) === 32)) clean = false;
  }
  if (clean) return s;
  let out = '';
  let gap = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) { gap = out !== ''; continue; }
    if (gap) { out += ' '; gap = false; }
    out += s[i];
  }
  return out === '' ? NONE : out;
}

/** Default comparison key for tracking numbers: the digits only (`+7 495 123-45-67` = `74951234567`). */
function digitsOnly(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) out += s[i];
  }
  return out;
}

/** `channels` rules (SPEC §2): JS regex, case-insensitive, searched in the raw value, first match wins;
 *  `channel` renames, `direction` sets direction; unmapped passes through trimmed; empty → `(none)`.
 *  Memoized per distinct raw value (a Map). Same shape for `managers` (match → name), and
 *  `tracking_numbers` (exact normalized number → channel, checked before the rules).
 *  `normalizeNumber` makes tracking keys and values comparable; the default keeps digits only, so
 *  callers should pass numbers already normalized to one form (E.164). */
export function compileChannelRules(rules: readonly ChannelRule[], tracking?: Readonly<Record<string, string>>,
  normalizeNumber: (s: string) => string | null = digitsOnly): (raw: string | null) => ChannelResult {
  const compiled = rules.map((r) => ({ re: compileRule(r.match), channel: r.channel ?? null, direction: r.direction ?? null }));
  const track = new Map<string, string>();
  for (const [k, v] of Object.entries(tracking ?? {})) {
    const key = normalizeNumber(k);
    if (key) track.set(key, cleanGroupName(v));
  }
  const lookup = memoized((raw: string): ChannelResult => {
    const clean = cleanGroupName(raw);
    if (clean === NONE) return NONE_RESULT;
    if (track.size > 0) {
      const key = normalizeNumber(raw);
      const name = key ? track.get(key) : undefined;
      if (name !== undefined) return { channel: name, direction: null };
    }
    for (const r of compiled) {
      if (!r.re.test(bounded(raw))) continue;
      return { channel: r.channel === null ? clean : cleanGroupName(r.channel), direction: r.direction };
    }
    return { channel: clean, direction: null };
  });
  return (raw) => (raw === null ? NONE_RESULT : lookup(raw));
}

/** `managers` rules (Decision #11d): the first matching rule's `name`, else the cleaned raw value;
 *  empty → `(none)`. Applied to every kind's manager before grouping. */
export function compileManagerRules(rules: readonly ManagerRule[]): (raw: string | null) => string {
  const compiled = rules.map((r) => ({ re: compileRule(r.match), name: cleanGroupName(r.name) }));
  const lookup = memoized((raw: string): string => {
    const clean = cleanGroupName(raw);
    if (clean !== NONE) {
      for (const r of compiled) if (r.re.test(bounded(raw))) return r.name;
    }
    return clean;
  });
  return (raw) => (raw === null ? NONE : lookup(raw));
}

/** `internal_numbers` (SPEC §2): true when any pattern is found in the raw number. Memoized. */
export function compileInternalNumbers(patterns: readonly string[]): (raw: string | null) => boolean {
  const compiled = patterns.map(compileRule);
  const lookup = memoized((raw: string): boolean => {
    const text = bounded(raw);
    for (const re of compiled) if (re.test(text)) return true;
    return false;
  });
  return (raw) => raw !== null && compiled.length > 0 && lookup(raw);
}
