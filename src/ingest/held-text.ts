/**
 * Text chunks held back while a long unfinished record or XML element waits for its end. Pure.
 *
 * A streaming reader appends each chunk to what is left unfinished and scans the result. V8 makes
 * the joined string flat before it is scanned, which copies all of it: done for every 64 KiB
 * chunk of a line of megabytes (a file without line breaks, a cell of 7 million characters in an
 * XLSX), the copies cost the square of the line's length, in time and in garbage — over a
 * gigabyte for a 10 MB file. While the unfinished text is at least {@link HOLD_FROM} characters,
 * chunks are held until they are as long as it (or would pass the reader's limit), so the text is
 * copied a few times in all. Short records, the whole of every real export, never wait.
 */

/** Unfinished text this long (characters) makes a reader hold its next chunks. */
export const HOLD_FROM = 1 << 20;

export class HeldText {
  private parts: string[] = [];
  private chars = 0;

  /**
   * Offer the next chunk, with `open` characters of the reader's text still unfinished.
   * @param limit the reader's limit on unfinished text: past it the text is scanned (and refused).
   * @returns the text to append and scan now (held chunks and this one), or null when held.
   */
  offer(chunk: string, open: number, limit: number): string | null {
    if (open < HOLD_FROM) return this.parts.length === 0 ? chunk : this.take() + chunk;
    this.parts.push(chunk);
    this.chars += chunk.length;
    if (this.chars < open && open + this.chars <= limit) return null;
    return this.take();
  }

  /** Everything held (empty when nothing is), emptying the hold. */
  take(): string {
    const text = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('');
    this.parts = [];
    this.chars = 0;
    return text;
  }
}
