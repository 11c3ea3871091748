/**
 * Worker thread of a piped read (see piped-rows.ts): read one CSV file with `readCsvPieces` — the
 * same detection, decoding and tokenizing as `readCsv` — and post its records as pieces, a few
 * chunks to a message, never more than `IN_FLIGHT` messages ahead of the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Issue } from '../../errors/issue.js';
import { KpiError } from '../../errors/kpi-error.js';
import { readCsvPieces } from './read-csv.js';
import { collectGarbage } from '../../app/collect-garbage.js';
import { estimateRows } from '../estimate.js';
import type { RawRow } from '../types.js';
import type { PipeFailed, PipeJob, PipeMessage, PipeNoRepeats, PipeNumber, PipeToWorker, Segment } from './pipe-protocol.js';
import { unpackPiece, type PositionTokenizer } from './positions.js';

/** Messages posted and not yet taken by the main thread, at most. */
const IN_FLIGHT = 2;
/** Characters of text gathered before a message is posted. */
const MESSAGE_CHARS = 128 * 1024;
/**
 * Characters posted between two full collections of this thread's heap. Each message's text and
 * the strings it was decoded through are garbage once posted, and big strings live in V8's
 * large-object space, which only a full collection frees: left to V8, this heap saw-toothed up
 * to ~37 MB on a windows-1251 lead list (its decoder makes more of them). Collected every 8M
 * characters it stays at 10–16 MB, for a few ms each time on a thread that waits anyway: the
 * 1M-row windows-1251 leads' peak 258–260 → 242–246 MB.
 */
const COLLECT_CHARS = 8 * 1024 * 1024;

async function pipe(job: PipeJob, port: NonNullable<typeof parentPort>): Promise<void> {
  let inFlight = 0;
  let wake: (() => void) | null = null;
  const spare: Int32Array[] = [];
  let tokenizer: PositionTokenizer | null = null;
  let numbered: PipeNumber | null = null;
  let repeats: PipeNoRepeats | null = null;
  port.on('message', (m: PipeToWorker) => {
    if (m.type === 'number') {
      // before the reader is open, kept for when it is (a later message, switching optional
      // columns, asks for no codes: the first one's still count)
      if (tokenizer !== null) tokenizer.numberColumns(m.columns, m.codes);
      else numbered = { ...m, codes: m.codes ?? numbered?.codes ?? null };
      return;
    }
    if (m.type === 'no-repeats') {
      repeats = m;
      tokenizer?.stopRepeats(m.keepHashes);
      return;
    }
    inFlight--;
    for (const b of m.spare) spare.push(new Int32Array(b));
    const w = wake;
    wake = null;
    w?.();
  });
  const post = async (m: PipeMessage): Promise<void> => {
    while (inFlight >= IN_FLIGHT) await new Promise<void>((r) => (wake = r));
    inFlight++;
    const transfer = m.type === 'data' ? m.segments.flatMap((s) => s.pieces.map((p) => p.ints.buffer as ArrayBuffer)) : [];
    const ph = m.type === 'data' ? m.codes : null;
    if (ph) transfer.push(ph.chars.buffer, ph.start.buffer, ph.hashes.buffer, ph.slots.buffer);
    port.postMessage(m, transfer);
  };

  const issues: Issue[] = [];
  const opened = await readCsvPieces({ path: job.path }, job, issues);
  const { info, sepLine, pieces } = opened;
  tokenizer = opened.tokenizer;
  // set by the message listener meanwhile (the compiler cannot see it)
  const asked = numbered as PipeNumber | null;
  if (asked !== null) tokenizer.numberColumns(asked.columns, asked.codes);
  const stopped = repeats as PipeNoRepeats | null;
  if (stopped !== null) tokenizer.stopRepeats(stopped.keepHashes);
  let sized = false;
  const arrays = tokenizer.spare;
  // what the open found (an encoding guess) the main thread found too, detecting on the same bytes
  let reported = issues.length;
  let skip = sepLine ? 1 : 0;
  let segments: Segment[] = [];
  let chars = 0;
  /** Characters posted since the last full collection. */
  let posted = 0;
  for (;;) {
    // the arrays the main thread sent back are the tokenizer's again
    while (spare.length > 0) arrays.push(spare.pop()!);
    let batch;
    try {
      batch = await pieces.nextBatch();
    } catch (e) {
      // the rows read before the failure go first, as a thread reading alone hands them out
      if (segments.length > 0) await post({ type: 'data', segments, done: false });
      throw e;
    }
    const segment: Segment = {
      issues: issues.slice(reported),
      pieces: batch === null ? [] : [...batch],
      skip: 0,
      encoding: info.encoding,
      encodingGuessed: info.encodingGuessed,
      asciiSoFar: info.asciiSoFar === true,
    };
    reported = issues.length;
    if (!sized && segment.pieces.length > 0) {
      // the repeat marks' hash set sized once for the whole file, from its first records
      sized = true;
      const first: RawRow[] = [];
      unpackPiece(segment.pieces[0]!, first, 0);
      tokenizer.expectRecords(estimateRows(job.path, info, first.slice(0, 1000)));
    }
    if (skip > 0 && segment.pieces.length > 0) {
      segment.skip = skip;
      skip = 0;
    }
    segments.push(segment);
    for (const p of segment.pieces) chars += p.text.length;
    if (batch === null || chars >= MESSAGE_CHARS) {
      await post({ type: 'data', segments, done: batch === null, codes: batch === null ? tokenizer.codeParts() : null });
      segments = [];
      posted += chars;
      chars = 0;
      if (posted >= COLLECT_CHARS) {
        posted = 0;
        collectGarbage();
      }
    }
    if (batch === null) return;
  }
}

function failed(e: unknown): PipeFailed {
  if (e instanceof KpiError) return { type: 'failed', exitCode: e.exitCode, message: e.message, hint: e.hint, issue: e.issue, stack: null };
  const err = e instanceof Error ? e : new Error(String(e));
  return { type: 'failed', exitCode: null, message: err.message, hint: null, issue: null, stack: err.stack ?? null };
}

const port = parentPort;
if (port !== null) {
  pipe(workerData as PipeJob, port).catch((e: unknown) => port.postMessage(failed(e)));
}
