/**
 * A full garbage collection between the phases of a big run. Once records are loaded, what
 * loading needed — per-column memos, the id index, duplicate hashes, decoded file chunks — is
 * garbage; V8 would collect it only after the heap had grown further, so the peak would be the
 * sum of loading's and linking's memory. Collecting once here keeps the peak at the larger of
 * the two. (`--expose-gc` set at run time, the usual way to reach `gc` without a CLI flag.)
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Records below which a run is small enough that collecting is not worth its few milliseconds. */
export const COLLECT_MIN_RECORDS = 200_000;

let gc: (() => void) | null | undefined;

/** Collect garbage now (a no-op where the runtime does not allow it). */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  if (typeof gc === 'function') gc();
}

/**
 * Pass `pieces` on, collecting garbage now and then. A long output — the JSON of a run with an
 * issue on every other row is hundreds of MB — is written piece by piece, but each piece and the
 * objects it was made from live long enough to reach V8's old space, which then grows by about
 * what the run holds before a full collection: +90 MB at the peak for 270,000 issues. Collecting
 * whenever the pieces since the last collection add up to what the heap held after it (at least
 * `minChars` characters) keeps the peak near what the run holds, at a cost proportional to the
 * output. Each piece has been written when the next is asked for.
 */
export function* collectingEvery(pieces: Iterable<string>, minChars = 32 * 1024 * 1024): Generator<string> {
  let since = 0;
  let every = minChars;
  for (const piece of pieces) {
    yield piece;
    since += piece.length;
    if (since >= every) {
      since = 0;
      collectGarbage();
      every = Math.max(minChars, process.memoryUsage().heapUsed);
    }
  }
}
