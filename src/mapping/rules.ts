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
  const memo = new Map<string, ChannelResult>();
  return (raw) => {
    if (raw === null) return NONE_RESULT;
    const hit = memo.get(raw);
    if (hit) return hit;
    let res: ChannelResult | null = null;
    if (cleanGroupName(raw) === NONE) res = NONE_RESULT;
    if (!res && track.size > 0) {
      const key = normalizeNumber(raw);
      const name = key ? track.get(key) : undefined;
      if (name !== undefined) res = { channel: name, direction: null };
    }
    if (!res) {
      for (const r of compiled) {
        if (!r.re.test(bounded(raw))) continue;
        res = { channel: cleanGroupName(r.channel ?? raw), direction: r.direction };
        break;
      }
    }
    res ??= { channel: cleanGroupName(raw), direction: null };
    if (memo.size < MEMO_LIMIT) memo.set(raw, res);
    return res;
  };
}

/** `managers` rules (Decision #11d): the first matching rule's `name`, else the cleaned raw value;
 *  empty → `(none)`. Applied to every kind's manager before grouping. */
export function compileManagerRules(rules: readonly ManagerRule[]): (raw: string | null) => string {
  const compiled = rules.map((r) => ({ re: compileRule(r.match), name: cleanGroupName(r.name) }));
  const memo = new Map<string, string>();
  return (raw) => {
    if (raw === null) return NONE;
    const hit = memo.get(raw);
    if (hit !== undefined) return hit;
    const clean = cleanGroupName(raw);
    let res = clean;
    if (clean !== NONE) {
      for (const r of compiled) if (r.re.test(bounded(raw))) { res = r.name; break; }
    }
    if (memo.size < MEMO_LIMIT) memo.set(raw, res);
    return res;
  };
}

/** `internal_numbers` (SPEC §2): true when any pattern is found in the raw number. Memoized. */
export function compileInternalNumbers(patterns: readonly string[]): (raw: string | null) => boolean {
  const compiled = patterns.map(compileRule);
  const memo = new Map<string, boolean>();
  return (raw) => {
    if (raw === null || compiled.length === 0) return false;
    const hit = memo.get(raw);
    if (hit !== undefined) return hit;
    const res = compiled.some((re) => re.test(bounded(raw)));
    if (memo.size < MEMO_LIMIT) memo.set(raw, res);
    return res;
  };
}
