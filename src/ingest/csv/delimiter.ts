/**
 * Delimiter detection for CSV text (SPEC-DECISIONS #57). Pure: works on a decoded text sample.
 */
import { inputError, usageError } from '../../errors/kpi-error.js';
import { countLineBreaks } from './line-breaks.js';

/** The delimiters tried, in the order reported. */
export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

const CANDIDATE_CODES = new Set(DELIMITER_CANDIDATES.map((d) => d.charCodeAt(0)));

/** Records (non-blank) looked at when detecting. */
const SAMPLE_RECORDS = 50;

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Names a config or flag may use for a delimiter, besides the character itself. */
const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  tab: '\t',
  '\\t': '\t',
  comma: ',',
  semicolon: ';',
  pipe: '|',
};

/** An Excel `sep=X` first line (sometimes written quoted, `"sep=;"`). */
const SEP_LINE = /^"?sep=([^"\r\n])"?[ \t]*(?:\r\n|\r|\n|$)/i;

/**
 * Decide the delimiter of a CSV sample.
 *
 * An Excel `sep=X` first line declares it. Otherwise each candidate (`,` `;` tab `|`) splits the
 * first 50 non-blank records (quotes respected, multi-line cells allowed); its score is the most
 * frequent field count above 1 and how many records have exactly that count. Title rows above the
 * table and decimal commas inside a `;` file only add a few odd counts, so the table's own
 * delimiter still has the most records agreeing. Ties in frequency go to the candidate that splits
 * into more fields (a `;` file with `1 234,56` amounts splits into more fields on `;`). A record
 * whose quoted cells close right before another candidate (`"a";"b,c"` split on `,`) is not
 * counted for that candidate.
 *
 * @param sampleText the start of the file, decoded.
 * @param declared a delimiter from config/flags (`;`, `tab`, `\t`, `pipe`…); null/`auto` detect.
 * @param opts.truncated the sample stops before the end of the file: its last record may be cut
 *   and is ignored.
 * @returns the delimiter and whether the first line is a `sep=` line (the reader skips it).
 * @throws KpiError exit 3 (hint `delimiter:`) on a real tie; exit 2 for an unusable declared value.
 */
export function detectDelimiter(
  sampleText: string,
  declared?: string | null,
  opts: { truncated?: boolean } = {},
): { delimiter: string; sepLine: boolean } {
  const sep = SEP_LINE.exec(sampleText);
  if (declared != null && declared.toLowerCase() !== 'auto') return { delimiter: parseDeclared(declared), sepLine: sep !== null };
  if (sep) return { delimiter: sep[1]!, sepLine: true };

  // Score = records at the modal field count × the fields they add. A ragged extra column or a
  // few multi-line cells cannot hand the win to a delimiter that only occurs inside text
  // (`,` in a tab file), and a `;` file's decimal commas (`1 234,56`) add fewer fields than `;`.
  let best: { delimiter: string; freq: number; fields: number; score: number } | null = null;
  let tiedWith: string | null = null;
  for (const d of DELIMITER_CANDIDATES) {
    const m = modalFieldCount(fieldCounts(sampleText, d, opts.truncated ?? false));
    if (m.freq === 0) continue;
    const score = m.freq * (m.fields - 1);
    if (!best || score > best.score || (score === best.score && m.fields > best.fields)) {
      best = { delimiter: d, ...m, score };
      tiedWith = null;
    } else if (score === best.score && m.fields === best.fields) {
      tiedWith = d;
    }
  }
  if (!best) return { delimiter: ',', sepLine: false };
  if (tiedWith !== null) {
    const names = [best.delimiter, tiedWith].map(showDelimiter).join(' and ');
    throw inputError(
      `error[delimiter_ambiguous] cannot tell the delimiter: ${names} both split ${best.freq} records into ${best.fields} fields`,
      { hint: `declare it: delimiter: "${best.delimiter === '\t' ? '\\t' : best.delimiter}" (or ${showDelimiter(tiedWith)}) in the source config` },
    );
  }
  return { delimiter: best.delimiter, sepLine: false };
}

/** Normalize a declared delimiter: one character, or a name such as `tab`. */
export function parseDeclared(declared: string): string {
  const d = DELIMITER_NAMES[declared.toLowerCase()] ?? declared;
  if (d.length !== 1 || d === '"' || d === '\r' || d === '\n') {
    throw usageError(`delimiter must be one character other than a quote or line break, got "${declared}"`,
      'delimiter: one of "," ";" "\\t" "|" (or any single character), or auto');
  }
  return d;
}

function showDelimiter(d: string): string {
  return d === '\t' ? 'tab' : `"${d}"`;
}

/** The most frequent field count above 1 and its frequency; ties in frequency → more fields. */
function modalFieldCount(counts: readonly number[]): { freq: number; fields: number } {
  const freq = new Map<number, number>();
  for (const c of counts) if (c > 1) freq.set(c, (freq.get(c) ?? 0) + 1);
  let best = { freq: 0, fields: 0 };
  for (const [fields, f] of freq) {
    if (f > best.freq || (f === best.freq && fields > best.fields)) best = { freq: f, fields };
  }
  return best;
}

/**
 * Field count of each of the first non-blank records when split on `d`, quote-aware; -1 for a
 * record where a quoted cell's closing quote is followed by another candidate delimiter
 * (`"a";"b"` read with `,`: the quotes belong to `;` cells). Other text after a closing quote
 * (FreePBX `"User 9" <113>`) is the tokenizer's lenient literal cell and counts normally. A cut final record of a truncated sample is
 * left out, unless it is the only record.
 */
export function fieldCounts(text: string, d: string, truncated: boolean): number[] {
  const dc = d.charCodeAt(0);
  const n = text.length;
  const counts: number[] = [];
  let i = 0;
  while (i < n && counts.length < SAMPLE_RECORDS) {
    const start = i;
    let fields = 1;
    let broken = false;
    let blank = true;
    let ended = false;
    while (i < n) {
      let c = text.charCodeAt(i);
      if (c === QUOTE) {
        blank = false;
        let close = -1;
        for (let j = text.indexOf('"', i + 1); j !== -1; j = text.indexOf('"', j + 2)) {
          if (text.charCodeAt(j + 1) !== QUOTE) {
            close = j;
            break;
          }
        }
        // As the tokenizer does: a quote that never closes, or whose "closing" quote is on a
        // later line and followed by other text, is a literal character.
        const after = close === -1 || close + 1 >= n ? -1 : text.charCodeAt(close + 1);
        const junkAfter = after !== -1 && after !== dc && after !== CR && after !== LF;
        const literal = close === -1 || (junkAfter && countLineBreaks(text, i, close) > 0);
        if (literal) {
          c = text.charCodeAt(++i);
        } else {
          i = close + 1;
          if (i >= n) break;
          c = text.charCodeAt(i);
          if (c !== dc && CANDIDATE_CODES.has(c)) broken = true;
        }
      }
      while (i < n && c !== dc && c !== CR && c !== LF) {
        if (c !== 32 && c !== 9) blank = false;
        c = text.charCodeAt(++i);
      }
      if (i >= n) break;
      if (c === dc) {
        fields++;
        i++;
        continue;
      }
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      ended = true;
      break;
    }
    // A record cut by the end of a truncated sample is left out — unless it is the first: a
    // header longer than the sample (10,000 columns) still shows its delimiter, cut or not.
    if (!ended && truncated && counts.length > 0) break;
    if (!blank || fields > 1) counts.push(broken ? -1 : fields);
    if (i === start) break;
  }
  return counts;
}
