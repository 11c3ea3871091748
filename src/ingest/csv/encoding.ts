/**
 * Encoding detection for CSV bytes (SPEC-DECISIONS #57). Pure: works on a byte sample only.
 *
 * Order: a declared encoding wins; else a BOM decides; else UTF-16 by its NUL-byte pattern; else
 * (nearly) valid UTF-8; else windows-1251 when the high bytes read as Cyrillic words; else
 * windows-1252, flagged as a guess.
 */
import { iconv } from './iconv.js';
import { usageError } from '../../errors/kpi-error.js';

/** What {@link detectEncoding} decided. */
export interface EncodingGuess {
  /** Display name, as shown by `inspect`: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`,
   *  `windows-1251`, `windows-1252`, or the declared name lower-cased. */
  encoding: string;
  /** Bytes of byte-order mark to skip before decoding (0, 2 or 3). */
  bomLength: number;
  /** True when nothing in the bytes supported the choice (the windows-1252 fallback). */
  guessed: boolean;
}

/** Share of high-byte sequences that must be valid UTF-8 for the sample to count as UTF-8: one
 *  corrupt byte in an otherwise UTF-8 export must not turn the whole file into cp1252 mojibake. */
const UTF8_MIN_VALID_SHARE = 0.99;
/** Share of high bytes that must sit in runs of ≥ 3 cp1251 letters for the sample to be Cyrillic. */
const CYRILLIC_MIN_RUN_SHARE = 0.5;

/**
 * Decide the encoding of a file from its first bytes.
 * @param sample the first bytes of the file (64 KiB is plenty); may end mid-character.
 * @param declared an iconv-lite encoding name from config/flags; null, undefined or `auto` detect.
 * @throws KpiError exit 2 when `declared` is a name iconv-lite does not know.
 */
export function detectEncoding(sample: Uint8Array, declared?: string | null): EncodingGuess {
  if (declared != null && declared.trim().toLowerCase() !== 'auto') return declaredEncoding(sample, declared.trim());
  const bom = bomOf(sample);
  if (bom) return { ...bom, guessed: false };
  const utf16 = utf16ByNulPattern(sample);
  if (utf16) return { encoding: utf16, bomLength: 0, guessed: false };
  const utf8 = utf8Stats(sample);
  if (utf8.invalid === 0 || utf8.valid / (utf8.valid + utf8.invalid) >= UTF8_MIN_VALID_SHARE) {
    return { encoding: 'utf-8', bomLength: 0, guessed: false };
  }
  if (cyrillicRunShare(sample) >= CYRILLIC_MIN_RUN_SHARE) return { encoding: 'windows-1251', bomLength: 0, guessed: false };
  return { encoding: 'windows-1252', bomLength: 0, guessed: true };
}

/** The iconv-lite name to decode a detected/declared encoding with (`utf-8-bom` is display-only). */
export function decoderName(encoding: string): string {
  return encoding === 'utf-8-bom' ? 'utf-8' : encoding;
}

function declaredEncoding(sample: Uint8Array, declared: string): EncodingGuess {
  // inspect's name for UTF-8 with a BOM (init writes it): UTF-8, its BOM skipped
  if (declared.toLowerCase() === 'utf-8-bom') {
    const bom = bomOf(sample);
    return { encoding: 'utf-8-bom', bomLength: bom?.encoding === 'utf-8-bom' ? bom.bomLength : 0, guessed: false };
  }
  if (!iconv().encodingExists(declared)) {
    throw usageError(
      `unknown encoding "${declared}"`,
      'encoding: takes any name iconv-lite knows, e.g. utf-8, windows-1251, cp437, cp850, koi8-r, utf-16le, or auto',
    );
  }
  // Skip a BOM only when it belongs to the declared encoding. Generic `utf-16` is left to
  // iconv-lite, which reads the BOM itself to pick the byte order.
  const bom = bomOf(sample);
  const canon = declared.toLowerCase().replace(/[^a-z0-9]/g, '');
  const family = canon === 'utf8' ? 'utf-8-bom' : canon === 'utf16le' ? 'utf-16le' : canon === 'utf16be' ? 'utf-16be' : null;
  const bomLength = bom && bom.encoding === family ? bom.bomLength : 0;
  return { encoding: declared.toLowerCase(), bomLength, guessed: false };
}

function bomOf(b: Uint8Array): { encoding: string; bomLength: number } | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8-bom', bomLength: 3 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return null;
}

/**
 * UTF-16 without a BOM: text files hold no NUL bytes, but every ASCII character of UTF-16 text
 * (delimiters, digits, line breaks — plenty in any CSV, even a Cyrillic one) has a NUL high byte,
 * always on the same side of the code unit. So: NULs at one parity, (almost) none at the other.
 */
function utf16ByNulPattern(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = b.length - (b.length % 2);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const units = n / 2;
  const minNuls = Math.max(1, units * 0.05);
  if (odd >= minNuls && even * 10 <= odd) return 'utf-16le';
  if (even >= minNuls && odd * 10 <= even) return 'utf-16be';
  return null;
}

/**
 * Count well-formed and malformed UTF-8 sequences that involve high bytes. A sequence cut by the
 * end of the sample is neither: the sample may stop mid-character.
 */
export function utf8Stats(b: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // overlong
      if (c === 0xed) hi = 0x9f; // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else {
      invalid++;
      i++;
      continue;
    }
    let k = 1;
    let ok = true;
    for (; k <= need && i + k < n; k++) {
      const cc = b[i + k]!;
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (cc < min || cc > max) {
        ok = false;
        break;
      }
    }
    if (!ok) {
      invalid++;
      i++;
    } else if (k <= need) {
      break; // truncated by the end of the sample: a valid prefix
    } else {
      valid++;
      i += need + 1;
    }
  }
  return { valid, invalid };
}

/** cp1251 letters: А–я (0xC0–0xFF), Ё (0xA8), ё (0xB8). */
function isCp1251Letter(c: number): boolean {
  return c >= 0xc0 || c === 0xa8 || c === 0xb8;
}

/**
 * Share of high bytes that sit in runs of ≥ 3 consecutive cp1251 letters. Russian words are such
 * runs; Western cp1252 text has its accented letters (é, ü, ß) alone between ASCII letters.
 */
export function cyrillicRunShare(b: Uint8Array): number {
  let high = 0;
  let inRuns = 0;
  let run = 0;
  for (let i = 0; i <= b.length; i++) {
    const c = i < b.length ? b[i]! : 0;
    if (c >= 0x80) high++;
    if (c >= 0x80 && isCp1251Letter(c)) {
      run++;
      continue;
    }
    if (run >= 3) inRuns += run;
    run = 0;
  }
  return high === 0 ? 0 : inRuns / high;
}
