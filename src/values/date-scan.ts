/**
 * Recognizes one date text in any of the auto-detected forms (SPEC §2, SPEC-DECISIONS #22) and
 * leaves its parts in {@link scan}: a token walk with a cursor, no backtracking regex.
 *
 *   ISO        2024-03-05, 2024-3-5 15:31, 2024-03-05T15:31:00.123+03:00, …Z, …+0300, …-05
 *   YMD        2024/03/05, 2024.03.05 (year first, so unambiguous)
 *   DOT        5.3.2024, 05.03.24 15:31:07 (always day-first)
 *   DASH       05-03-2024 01:09 (Zoho sales orders; always day-first)
 *   SLASH      1/12/2010 8:26 (D/M or M/D: the column decides, so parts stay in `a`/`b`)
 *   NAMED      15 Apr, 2021 00:03:00 · Apr 15, 2021 · 15 апр. 2021 · 15 апреля 2021 г. ·
 *              15-Apr-21 · Tue, 31 Aug 2010 20:36:28 +0000 (RFC 2822)
 *   COMPACT    20240305, 20240305153100
 *   DIGITS10   1711929600 (Unix seconds — only the column can say it is one)
 *
 * Any form may carry a time `H:mm[:ss[.fff]]` after a space, `T` or `, `, with AM/PM, and
 * (when it has a time) an offset `Z`, `UTC`, `GMT`, `±HH`, `±HHmm`, `±HH:mm`.
 * Two-digit years are 20yy. Range checks happen in calendar.wallOf, not here.
 */
import { K_NUM, K_SEP, K_SPACE, K_WORD, MAX_TOKENS, tok, tokenize } from './date-tokens.js';
import { W_AMPM, W_MONTH, W_T, W_WEEKDAY, W_YEAR_MARK, W_ZULU } from './date-words.js';
import {
  F_COMPACT, F_DASH, F_DIGITS10, F_DOT, F_ISO, F_NAMED, F_SLASH, F_YMD, R_AMPM, R_COMPACT14, R_COMPACT8, R_D, R_DIGITS10,
  R_FRAC, R_H, R_H12, R_LIT, R_M, R_MI, R_MONTH_WORD, R_OFF_H, R_OFF_HM, R_OFF_M, R_OFF_SIGN, R_S, R_SLASH_A, R_SLASH_B,
  R_T, R_WEEKDAY, R_Y2, R_Y4, R_YEAR_MARK, R_ZULU,
} from './date-roles.js';

/** Role of each token of the last successful {@link scanDate}. */
export const role = new Uint8Array(MAX_TOKENS);

/** Parts of the last successful {@link scanDate} (module scratch: no allocation per value). */
export const scan = {
  form: 0,
  y: 0,
  mo: 0,
  d: 0,
  h: 0,
  mi: 0,
  s: 0,
  ms: 0,
  hasTime: false,
  /** Offset east of UTC in minutes; meaningful only with `hasOffset` (else a wall-clock time). */
  off: 0,
  hasOffset: false,
  /** SLASH: the first and second parts, one of them the day and the other the month. */
  a: 0,
  b: 0,
  /** DIGITS10: the number. */
  num: 0,
};

const { kind, val, len } = tok;

function isNum(i: number, min: number, max: number): boolean {
  return i < tok.n && kind[i] === K_NUM && (len[i] as number) >= min && (len[i] as number) <= max;
}
function isSep(i: number, c: number): boolean {
  return i < tok.n && kind[i] === K_SEP && val[i] === c;
}
function isSpace(i: number): boolean {
  return i < tok.n && kind[i] === K_SPACE;
}
function wordKind(i: number): number {
  return i < tok.n && kind[i] === K_WORD ? Math.floor((val[i] as number) / 100) : 0;
}
function wordVal(i: number): number {
  return (val[i] as number) % 100;
}
/** A short number token as a small integer: keeps the scan's fields in V8's Smi representation
 *  (a double would be boxed on every call boundary). Long digit runs read `val` directly. */
function num(i: number): number {
  return (val[i] as number) | 0;
}

/** Reads a 2- or 4-digit year at token i; false when it is neither. */
function year(i: number): boolean {
  if (isNum(i, 4, 4)) {
    scan.y = num(i);
    role[i] = R_Y4;
    return true;
  }
  if (isNum(i, 2, 2)) {
    scan.y = 2000 + num(i);
    role[i] = R_Y2;
    return true;
  }
  return false;
}

