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

function nsnOk(p: PhonePlan, nsn: string): boolean {
  if (nsn.length < p.nsnMin || nsn.length > p.nsnMax) return false;
  const first = nsn.charAt(0);
  return p.nsnFirst === '' ? first !== '0' : p.nsnFirst.includes(first);
}

/** International digits (after `+`/`00`) that can be E.164: 7–15 digits, no leading 0. */
export function intlOk(digits: string): boolean {
  return digits.length >= 7 && digits.length <= 15 && digits.charCodeAt(0) !== 48;
}

/**
 * Digits written without `+` → E.164 (`+…`) under plan `p`, or null when they fit no reading.
 * Order: international prefix, trunk + NSN, country code + NSN, bare NSN — so `89123456789`
 * (RU) is the trunk form and `8123456789` (10 digits, St Petersburg) the bare NSN.
 */
export function nationalToE164(p: PhonePlan, digits: string): string | null {
  for (const prefix of ['00', ...p.intl]) {
    if (digits.startsWith(prefix)) {
      const rest = digits.slice(prefix.length);
      return intlOk(rest) ? '+' + rest : null;
    }
  }
  if (p.trunk !== '' && digits.startsWith(p.trunk) && nsnOk(p, digits.slice(p.trunk.length))) {
    return '+' + p.cc + digits.slice(p.trunk.length);
  }
  if (digits.startsWith(p.cc) && nsnOk(p, digits.slice(p.cc.length))) return '+' + digits;
  if (nsnOk(p, digits)) return '+' + p.cc + digits;
  return null;
}
