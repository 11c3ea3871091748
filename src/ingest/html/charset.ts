/**
 * The encoding of an HTML export. Pure: works on the first bytes only.
 *
 * Order: an encoding declared in the config wins; then a byte-order mark (as in a browser, it
 * outranks the document's own declaration); then the `<meta charset="…">` or `<meta
 * http-equiv="Content-type" content="text/html;charset=…">` before the first `<table` (Bitrix24
 * writes the portal's charset there: UTF-8 in the cloud, windows-1251 on old boxed installs);
 * then the CSV reader's detection (src/ingest/csv/encoding.ts): valid UTF-8, else windows-1251
 * when the high bytes read as Cyrillic words, else windows-1252, flagged as a guess.
 */
import { detectEncoding, type EncodingGuess } from '../csv/encoding.js';
import { iconv } from '../csv/iconv.js';

/** How far into the document a `<meta>` is looked for (the reader's sample is no longer). */
const META_SCAN_BYTES = 64 * 1024;
/** Longest `<meta …>` tag looked into. */
const MAX_META_CHARS = 2048;

/** Labels the WHATWG Encoding Standard maps to another encoding than iconv-lite would, or that iconv-lite lacks. */
const LABELS: Record<string, string> = {
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  // a document whose meta says UTF-16 but whose bytes are ASCII-compatible is UTF-8 (WHATWG)
  'utf-16': 'utf-8',
  'utf-16le': 'utf-8',
  'utf-16be': 'utf-8',
  cp1251: 'windows-1251',
  'x-cp1251': 'windows-1251',
  'win-1251': 'windows-1251',
  win1251: 'windows-1251',
  windows1251: 'windows-1251',
  ascii: 'windows-1252',
  'us-ascii': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  iso8859_1: 'windows-1252',
  latin1: 'windows-1252',
  cp1252: 'windows-1252',
  'x-mac-cyrillic': 'maccyrillic',
};

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 46 || c === 58;
}

/** The charset a `<meta>` before the first `<table` names (lower-cased, as written), or null. */
export function metaCharset(sample: Uint8Array): string | null {
  const text = Buffer.from(sample.buffer, sample.byteOffset, Math.min(sample.length, META_SCAN_BYTES)).toString('latin1').toLowerCase();
  const table = text.indexOf('<table');
  const stop = table < 0 ? text.length : table;
  let at = text.indexOf('<meta');
  while (at >= 0 && at < stop) {
    const gt = text.indexOf('>', at);
    const tag = text.slice(at, Math.min(gt < 0 ? text.length : gt, at + MAX_META_CHARS));
    let k = tag.indexOf('charset');
    while (k >= 0) {
      let i = k + 7;
      while (i < tag.length && (tag[i] === ' ' || tag[i] === '\t' || tag[i] === '\n' || tag[i] === '\r')) i++;
      if (tag[i] === '=') {
        i++;
        // `charset="utf-8"`, `charset=utf-8`, and Bitrix's own `charset='UTF-8"`
        while (i < tag.length && (tag[i] === ' ' || tag[i] === '"' || tag[i] === "'")) i++;
        const start = i;
        while (i < tag.length && isNameChar(tag.charCodeAt(i))) i++;
        if (i > start) return tag.slice(start, i);
      }
      k = tag.indexOf('charset', k + 7);
    }
    at = text.indexOf('<meta', at + 5);
  }
  return null;
}

/** The iconv-lite encoding a meta charset label names (display name), or null when unknown. */
export function charsetEncoding(label: string): string | null {
  const name = LABELS[label] ?? label;
  return iconv().encodingExists(name) ? name : null;
}

function hasBom(b: Uint8Array): boolean {
  return (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) || (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)));
}

/** What {@link htmlEncoding} decided. */
export interface HtmlEncoding extends EncodingGuess {
  /** True when the document's `<meta>` named it. */
  fromMeta: boolean;
}

/**
 * Decide the encoding of an HTML export from its first bytes (see the module comment).
 * @throws KpiError exit 2 when `declared` is a name iconv-lite does not know.
 */
export function htmlEncoding(sample: Uint8Array, declared?: string | null): HtmlEncoding {
  const auto = declared == null || declared.trim().toLowerCase() === 'auto';
  if (auto && !hasBom(sample)) {
    const label = metaCharset(sample);
    const name = label === null ? null : charsetEncoding(label);
    if (name !== null) return { encoding: name, bomLength: 0, guessed: false, fromMeta: true };
  }
  return { ...detectEncoding(sample, declared), fromMeta: false };
}
