/**
 * Legal-form words removed from company names before they are compared (SPEC §2, SPEC-DECISIONS
 * #5): `ООО «Ромашка»`, `Ромашка, ООО` and `Общество с ограниченной ответственностью "Ромашка"`
 * are one client. Entries are already case-folded with ё→е, as the names are when compared.
 */

/** One-word forms and abbreviations (after dots are dropped: `L.L.C.` → `llc`, `Co.` → `co`). */
export const SHORT_LEGAL_FORMS: ReadonlySet<string> = new Set([
  // Russia, Kazakhstan, Belarus, Ukraine
  'ооо', 'оао', 'зао', 'пао', 'нао', 'ао', 'ип', 'нко', 'ано', 'тоо', 'одо', 'чуп', 'уп', 'чп', 'пбоюл', 'тов', 'пп',
  // the same, transliterated as they appear in English-language CRMs
  'ooo', 'oao', 'zao', 'pao',
  // English-speaking countries
  'llc', 'inc', 'ltd', 'corp', 'llp', 'plc', 'co', 'lp', 'pllc', 'limited', 'incorporated', 'corporation', 'pty', 'pvt',
  // continental Europe
  'gmbh', 'ag', 'kg', 'ug', 'sa', 'sarl', 'sas', 'srl', 'bv', 'nv', 'oy', 'oyj',
]);

/** Multi-word forms, longest first so that the longest match wins. */
export const LONG_LEGAL_FORMS: readonly (readonly string[])[] = [
  'автономная некоммерческая организация',
  'общество с ограниченной ответственностью',
  'общество с дополнительной ответственностью',
  'товарищество с ограниченной ответственностью',
  'товариство з обмеженою відповідальністю',
  'открытое акционерное общество',
  'закрытое акционерное общество',
  'публичное акционерное общество',
  'непубличное акционерное общество',
  'частное унитарное предприятие',
  'индивидуальный предприниматель',
  'некоммерческая организация',
  'акционерное общество',
  'limited liability company',
  'limited liability partnership',
  'public limited company',
  'limited partnership',
].map((s) => s.split(' ')).sort((a, b) => b.length - a.length);
