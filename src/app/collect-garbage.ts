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