function setDM(di: number, mi: number, monthIsWord: boolean): void {
  scan.d = num(di);
  role[di] = R_D;
  scan.mo = monthIsWord ? wordVal(mi) : num(mi);
  role[mi] = monthIsWord ? R_MONTH_WORD : R_M;
}

/** The date part starting at token i; returns the next index or -1. */
function matchDate(i: number): number {
  if (isNum(i, 4, 4)) {
    const c = kind[i + 1] === K_SEP ? num(i + 1) : 0;
    if ((c === 45 || c === 47 || c === 46) && isNum(i + 2, 1, 2) && isSep(i + 3, c) && isNum(i + 4, 1, 2)) {
      scan.form = c === 45 ? F_ISO : F_YMD;
      scan.y = num(i);
      role[i] = R_Y4;
      setDM(i + 4, i + 2, false);
      return i + 5;
    }
    return -1;
  }
  if (isNum(i, 1, 2)) {
    const c = kind[i + 1] === K_SEP ? num(i + 1) : 0;
    if (c === 46 || c === 45 || c === 47) {
      if (isNum(i + 2, 1, 2) && isSep(i + 3, c) && year(i + 4)) {
        if (c === 47) {
          scan.form = F_SLASH;
          scan.a = num(i);
          scan.b = num(i + 2);
          role[i] = R_SLASH_A;
          role[i + 2] = R_SLASH_B;
        } else {
          scan.form = c === 46 ? F_DOT : F_DASH;
          setDM(i, i + 2, false);
        }
        return i + 5;
      }
      if (c !== 46 && wordKind(i + 2) === W_MONTH && isSep(i + 3, c) && year(i + 4)) {
        scan.form = F_NAMED; // 15-Apr-2021, 15/Apr/2021
        setDM(i, i + 2, true);
        return i + 5;
      }
      return -1;
    }
    if (isSpace(i + 1) && wordKind(i + 2) === W_MONTH) {
      // 15 Apr 2021 · 15 Apr, 2021 · 15 апр. 2021
      let j = i + 3;
      if (isSep(j, 46)) j++;
      if (isSep(j, 44)) j++;
      if (isSpace(j)) j++;
      if (j === i + 3 || !year(j)) return -1;
      scan.form = F_NAMED;
      setDM(i, i + 2, true);
      return j + 1;
    }
    return -1;
  }
  if (wordKind(i) === W_MONTH) {
    // Apr 15, 2021 · April 15 2021
    let j = i + 1;
    if (isSep(j, 46)) j++;
    if (!isSpace(j) || !isNum(j + 1, 1, 2)) return -1;
    const di = j + 1;
    j += 2;
    if (isSep(j, 44)) j++;
    if (!isSpace(j) || !isNum(j + 1, 4, 4)) return -1;
    scan.form = F_NAMED;
    setDM(di, i, true);
    year(j + 1);
    return j + 2;
  }
  return -1;
}

/** Russian `2021 г.` / `2021 года` after the year. */
function matchYearMark(i: number): number {
  const j = isSpace(i) ? i + 1 : i;
  if (wordKind(j) !== W_YEAR_MARK) return i;
  role[j] = R_YEAR_MARK;
  return isSep(j + 1, 46) ? j + 2 : j + 1;
}

/** `H:mm[:ss[.fff]][ AM|PM]` after a space, `T` or `, `; returns the next index or -1. */
function matchTime(i: number): number {
  let j = i;
  if (isSpace(j)) j++;
  else if (wordKind(j) === W_T) role[j++] = R_T;
  else if (isSep(j, 44)) j += isSpace(j + 1) ? 2 : 1;
  else return -1;
  if (!isNum(j, 1, 2) || !isSep(j + 1, 58) || !isNum(j + 2, 2, 2)) return -1;
  const hi = j;
  scan.h = num(j);
  scan.mi = num(j + 2);
  role[j] = R_H;
  role[j + 2] = R_MI;
  j += 3;
  if (isSep(j, 58) && isNum(j + 1, 2, 2)) {
    scan.s = num(j + 1);
    role[j + 1] = R_S;
    j += 2;
    if ((isSep(j, 46) || isSep(j, 44)) && isNum(j + 1, 1, 9)) {
      const l = len[j + 1] as number;
      const f = num(j + 1);
      scan.ms = (l >= 3 ? f / 10 ** (l - 3) : f * 10 ** (3 - l)) | 0;
      role[j + 1] = R_FRAC;
      j += 2;
    }
  }
  const k = isSpace(j) ? j + 1 : j;
  if (wordKind(k) === W_AMPM) {
    if (scan.h < 1 || scan.h > 12) return -1;
    scan.h = (scan.h % 12) + wordVal(k);
    role[hi] = R_H12;
    role[k] = R_AMPM;
    j = k + 1;
  }
  scan.hasTime = true;
  return j;
}

