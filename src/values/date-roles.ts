/**
 * Codes shared by the date scanner and its describer: the form a value was recognized in, and
 * the role of each token (date-describe.ts turns roles back into date-fns tokens for `inspect`).
 */

/** Forms (see date-scan.ts). */
export const F_ISO = 1;
export const F_YMD = 2;
export const F_DOT = 3;
export const F_DASH = 4;
export const F_SLASH = 5;
export const F_NAMED = 6;
export const F_COMPACT = 7;
export const F_DIGITS10 = 8;

/** Token roles. */
export const R_LIT = 0;
export const R_Y4 = 1;
export const R_Y2 = 2;
export const R_M = 3;
export const R_D = 4;
export const R_H = 5;
export const R_H12 = 6;
export const R_MI = 7;
export const R_S = 8;
export const R_FRAC = 9;
export const R_MONTH_WORD = 10;
export const R_WEEKDAY = 11;
export const R_YEAR_MARK = 12;
export const R_AMPM = 13;
export const R_T = 14;
export const R_ZULU = 15;
export const R_OFF_SIGN = 16;
export const R_OFF_H = 17;
export const R_OFF_M = 18;
export const R_OFF_HM = 19;
export const R_SLASH_A = 20;
export const R_SLASH_B = 21;
export const R_COMPACT8 = 22;
export const R_COMPACT14 = 23;
export const R_DIGITS10 = 24;

