/**
 * National numbering plans for the default countries (config `default_country`), just enough to
 * turn national notation into E.164: the country code, the trunk prefix dialled before national
 * numbers, the length of the national significant number (NSN), and international call prefixes.
 *
 * Supported: RU KZ BY UA US CA GB DE FR IT ES NL PL CH AT AM AZ KG MD LV EE. A plan that is
 * not certain is better left out: an unknown country fails config validation, while a wrong plan
 * would silently mis-link clients.
 */

export interface PhonePlan {
  /** Country calling code, digits only. */
  cc: string;
  /** Trunk prefix of national notation (`8` in Russia, `0` in most of Europe), '' when none. */
  trunk: string;
  /** Allowed NSN lengths, inclusive. */
  nsnMin: number;
  nsnMax: number;
  /** Digits an NSN may start with ('' = any but 0). Italy keeps the 0 of landlines in E.164. */
  nsnFirst: string;
  /** International call prefixes besides the universal `00`. */
  intl: readonly string[];
}

function plan(cc: string, trunk: string, nsnMin: number, nsnMax: number, intl: readonly string[] = [], nsnFirst = ''): PhonePlan {
  return { cc, trunk, nsnMin, nsnMax, nsnFirst, intl };
}

const RU = plan('7', '8', 10, 10, ['810'], '3456789');
const NANP = plan('1', '1', 10, 10, ['011'], '23456789');

/** Plans by ISO 3166-1 alpha-2 code. */
export const PHONE_PLANS: Readonly<Record<string, PhonePlan>> = {
  RU,
  KZ: RU,
  BY: plan('375', '80', 9, 9, ['810']),
  UA: plan('380', '0', 9, 9),
  US: NANP,
  CA: NANP,
  GB: plan('44', '0', 9, 10, []),
  DE: plan('49', '0', 6, 13),
  FR: plan('33', '0', 9, 9),
  IT: plan('39', '', 6, 11, [], '0123456789'),
  ES: plan('34', '', 9, 9),
  NL: plan('31', '0', 9, 9),
  PL: plan('48', '', 9, 9),
  CH: plan('41', '0', 9, 9),
  AT: plan('43', '0', 7, 13),
  AM: plan('374', '0', 8, 8),
  AZ: plan('994', '0', 9, 9),
  KG: plan('996', '0', 9, 9),
  MD: plan('373', '0', 8, 8),
  LV: plan('371', '', 8, 8),
  EE: plan('372', '', 7, 8),
};

/** The supported default countries, for config validation and docs. */
export const SUPPORTED_COUNTRIES: readonly string[] = Object.keys(PHONE_PLANS);

/** International digits (after `+`/`00`) that can be E.164: 7–15 digits, no leading 0. */
export function intlOk(digits: string): boolean {
  return digits.length >= 7 && digits.length <= 15 && digits.charCodeAt(0) !== 48;
}

/** `intlOk` of the digits `d[a, n)` (code units). */
export function intlOkAt(d: Uint8Array, a: number, n: number): boolean {
  return n - a >= 7 && n - a <= 15 && d[a] !== 48;
}

/** Whether the digits `d[a, n)` can be a national significant number under `p`. */
function nsnOkAt(p: PhonePlan, d: Uint8Array, a: number, n: number): boolean {
  if (n - a < p.nsnMin || n - a > p.nsnMax) return false;
  const first = d[a] as number;
  if (p.nsnFirst === '') return first !== 48;
  for (let i = 0; i < p.nsnFirst.length; i++) if (p.nsnFirst.charCodeAt(i) === first) return true;
  return false;
}

function startsWith(d: Uint8Array, n: number, prefix: string): boolean {
  if (prefix.length > n) return false;
  for (let i = 0; i < prefix.length; i++) if (d[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

/**
 * How digits written without `+` — the code units `d[0, n)` — read under plan `p`: their E.164
 * form is `+`, then the country code when `withCc`, then `d[at, n)`; returned as
 * `at · 2 + (withCc ? 1 : 0)`, or -1 when they fit no reading. Order: international prefix,
 * trunk + NSN, country code + NSN, bare NSN — so `89123456789` (RU) is the trunk form and
 * `8123456789` (10 digits, St Petersburg) the bare NSN. A reading thread builds the form from a
 * cell's digits with it, without strings (src/ingest/csv/cell-codes.ts).
 */
export function planSplit(p: PhonePlan, d: Uint8Array, n: number): number {
  for (let k = -1; k < p.intl.length; k++) {
    const prefix = k < 0 ? '00' : (p.intl[k] as string);
    if (startsWith(d, n, prefix)) return intlOkAt(d, prefix.length, n) ? prefix.length * 2 : -1;
  }
  const t = p.trunk.length;
  if (t > 0 && startsWith(d, n, p.trunk) && nsnOkAt(p, d, t, n)) return t * 2 + 1;
  if (startsWith(d, n, p.cc) && nsnOkAt(p, d, p.cc.length, n)) return 0;
  if (nsnOkAt(p, d, 0, n)) return 1;
  return -1;
}

/** More digits than any reading takes (an international prefix and 15 digits): no E.164 form. */
export const MAX_PLAN_DIGITS = 24;
const scratch = new Uint8Array(MAX_PLAN_DIGITS);

/** Digits written without `+` → E.164 (`+…`) under plan `p`, or null (see `planSplit`). */
export function nationalToE164(p: PhonePlan, digits: string): string | null {
  const n = digits.length;
  if (n > MAX_PLAN_DIGITS) return null;
  for (let i = 0; i < n; i++) scratch[i] = digits.charCodeAt(i);
  const k = planSplit(p, scratch, n);
  return k < 0 ? null : '+' + ((k & 1) === 1 ? p.cc : '') + digits.slice(k >> 1);
}