/** `Z`, `UTC`, `GMT[±HH[:mm]]`, `±HH`, `±HHmm`, `±HH:mm`, optionally after a space. */
function matchOffset(i: number): number {
  let j = isSpace(i) ? i + 1 : i;
  if (wordKind(j) === W_ZULU) {
    role[j++] = R_ZULU;
    scan.off = 0;
    scan.hasOffset = true;
    if (!isSep(j, 43) && !isSep(j, 45)) return j;
  }
  if (!isSep(j, 43) && !isSep(j, 45)) return -1;
  const sign = num(j) === 43 ? 1 : -1;
  role[j++] = R_OFF_SIGN;
  let hh: number;
  let mm = 0;
  if (isNum(j, 4, 4)) {
    hh = (num(j) / 100) | 0;
    mm = num(j) % 100;
    role[j++] = R_OFF_HM;
  } else if (isNum(j, 1, 2)) {
    hh = num(j);
    role[j++] = R_OFF_H;
    if (isSep(j, 58) && isNum(j + 1, 2, 2)) {
      mm = num(j + 1);
      role[j + 1] = R_OFF_M;
      j += 2;
    }
  } else {
    return -1;
  }
  if (hh > 18 || mm > 59) return -1;
  scan.off = sign * (hh * 60 + mm);
  scan.hasOffset = true;
  return j;
}

/** A lone digit run: yyyyMMdd, yyyyMMddHHmmss, or a 10-digit number. */
function matchDigits(): boolean {
  const v = val[0] as number;
  switch (len[0]) {
    case 8:
      scan.form = F_COMPACT;
      scan.y = (v / 10_000) | 0;
      scan.mo = ((v / 100) | 0) % 100;
      scan.d = v % 100 | 0;
      role[0] = R_COMPACT8;
      return true;
    case 14: {
      const date = Math.floor(v / 1_000_000);
      const time = v % 1_000_000;
      scan.form = F_COMPACT;
      scan.y = (date / 10_000) | 0;
      scan.mo = ((date / 100) | 0) % 100;
      scan.d = date % 100 | 0;
      scan.h = (time / 10_000) | 0;
      scan.mi = ((time / 100) | 0) % 100;
      scan.s = time % 100 | 0;
      scan.hasTime = true;
      role[0] = R_COMPACT14;
      return true;
    }
    case 10:
      scan.form = F_DIGITS10;
      scan.num = v;
      scan.hasTime = true;
      role[0] = R_DIGITS10;
      return true;
    default:
      return false;
  }
}

/** Recognize `text`; on true, {@link scan} holds its parts and {@link role} its token roles. */
export function scanDate(text: string): boolean {
  if (!tokenize(text)) return false;
  const n = tok.n;
  role.fill(R_LIT, 0, n);
  scan.h = scan.mi = scan.s = scan.ms = 0;
  scan.hasTime = false;
  scan.off = 0;
  scan.hasOffset = false;
  if (n === 1 && kind[0] === K_NUM) return matchDigits();
  let i = 0;
  if (wordKind(0) === W_WEEKDAY) {
    role[0] = R_WEEKDAY;
    i = 1;
    if (isSep(i, 46)) i++;
    if (isSep(i, 44)) i++;
    if (isSpace(i)) i++;
  }
  i = matchDate(i);
  if (i < 0) return false;
  i = matchYearMark(i);
  if (i < n) {
    i = matchTime(i);
    if (i < 0) return false;
    if (i < n) i = matchOffset(i);
  }
  return i === n;
}
