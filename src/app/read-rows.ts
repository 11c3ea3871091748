/**
 * The row loop of one input: every row after the header goes to the file's loader, and the
 * reader's own issues (unclosed quotes) are passed on in reading order. For a big CSV file the
 * rows from the cut on may be read by a worker thread instead (see parallel/part.ts): the loop
 * stops at the cut and adopts the worker's records when the parts are known to read alike.
 */
import { hasBatches, type RawRow, type ReaderInfo } from '../ingest/types.js';
import { decoderName } from '../ingest/csv/encoding.js';
import type { Issue } from '../errors/issue.js';
import type { TableBase } from '../records/table/base.js';
import type { FileLoader } from './load-file.js';
import type { AnyNormalizer } from './make-normalizer.js';
import type { RecordStore } from './merge-store.js';
import type { FileProgress } from './progress.js';
import { addStats, partsAgree, type PartRead } from './parallel/part.js';

/** A file whose rows from a cut on are being read by a worker. */
export interface SplitRead {
  part: PartRead;
  /** Byte where the worker's part starts. */
  start: number;
  store: RecordStore<TableBase, unknown>;
  /** The file's source index in its kind's table. */
  source: number;
  norm: AnyNormalizer;
  /** The main reader's info (its encoding may have been settled since the cut was planned). */
  info: ReaderInfo;
}

/**
 * Feed the remaining rows of `rows` to `loader`. `readerIssues` is the array the reader reports
 * into; those after index `reported` are passed on to `out`. True when a worker's part of the
 * file was adopted.
 */
export async function readRows(
  rows: AsyncIterator<RawRow>,
  loader: FileLoader,
  readerIssues: readonly Issue[],
  reported: number,
  out: Issue[],
  progress: FileProgress | null,
  split: SplitRead | null,
): Promise<boolean> {
  let part = split?.part ?? null;
  // reader issues on or after the cut, held back while the worker may still report them itself
  const held: Issue[] = [];
  let passedLine = 0;
  // The worker counts the cut's line while this thread reads on. Well before the cut — an eighth
  // of its bytes in characters, as a character is at most 4 bytes — wait for that count, so this
  // thread cannot pass the cut unknowingly (on big files the count has long arrived by then).
  let chars = 0;
  const waitAt = split === null ? Infinity : split.start / 8;
  const one: RawRow[] = [];
  for (;;) {
    let batch: readonly RawRow[] | null;
    if (hasBatches(rows)) batch = await rows.nextBatch();
    else {
      const r = await rows.next();
      if (r.done) batch = null;
      else {
        one[0] = r.value;
        batch = one;
      }
    }
    for (; reported < readerIssues.length; reported++) {
      const issue = readerIssues[reported]!;
      if (part !== null && part.line > 0 && (issue.line ?? 0) >= part.line) held.push(issue);
      else {
        passedLine = Math.max(passedLine, issue.line ?? 0);
        out.push(issue);
      }
    }
    if (batch === null) break;
    if (part === null && progress === null) {
      // the common case: nothing to watch per row
      for (let k = 0; k < batch.length; k++) loader.add(batch[k]!);
      loader.endBatch();
      continue;
    }
    for (let k = 0; k < batch.length; k++) {
      const row = batch[k]!;
      if (part !== null && part.line === 0) {
        chars += (row.raw?.length ?? 0) + 1;
        if (chars >= waitAt) await part.lineReady();
      }
      if (part !== null && part.owns(row.line)) {
        loader.endBatch();
        const ok = row.line === part.line && passedLine < part.line && loader.waiting === 0 && !loader.waitedOut && (await adopt(split!, loader));
        if (ok) {
          await rows.return?.();
          progress?.done();
          return true;
        }
        part.cancel();
        part = null;
        for (const issue of held) out.push(issue);
      }
      loader.add(row);
      if (progress !== null) progress.row(row);
    }
    loader.endBatch();
  }
  part?.cancel();
  for (const issue of held) out.push(issue);
  progress?.done();
  return false;
}

/** Take over the worker's records and issues; false (nothing taken) when the parts disagree. */
async function adopt(split: SplitRead, loader: FileLoader): Promise<boolean> {
  const done = await split.part.done();
  if (done === null || done.waiting > 0 || !partsAgree(split.norm.detection(), done.detection)) return false;
  // both parts decoded alike: the worker's was all ASCII, or read with the encoding this thread
  // settled on (an all-ASCII first part leaves the decision to the rows after the cut: read on)
  const main = split.info;
  if (!done.asciiSoFar && (main.asciiSoFar === true || decoderName(done.encoding ?? '') !== decoderName(main.encoding ?? ''))) return false;
  if (!split.store.adoptPart(done.table, done.tracked, split.source)) return false;
  loader.adoptIssues(done.issues, done.duplicates);
  addStats(loader.stats, done.stats);
  return true;
}
