/**
 * Client identity keys (SPEC §2 "Client identity", SPEC-DECISIONS #5): the company name, ИНН/VAT
 * and e-mail as they are compared when leads and invoices are linked.
 */
import { LONG_LEGAL_FORMS, SHORT_LEGAL_FORMS } from './legal-forms.js';

/** Letters and digits that make up name words; everything else (quotes, punctuation) separates. */
function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 0x400 && c <= 0x4ff) || (c >= 0xdf && c <= 0x24f && c !== 0xf7)
  );
}

/**
 * The company-name key: case-folded, ё→е, quotes «»"“”'‘’ and punctuation removed, legal forms
 * (ООО, АО, ИП, LLC, Inc, Ltd, GmbH, … and long forms such as «Общество с ограниченной
 * ответственностью», see legal-forms.ts) removed wherever they stand, spaces collapsed.
 * Runs of one-letter words merge, so `L.L.C.`, `L. L. C.` and `LLC` agree (and are removed), as
 * do `А.Б. Иванов` and `А. Б. Иванов`. null when nothing is left.
 *
 * `ООО «Ромашка»`, `Ромашка, ООО`, `"РОМАШКА" ооо` → `ромашка`.
 *
 * Called once per distinct name of a table (identity's dictionaries), so it keeps no memo: one
 * cost a Map lookup and insert per call for nothing, and on a list of a million distinct
 * companies was cleared every 50,000.
 */
export function normalizeCompanyName(name: string): string | null {
  const low = name.toLowerCase();
  const words: string[] = [];
  let cur = '';
  for (let i = 0; i < low.length; i++) {
    const c = low.charCodeAt(i);
    if (c === 0x451) cur += 'е';
    else if (isWordChar(c)) cur += low[i];
    else {
      if (cur !== '') words.push(cur);
      cur = '';
    }
  }
  if (cur !== '') words.push(cur);
  const merged = mergeInitials(words);
  const out: string[] = [];
  for (let i = 0; i < merged.length; ) {
    const skip = longFormAt(merged, i);
    if (skip > 0) {
      i += skip;
      continue;
    }
    const w = merged[i++] as string;
    if (!SHORT_LEGAL_FORMS.has(w)) out.push(w);
  }
  return out.length > 0 ? out.join(' ') : null;
}

/** Runs of one-letter words become one word: `l l c` → `llc`, `а б иванов` → `аб иванов`. */
function mergeInitials(words: string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const w of words) {
    if (w.length === 1 && !(w >= '0' && w <= '9')) {
      run += w;
      continue;
    }
    if (run !== '') out.push(run);
    run = '';
    out.push(w);
  }
  if (run !== '') out.push(run);
  return out;
}

/** Length of the long legal form starting at words[i], or 0. */
function longFormAt(words: readonly string[], i: number): number {
  for (const form of LONG_LEGAL_FORMS) {
    if (i + form.length > words.length) continue;
    let k = 0;
    while (k < form.length && words[i + k] === form[k]) k++;
    if (k === form.length) return k;
  }
  return 0;
}

const ID_LABEL = /^(?:инн|бин|иин|унп|inn|vat(?:\s*(?:no|number|id))?|tax\s*id|ust-?idnr)\.?\s*[:№#]?\s*/i;

/**
 * ИНН / VAT number: digits and (for EU VAT) Latin letters, uppercased, everything else dropped;
 * a leading label (`ИНН:`, `VAT No.`) is removed, and of `ИНН/КПП` only the ИНН is kept. Leading
 * zeros stay. null when no digit is left — an id without digits identifies no one.
 */
export function normalizeClientId(text: string): string | null {
  let s = text.trim();
  const c0 = s.charCodeAt(0);
  if (!(c0 >= 48 && c0 <= 57)) s = s.replace(ID_LABEL, ''); // a label needs a letter first
  const slash = s.indexOf('/');
  if (slash > 0) s = s.slice(0, slash);
  let out = '';
  let digits = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      out += s[i];
      digits = true;
    } else if (c >= 65 && c <= 90) out += s[i];
    else if (c >= 97 && c <= 122) out += String.fromCharCode(c - 32);
  }
  return digits ? out : null;
}

/**
 * The e-mail key: trimmed and lowercased; of `Name <a@b.ru>` the address in brackets, without a
 * `mailto:` prefix; of several addresses joined by `,` `;` or spaces (Bitrix, amoCRM) the first.
 * null when there is no `@`.
 */
export function normalizeEmail(text: string): string | null {
  let s = text.trim();
  const lt = s.indexOf('<');
  const gt = lt >= 0 ? s.indexOf('>', lt) : -1;
  if (gt > lt) s = s.slice(lt + 1, gt).trim();
  if (s.slice(0, 7).toLowerCase() === 'mailto:') s = s.slice(7);
  const cut = s.search(/[,;\s]/);
  if (cut >= 0) s = s.slice(0, cut);
  const at = s.indexOf('@');
  return at > 0 && at < s.length - 1 ? s.toLowerCase() : null;
}
