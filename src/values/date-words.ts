/**
 * The words a date may contain — month and weekday names (English, Russian nominative, genitive
 * and abbreviations), the Russian year marker `г.`/`года`, AM/PM, the ISO `T` and the zero
 * offsets `Z`/`UTC`/`GMT` — and an allocation-free lookup for them.
 *
 * Why not `text.slice().toLowerCase()` and a Map<string>: that allocates two strings per word per
 * row. Words of up to 8 letters are folded to a number instead (6 bits a letter), which is exact,
 * so no verification is needed; the few longer words (`september`, `воскресенье`) take the
 * string path.
 */

/** What a word means; the lookup result is `kind * 100 + value`. */
export const W_MONTH = 1; // value 1–12
export const W_WEEKDAY = 2; // value 1–7 (ignored: the date decides the weekday)
export const W_YEAR_MARK = 3; // `г`, `год`, `года`
export const W_AMPM = 4; // value 0 (am) or 12 (pm)
export const W_T = 5; // the ISO date/time separator
export const W_ZULU = 6; // `Z` (value 0), `UTC` (1), `GMT` (2): offset zero

const MONTHS: readonly (readonly string[])[] = [
  ['jan', 'january', 'янв', 'январь', 'января'],
  ['feb', 'february', 'фев', 'февр', 'февраль', 'февраля'],
  ['mar', 'march', 'мар', 'март', 'марта'],
  ['apr', 'april', 'апр', 'апрель', 'апреля'],
  ['may', 'май', 'мая'],
  ['jun', 'june', 'июн', 'июнь', 'июня'],
  ['jul', 'july', 'июл', 'июль', 'июля'],
  ['aug', 'august', 'авг', 'август', 'августа'],
  ['sep', 'sept', 'september', 'сен', 'сент', 'сентябрь', 'сентября'],
  ['oct', 'october', 'окт', 'октябрь', 'октября'],
  ['nov', 'november', 'ноя', 'нояб', 'ноябрь', 'ноября'],
  ['dec', 'december', 'дек', 'декабрь', 'декабря'],
];
const WEEKDAYS: readonly (readonly string[])[] = [
  ['mon', 'monday', 'пн', 'пнд', 'понедельник'],
  ['tue', 'tues', 'tuesday', 'вт', 'втр', 'вторник'],
  ['wed', 'wednesday', 'ср', 'срд', 'среда'],
  ['thu', 'thur', 'thurs', 'thursday', 'чт', 'чтв', 'четверг'],
  ['fri', 'friday', 'пт', 'птн', 'пятница'],
  ['sat', 'saturday', 'сб', 'сбт', 'суббота'],
  ['sun', 'sunday', 'вс', 'вск', 'воскресенье'],
];

const short = new Map<number, number>();
const long = new Map<string, number>();

/** 1–26 Latin, 27–58 Cyrillic а–я (ё folded to е), 0 for anything else. */
export function letterCode(c: number): number {
  if (c >= 97 && c <= 122) return c - 96;
  if (c >= 65 && c <= 90) return c - 64;
  if (c >= 0x430 && c <= 0x44f) return c - 0x430 + 27;
  if (c >= 0x410 && c <= 0x42f) return c - 0x410 + 27;
  if (c === 0x451 || c === 0x401) return 0x435 - 0x430 + 27;
  return 0;
}

function add(word: string, code: number): void {
  if (word.length <= 8) {
    let key = 0;
    for (let i = 0; i < word.length; i++) key = key * 64 + letterCode(word.charCodeAt(i));
    short.set(key, code);
  } else {
    long.set(word, code);
  }
}

MONTHS.forEach((names, i) => names.forEach((w) => add(w, W_MONTH * 100 + i + 1)));
WEEKDAYS.forEach((names, i) => names.forEach((w) => add(w, W_WEEKDAY * 100 + i + 1)));
['г', 'год', 'года'].forEach((w) => add(w, W_YEAR_MARK * 100));
add('am', W_AMPM * 100);
add('pm', W_AMPM * 100 + 12);
add('t', W_T * 100);
['z', 'utc', 'gmt'].forEach((w, i) => add(w, W_ZULU * 100 + i));

/** The meaning of `text[start, end)` (letters only) as `kind * 100 + value`, or 0 if unknown. */
export function lookupWord(text: string, start: number, end: number): number {
  if (end - start <= 8) {
    let key = 0;
    for (let i = start; i < end; i++) key = key * 64 + letterCode(text.charCodeAt(i));
    return short.get(key) ?? 0;
  }
  return long.get(text.slice(start, end).toLowerCase().replace(/ё/g, 'е')) ?? 0;
}

/** Index of the end of the run of letters starting at `i`. */
export function letterRunEnd(text: string, i: number, end: number): number {
  while (i < end && letterCode(text.charCodeAt(i)) !== 0) i++;
  return i;
}
