/**
 * Worker thread: read one part of a CSV file (from a line start to the end) exactly as the main
 * thread reads a whole file — same normalizers, same checks — and hand back the records as a
 * table, with the issues in reading order. It does not merge with rows before its part: the main
 * thread checks that nothing needs merging across the cut and adopts the part (see part.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Issue } from '../../errors/issue.js';
import type { RawRow, RowBatches } from '../../ingest/types.js';
import { readCsv } from '../../ingest/csv/read-csv.js';
import { compileSettings } from '../context.js';
import { FileLoader, type LoadSink } from '../load-file.js';
import { plainIssue } from '../../records/normalize/context.js';
import { makeNormalizer } from '../make-normalizer.js';
import { newStores } from '../merge-store.js';
import { newStats } from '../stats.js';
import type { PartDone, PartJob, PartMessage } from './protocol.js';
import { lineAt } from './split.js';

async function readPart(job: PartJob, post: (m: PartMessage, transfer?: ArrayBuffer[]) => void): Promise<void> {
  const first = lineAt(job.path, job.start);
  post({ type: 'line', line: first });
  const offset = first - 1;
  const readerIssues: Issue[] = [];
  const input = { path: job.path, start: job.start };
  const table = await readCsv(input, { file: job.display, encoding: job.encoding, delimiter: job.delimiter }, readerIssues);
  const settings = compileSettings(job.config, job.tz, job.today);
  const stores = newStores();
  const stats = newStats(job.display, job.kind, null);
  const sink: LoadSink = { issues: [], rejects: null };
  const ref = { file: job.display, sheet: null, letters: false };
  const norm = makeNormalizer(job.kind, job.setup, settings, job.source, ref, stores);
  const loader = new FileLoader(job.kind, norm, job.setup, ref, stats, job.input, stores, sink, { expectedRows: job.expectedRows, deferDuplicates: true });
  let reported = 0;
  const rows = table.rows[Symbol.asyncIterator]() as AsyncIterator<RawRow> & RowBatches;
  for (;;) {
    const batch = await rows.nextBatch();
    // lines count from the file's start; reader issues go where a whole-file read puts them
    for (; reported < readerIssues.length; reported++) {
      const issue = readerIssues[reported]!;
      if (issue.line !== null) issue.line += offset;
      sink.issues.push(issue);
    }
    if (batch === null) break;
    for (let k = 0; k < batch.length; k++) {
      const row = batch[k]!;
      row.line += offset;
      loader.add(row);
    }
  }
  for (; reported < readerIssues.length; reported++) {
    const issue = readerIssues[reported]!;
    if (issue.line !== null) issue.line += offset;
    sink.issues.push(issue);
  }
  loader.finish();
  const state = stores[job.kind].table.exportState(true);
  const duplicates = loader.takeDeferred();
  const done: PartDone = {
    type: 'done',
    table: state,
    // row issues compose their message when read: a message is not cloned, so it is made a field
    tracked: stores[job.kind].trackedEntries().map(([i, rows]) => [i, rows.map((r) => (r.held === null ? r : { ...r, held: plainIssue(r.held) }))]),
    stats,
    issues: sink.issues.map(plainIssue),
    duplicates,
    // rows it gave up holding count as waiting: the part is not taken over then
    waiting: loader.waitedOut ? Math.max(1, loader.waiting) : loader.waiting,
    detection: norm.detection(),
    encoding: table.info.encoding,
    asciiSoFar: table.info.asciiSoFar === true,
  };
  const buffers = [state.line, state.source, ...Object.values(state.columns), duplicates.h, duplicates.line, duplicates.at].map((a) => a.buffer as ArrayBuffer);
  if (state.idKey !== null) buffers.push(state.idKey.buffer as ArrayBuffer);
  post(done, buffers);
}

const port = parentPort;
if (port !== null) {
  const post = (m: PartMessage, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);
  readPart(workerData as PartJob, post).catch((e: unknown) => post({ type: 'failed', message: e instanceof Error ? e.message : String(e) }));
}
