/**
 * The streaming decoder of a text file (CSV, or the HTML of a Bitrix24 "Excel" export) whose
 * encoding was left open by an ASCII start (`ReaderInfo.asciiSoFar`): it decodes as UTF-8 while
 * the bytes are ASCII, and at the first non-ASCII ones decides the encoding from them — UTF-8,
 * Cyrillic windows-1251 or (guessed, with the note `encoding_guessed`) windows-1252 — without
 * reading again: everything before them was ASCII, which every candidate reads alike.
 */
import { isAscii } from 'node:buffer';
import { makeIssue, type Issue } from '../../errors/issue.js';
import type { ReaderInfo } from '../types.js';
import { detectEncoding } from './encoding.js';
import { streamDecoder, type TextStreamDecoder } from './decoder.js';

/** Bytes from the first non-ASCII one on that decide an encoding left open by an ASCII start. */
const SETTLE_BYTES = 4096;

/** The note for an encoding guessed without strong evidence. */
export function encodingGuessed(file: string, encoding: string): Issue {
  return makeIssue('encoding_guessed', { file }, {
    message: `the encoding is not UTF-8, UTF-16 or Cyrillic windows-1251; read as ${encoding}`,
    hint: 'if the text looks wrong, declare it: encoding: cp1252, cp437, cp850, koi8-r, …',
  });
}

/** Index of the first byte ≥ 0x80 (the caller knows there is one). */
function firstHighByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length && (b[i] as number) < 0x80) i++;
  return i;
}

export class LateDecoder {
  private decoder: TextStreamDecoder;
  /** Bytes held back while the first non-ASCII bytes are too few to tell the encoding. */
  private held: Buffer | null = null;

  constructor(
    encoding: string,
    /** The reader's info while the input has been all ASCII (encoding still open); else null. */
    private asciiSoFar: ReaderInfo | null,
    private readonly file: string,
    private readonly issues: Issue[],
  ) {
    this.decoder = streamDecoder(encoding);
  }

  /** The text of `bytes` ('' while they are held back to decide the encoding). */
  write(bytes: Buffer, last = false): string {
    if (this.asciiSoFar !== null) {
      if (this.held === null && isAscii(bytes)) return this.decoder.write(bytes);
      const b = this.held === null ? bytes : Buffer.concat([this.held, bytes]);
      this.held = null;
      if (!this.settle(b, last)) {
        // a file's chunks are views of buffers the reader reuses: what is held back is copied
        this.held = b === bytes ? Buffer.from(b) : b;
        return '';
      }
      return this.decoder.write(b);
    }
    return this.decoder.write(bytes);
  }

  /** The end of the input: the bytes still held, and a character the last chunk cut. */
  end(): string {
    const held = this.held !== null ? this.write(Buffer.alloc(0), true) : '';
    return held + (this.decoder.end() ?? '');
  }

  /**
   * Decide the encoding from the first non-ASCII bytes `b` holds. False while fewer than
   * `SETTLE_BYTES` follow the first one and more input may come: a word or two is too little to
   * tell Cyrillic from Western text.
   */
  private settle(b: Buffer, last: boolean): boolean {
    const high = b.subarray(firstHighByte(b));
    if (high.length < SETTLE_BYTES && !last) return false;
    const info = this.asciiSoFar!;
    this.asciiSoFar = null;
    delete info.asciiSoFar;
    const guess = detectEncoding(high, null);
    if (guess.encoding === 'windows-1251' || guess.encoding === 'windows-1252') {
      this.decoder = streamDecoder(guess.encoding);
      info.encoding = guess.encoding;
      info.encodingGuessed = guess.guessed;
      if (guess.guessed) this.issues.push(encodingGuessed(this.file, guess.encoding));
    }
    return true;
  }
}
