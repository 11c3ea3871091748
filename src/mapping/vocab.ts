/**
 * Value vocabularies (EXPORT-FORMATS §5, SPEC §2, Decision #20): which statuses mean won, void,
 * answered or missed, and which words mean a call direction. The defaults are replaced, not
 * extended, by the config lists; every list is matched trimmed and case-insensitive (ё = е).
 */
import type { AnsweredRead } from './aliases/types.js';

/** Won deals/leads. `*` in an entry matches any text (`C*:WON` = Bitrix extra pipelines).
 *  Left out on purpose: conversion statuses (`Closed - Converted`, `Качественный лид`, Zoho
 *  `CONVERTED`) — EXPORT-FORMATS notes "converted ≠ sold", and a converted lead is counted
 *  through its deal. */
export const DEFAULT_WON_STATUSES: readonly string[] = [
  'won', 'closed won', 'closed - won', 'closedwon', 'Сделка успешна', 'Успешно реализовано',
  'Сделка заключена', 'C*:WON',
  // the plain words a script or a person writes
  'closed-won', 'success', 'successful', 'Успешно', 'Успех', 'Выиграна', 'Выиграно',
];

/** Void invoice lines: SPEC §2's list, plus Xero `DELETED` and `DRAFT` (never issued). */
export const DEFAULT_VOID_STATUSES: readonly string[] = [
  'cancelled', 'canceled', 'void', 'voided', 'отменен', 'отменён', 'отменена', 'аннулирован',
  'deleted', 'draft',
];

/** Answered calls: SPEC §2's list plus the telephony words of EXPORT-FORMATS §5. */
export const DEFAULT_ANSWERED_STATUSES: readonly string[] = [
  'ANSWERED', 'answered', 'отвечен', 'принят', 'ANSWER', 'ANSWERD', 'success', 'completed',
  'Accepted', 'Connected',
];

/** Statuses known to mean "not answered" — anything in neither list is unknown, not missed. */
export const DEFAULT_MISSED_STATUSES: readonly string[] = [
  'NO ANSWER', 'NOANSWER', 'NO ANSWERED', 'no-answer', 'missed', 'unanswered', 'not answered',
  'Пропущенный', 'Пропущен', 'Не отвечен', 'Занято', 'Нет ответа', 'Брошен', 'BUSY', 'Line Busy',
  'FAILED', 'CONGESTION', 'CHANUNAVAIL', 'CANCEL', 'canceled', 'cancelled', 'VOICEMAIL',
  'ABANDON', 'abandoned', 'Rejected',
];

/** Trim, lower-case, ё→е: the one comparison key of every vocabulary. */
export function vocabKey(s: string): string {
  return s.trim().toLowerCase().replaceAll('ё', 'е');
}

/** Memo caches are bounded so that a column of unique free text cannot grow them forever. */
const MEMO_LIMIT = 50_000;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matcher for a status list: trimmed, case-insensitive; `*` is a wildcard. */
export function makeStatusSet(list: readonly string[]): (s: string) => boolean {
  const exact = new Set<string>();
  const globs: RegExp[] = [];
  for (const item of list) {
    const k = vocabKey(item);
    if (k.includes('*')) globs.push(new RegExp('^' + k.split('*').map(escapeRegex).join('.*') + '$', 's'));
    else exact.add(k);
  }
  // Memoized on the raw text: a status column has few distinct values, and a hit costs no
  // trimming or lower-casing.
  const memo = new Map<string, boolean>();
  return (s) => {
    const hit = memo.get(s);
    if (hit !== undefined) return hit;
    const k = vocabKey(s);
    const r = exact.has(k) || globs.some((g) => g.test(k));
    if (memo.size < MEMO_LIMIT) memo.set(s, r);
    return r;
  };
}

export type Direction = 'inbound' | 'outbound' | 'internal';

const DIRECTION_WORDS: Readonly<Record<string, Direction>> = {
  in: 'inbound', inbound: 'inbound', incoming: 'inbound', входящий: 'inbound', входящие: 'inbound',
  out: 'outbound', outbound: 'outbound', outgoing: 'outbound', исходящий: 'outbound', исходящие: 'outbound',
  internal: 'internal', внутренний: 'internal', внутренние: 'internal',
};

/** Prefixes, checked after the exact words: `Inbound Queue` (3CX), `outbound-api` (Twilio),
 *  `Входящий звонок` (Sipuni parsers match substrings). `internal` is tested before `in…`. */
const DIRECTION_PREFIXES: readonly [string, Direction][] = [
  ['internal', 'internal'], ['внутр', 'internal'],
  ['inbound', 'inbound'], ['incoming', 'inbound'], ['вход', 'inbound'],
  ['outbound', 'outbound'], ['outgoing', 'outbound'], ['исх', 'outbound'],
];

/** Decision #20 (+ `direction_values` extension map): inbound/outbound/internal or null. */
export function makeDirectionParser(extra?: Readonly<Record<string, string>>): (s: string) => Direction | null {
  const words = new Map<string, Direction>(Object.entries(DIRECTION_WORDS));
  for (const [k, v] of Object.entries(extra ?? {})) {
    const d = vocabKey(v);
    if (d !== 'inbound' && d !== 'outbound' && d !== 'internal') {
      throw new Error(`direction_values: "${k}" → "${v}": expected inbound, outbound or internal`);
    }
    words.set(vocabKey(k), d); // the config's words win over the built-in ones
  }
  const memo = new Map<string, Direction | null>();
  return (s) => {
    const hit = memo.get(s);
    if (hit !== undefined) return hit;
    const k = vocabKey(s);
    let r: Direction | null = words.get(k) ?? null;
    if (r === null && k !== '') {
      for (const [p, d] of DIRECTION_PREFIXES) if (k.startsWith(p)) { r = d; break; }
    }
    if (memo.size < MEMO_LIMIT) memo.set(s, r);
    return r;
  };
}

const TRUE_WORDS = new Set(['yes', 'true', '1', 'да', 'y', 'д']);
const FALSE_WORDS = new Set(['no', 'false', '0', 'нет', 'n', 'н']);

/** An `answered`-style flag (Decision #20): yes/no, true/false, 1/0, да/нет; null otherwise. */
export function parseFlag(s: string): boolean | null {
  const k = vocabKey(s);
  if (TRUE_WORDS.has(k)) return true;
  if (FALSE_WORDS.has(k)) return false;
  return null;
}

/** A reader for an `answered` column, per how its alias says the values read. */
export function makeAnsweredReader(read: AnsweredRead): (s: string) => boolean | null {
  switch (read) {
    case 'flag':
      return parseFlag;
    case 'inverted':
      return (s) => {
        const f = parseFlag(s);
        return f === null ? null : !f;
      };
    case 'missed_if_filled':
      return (s) => s.trim() === '';
    case 'answered_if_filled':
      return (s) => {
        const t = s.trim();
        return t !== '' && t !== '0';
      };
  }
}
