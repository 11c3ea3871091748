/**
 * Turns recognized date texts back into date-fns-style patterns for `inspect` (`dd.MM.yyyy
 * HH:mm`, `d MMM, yyyy HH:mm:ss`), and merges the per-value variants of one column into few
 * patterns. Runs once per column, so plain strings and a regex are fine here.
 */
import { K_SPACE, tok } from './date-tokens.js';
import {
  R_AMPM, R_COMPACT14, R_COMPACT8, R_D, R_DIGITS10, R_FRAC, R_H, R_H12, R_M, R_MI, R_MONTH_WORD, R_OFF_H, R_OFF_HM,
  R_OFF_M, R_OFF_SIGN, R_S, R_SLASH_A, R_SLASH_B, R_T, R_WEEKDAY, R_Y2, R_Y4, R_YEAR_MARK, R_ZULU,
} from './date-roles.js';
import { role, scanDate } from './date-scan.js';

const YEAR_MARKS = ['', "'г'", '', "'год'", "'года'"];
const ZULU = ["'Z'", "'UTC'", "'GMT'"];

function two(n: number, one: string, both: string): string {
  return n > 1 ? both : one;
}

/**
 * The pattern of `text` (which must be a recognized date), reading slashed dates as day-first
 * when `dayFirst`, else month-first. null when the text is not recognized.
 */
export function describeDate(text: string, dayFirst: boolean): string | null {
  if (!scanDate(text)) return null;
  let out = '';
  for (let i = 0; i < tok.n; i++) {
    const l = tok.len[i] as number;
    const v = tok.val[i] as number;
    switch (role[i]) {
      case R_Y4: out += 'yyyy'; break;
      case R_Y2: out += 'yy'; break;
      case R_M: out += two(l, 'M', 'MM'); break;
      case R_D: out += two(l, 'd', 'dd'); break;
      case R_SLASH_A: out += dayFirst ? two(l, 'd', 'dd') : two(l, 'M', 'MM'); break;
      case R_SLASH_B: out += dayFirst ? two(l, 'M', 'MM') : two(l, 'd', 'dd'); break;
      case R_H: out += two(l, 'H', 'HH'); break;
      case R_H12: out += two(l, 'h', 'hh'); break;
      case R_MI: out += 'mm'; break;
      case R_S: out += 'ss'; break;
      case R_FRAC: out += 'S'.repeat(l); break;
      case R_MONTH_WORD: out += l <= 4 ? 'MMM' : 'MMMM'; break;
      case R_WEEKDAY: out += l <= 3 ? 'EEE' : 'EEEE'; break;
      case R_YEAR_MARK: out += YEAR_MARKS[l] ?? "'г'"; break;
      case R_AMPM: out += 'a'; break;
      case R_T: out += "'T'"; break;
      case R_ZULU: out += ZULU[v % 100] ?? "'Z'"; break;
      case R_OFF_SIGN: break;
      case R_OFF_HM: out += 'xx'; break;
      case R_OFF_H: out += role[i + 2] === R_OFF_M ? 'xxx' : 'x'; break;
      case R_OFF_M: break;
      case R_COMPACT8: out += 'yyyyMMdd'; break;
      case R_COMPACT14: out += 'yyyyMMddHHmmss'; break;
      case R_DIGITS10: out += 'unix'; break;
      default:
        // A literal: skip the ':' that belongs to an `xxx` offset, keep everything else.
        if (role[i + 1] === R_OFF_M) break;
        out += tok.kind[i] === K_SPACE ? ' ' : String.fromCharCode(v);
    }
  }
  return out;
}

const LOOSE: Readonly<Record<string, string>> = { dd: 'd', MM: 'M', HH: 'H', hh: 'h' };

/** A pattern's tokens: letter runs, quoted literals, other literal runs. */
function tokens(p: string): string[] {
  return p.match(/[A-Za-z]+|'[^']*'|[^A-Za-z']+/g) ?? [];
}

/**
 * Merge per-value patterns of one column: variants that differ only in one- vs two-digit fields
 * (`d.MM.yyyy`, `dd.MM.yyyy`) become one pattern whose differing fields take one letter
 * (`d.MM.yyyy`), since date-fns `d` also reads two digits. First-seen order is kept.
 */
export function mergePatterns(patterns: readonly string[]): string[] {
  const groups = new Map<string, string[][]>();
  for (const p of patterns) {
    const t = tokens(p);
    const key = t.map((x) => LOOSE[x] ?? x).join('');
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [t]);
    else g.push(t);
  }
  const out: string[] = [];
  for (const g of groups.values()) {
    const first = g[0] as string[];
    out.push(first.map((x, i) => (g.every((t) => t[i] === x) ? x : (LOOSE[x] ?? x))).join(''));
  }
  return out;
}
