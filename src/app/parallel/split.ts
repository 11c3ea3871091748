/**
 * Where to cut a CSV file in two so that both halves can be read at once (issue 5, item 4), and
 * how to number the lines of the second half. The cut is always just after a line feed; whether
 * that is also a record boundary (no quoted cell spans it) is verified by the reader of the first
 * half, which must see a record start on exactly that line (see part.ts).
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** Files smaller than this are read faster by one thread than a worker can start. */
export const SPLIT_MIN_BYTES = 16_000_000;
/** The share of the bytes the main thread reads: it also merges the parts afterwards. */
const FIRST_SHARE = 0.5;
const WINDOW = 1 << 16;
const LF = 10;
const CR = 13;

/**
 * Encodings where a 0x0A byte is always a line feed (ASCII-compatible, no byte of a multi-byte
 * character below 0x40), so a cut after one never splits a character.
 */
export function splittable(encoding: string | null): boolean {
  if (encoding === null) return false;
  return /^(utf-?8(-bom)?|windows-\d+|cp\d+|koi8-\w+|iso-?8859-\d+|latin\d?|ascii|us-ascii|maccyrillic|macroman)$/i.test(encoding);
}

/**
 * The byte where the second part starts (just after a line feed past the middle), or null when
 * the file is smaller than `minBytes` or no good cut is found.
 */
export function planSplit(path: string, size: number, minBytes = SPLIT_MIN_BYTES): number | null {
  if (size < minBytes || size < 2) return null;
  const mid = Math.floor(size * FIRST_SHARE);
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(WINDOW);
    const n = readSync(fd, buf, 0, WINDOW, mid);
    const lf = buf.subarray(0, n).indexOf(LF);
    if (lf < 0 || lf + 1 >= n) return null;
    const start = mid + lf + 1;
    // an Excel `sep=` line is taken as a declaration when it starts a reader's input: avoid it
    if (/^"?sep=/i.test(buf.subarray(lf + 1, Math.min(n, lf + 8)).toString('latin1'))) return null;
    return start;
  } finally {
    closeSync(fd);
  }
}

/**
 * The physical line number at byte `end`: 1 + the line breaks before it, counting `\n`, `\r\n`
 * and a lone `\r` once each — as the CSV tokenizer numbers lines.
 */
export function lineAt(path: string, end: number): number {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let breaks = 0;
    let pos = 0;
    // a \r that ended the previous chunk: a break unless this chunk starts with \n
    let pendingCr = false;
    while (pos < end) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, end - pos), pos);
      if (n <= 0) break;
      const chunk = buf.subarray(0, n);
      if (pendingCr && chunk[0] !== LF) breaks++;
      pendingCr = false;
      for (let i = chunk.indexOf(LF); i >= 0; i = chunk.indexOf(LF, i + 1)) breaks++;
      for (let i = chunk.indexOf(CR); i >= 0; i = chunk.indexOf(CR, i + 1)) {
        if (i + 1 === n) pendingCr = true;
        else if (chunk[i + 1] !== LF) breaks++;
      }
      pos += n;
    }
    if (pendingCr) breaks++;
    return breaks + 1;
  } finally {
    closeSync(fd);
  }
}
