/**
 * Phone normalization (SPEC §2, SPEC-DECISIONS #56): every way a number is written becomes one
 * comparable form, so a missed call, its callback and a lead's phone meet.
 *
 *   e164       `8 (912) 345-67-89`, `+7 912 3456789`, `79123456789`, `9123456789` (RU) → `+79123456789`
 *   ext        ≤ 6 digits: an internal extension, kept as digits (`101`)
 *   sip        text with letters, e.g. an Asterisk peer `client1` or `PJSIP/101` → lowercased
 *   anonymous  empty, no digits, `Anonymous`, `Unknown`, `Private`, `Restricted`, `Withheld`,
 *              `Unavailable`, `Скрыт…`, `Неизвест…`, `Аноним…` → value null
 *   invalid    anything else with digits → the digits (the caller warns `phone_invalid`)
 *
 * A cell of several numbers (`+7 495 100-00-01, +7 916 200-00-01`) is its first one.
 * Wrappers are peeled first: an Asterisk clid `"User 9" <113>` gives `113`, a SIP URI
 * `sip:101@pbx` gives `101`, a 3CX `Name (101)` gives `101`, and an extension suffix
 * (`+7 912 345-67-89 доб. 12`, `ext. 12`, `x12`) is dropped — the line is what calls are matched on.
 */
import { intlOk, nationalToE164, PHONE_PLANS, type PhonePlan } from './phone-plans.js';
import { hasLetter } from './letters.js';

export { SUPPORTED_COUNTRIES } from './phone-plans.js';

export type PhoneKind = 'e164' | 'ext' | 'sip' | 'invalid' | 'anonymous';

const ANONYMOUS = ['anonymous', 'anonym', 'unknown', 'private', 'restricted', 'withheld', 'unavailable', 'скрыт', 'неизвест', 'аноним'];
const EXT_SUFFIX = /^(.*\d)[\s,;]*(?:ext|доб|вн|x|#)\.?\s*\d{1,6}$/i;

function anonymous(): { kind: PhoneKind; value: string | null } {
  return { kind: 'anonymous', value: null };
}

function planOf(country: string): PhonePlan | null {
  return PHONE_PLANS[country] ?? PHONE_PLANS[country.toUpperCase()] ?? null;
}

const SEVERAL = /[,;\n\r]/;

/**
 * Several numbers in one cell — Bitrix joins a contact's phones with `, `, amoCRM importers split
 * on `, ; ` and line breaks (EXPORT-FORMATS §0.12) — are the first one: its digits glued to the
 * next number's were an invalid 22-digit phone. A part without a digit is skipped; an Asterisk
 * clid (`"Ivanov, Ivan" <113>`) is left whole for `unwrap`.
 */
function firstOfSeveral(s: string): string {
  if (s.includes('<')) return s;
  let from = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 44;
    if (c !== 44 && c !== 59 && c !== 10 && c !== 13) continue;
    const part = s.slice(from, i);
    if (/\d/.test(part)) return part.trim();
    from = i + 1;
  }
  return s;
}

/** Peel the wrappers that carry a number inside text (see the module comment). */
function unwrap(s: string): string {
  const gt = s.lastIndexOf('>');
  const lt = gt > 0 ? s.lastIndexOf('<', gt) : -1;
  if (lt >= 0) s = s.slice(lt + 1, gt).trim();
  const low = s.charCodeAt(0) | 32;
  if ((low === 115 || low === 116) && /^(sips?|tel):/i.test(s)) {
    s = s.slice(s.indexOf(':') + 1);
    const at = s.indexOf('@');
    if (at >= 0) s = s.slice(0, at);
  }
  if (s.endsWith(')') && hasLetter(s)) {
    const open = s.lastIndexOf('(');
    const inner = s.slice(open + 1, -1).trim();
    if (open >= 0 && inner !== '' && !hasLetter(inner)) s = inner;
  }
  return s;
}

/**
 * Normalize one phone cell under `defaultCountry`, an ISO code. For a country outside
 * {@link SUPPORTED_COUNTRIES} only international forms (`+…`, `00…`) become E.164 and national
 * ones are `invalid` (so each raises a visible `phone_invalid`): config validation should check
 * the code against the list.
 */
export function normalizePhone(raw: string, defaultCountry: string): { kind: PhoneKind; value: string | null } {
  const plan = planOf(defaultCountry);
  let s = raw.trim();
  if (s === '') return anonymous();
  if (SEVERAL.test(s)) s = firstOfSeveral(s);
  if (hasLetter(s) || s.includes('<') || s.includes('#')) {
    s = unwrap(s);
    const lower = s.toLowerCase();
    if (ANONYMOUS.some((w) => lower.startsWith(w)) || lower.includes('скрыт')) return anonymous();
    const ext = EXT_SUFFIX.exec(s);
    if (ext !== null) s = ext[1] as string;
    if (hasLetter(s)) return { kind: 'sip', value: s.toLowerCase() };
  }
  // the digits, joined a run at a time (a number written without separators is one run: no copy);
  // a `+` counts only before the first digit
  let digits = '';
  let plus = false;
  let run = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (run < 0) run = i;
      continue;
    }
    if (run >= 0) {
      digits += s.slice(run, i);
      run = -1;
    }
    if (c === 43 && digits === '') plus = true;
  }
  if (run >= 0) digits += s.slice(run);
  if (digits === '') return anonymous();
  if (digits.length <= 6) return { kind: 'ext', value: digits };
  let e164: string | null;
  if (plus) {
    // `+8 912 …` is a common Russian slip for `8 912 …`: +8 followed by 10 digits is no number.
    // (a text that is `+` and the digits — the common case — is its own E.164 form: no copy)
    e164 = plan?.cc === '7' && digits.length === 11 && digits.charCodeAt(0) === 56 ? '+7' + digits.slice(1)
      : intlOk(digits) ? (digits.length === s.length - 1 ? s : '+' + digits) : null;
  } else if (plan !== null) {
    e164 = nationalToE164(plan, digits);
  } else {
    e164 = digits.startsWith('00') && intlOk(digits.slice(2)) ? '+' + digits.slice(2) : null;
  }
  return e164 === null ? { kind: 'invalid', value: digits } : { kind: 'e164', value: e164 };
}
