/**
 * Record ids as numbers (`TableBase.idKey`): a canonical decimal id as itself, an Asterisk dotted id
 * packed above 2^52, a text id as `TEXT_ID_BASE` + its index in the table's id dictionary.
 */

/** A canonical decimal id (`123456`, no leading zero, up to 15 digits — what CRMs write) as its value, else NaN. */
export function numericId(id: string): number {
  return id.length > 15 ? NaN : decimalAt(id, 0, id.length);
}

/**
 * Where the keys of text ids start: every canonical numeric id (15 digits at most) is below 10^15
 * < 2^50, so a text id's key — this base plus its index in the table's id dictionary — never meets
 * one, and stays an exact integer in a double.
 */
export const TEXT_ID_BASE = 2 ** 51;

/**
 * Where the keys of dotted ids start: Asterisk's `uniqueid`/`linkedid` (`1709633702.26`: seconds,
 * a dot, a sequence number) as `DOTTED_BASE + seconds · 2^20 + sequence`, for seconds below 2^32
 * and a sequence below 2^20 written without a leading zero — between 2^52 and 2^53, apart from the
 * text ids' keys below 2^52 and still an exact integer. A CDR of a million calls kept them as text:
 * ~30 MB of dictionary for ids the report never prints.
 */
const DOTTED_BASE = 2 ** 52;
const SEQ = 2 ** 20;

/** The value of the canonical decimal `id[from, to)` (no sign, no leading zero but `0`), or NaN. */
function decimalAt(id: string, from: number, to: number): number {
  if (to <= from || (id.charCodeAt(from) === 48 && to - from > 1)) return NaN;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return NaN;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** The key of a dotted id (see {@link DOTTED_BASE}), or NaN (read in place: it runs per row). */
export function dottedId(id: string): number {
  const dot = id.indexOf('.');
  if (dot < 1 || dot > 10 || id.length - dot - 1 > 7) return NaN;
  const secs = decimalAt(id, 0, dot);
  const seq = decimalAt(id, dot + 1, id.length);
  return secs < 2 ** 32 && seq < SEQ ? DOTTED_BASE + secs * SEQ + seq : NaN;
}

/** An id kept as a number — canonical decimal or dotted — or NaN for a text id. */
export function idNumber(id: string): number {
  const n = numericId(id);
  return n === n ? n : dottedId(id);
}

/** Whether an id key stands for a text id (an index into `idTexts`). */
export function isTextKey(k: number): boolean {
  return k >= TEXT_ID_BASE && k < DOTTED_BASE;
}

/** The id text of a key that is no text id's. */
export function keyText(k: number): string {
  if (k < DOTTED_BASE) return String(k);
  const secs = Math.floor((k - DOTTED_BASE) / SEQ);
  return `${secs}.${k - DOTTED_BASE - secs * SEQ}`;
}
