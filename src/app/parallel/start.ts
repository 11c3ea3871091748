/**
 * Deciding whether an input is read with a second thread, and starting the worker (see part.ts
 * for how the parts are checked and joined).
 */
import { statSync } from 'node:fs';
import type { ReaderInfo } from '../../ingest/types.js';
import { decoderName } from '../../ingest/csv/encoding.js';
import type { ResolvedConfig } from '../../config/schema.js';
import type { Day } from '../../period/types.js';
import type { TableBase } from '../../records/table/base.js';
import type { InputSpec } from '../inputs.js';
import type { TableSetup } from '../table-setup.js';
import type { RecordStore, Stores } from '../merge-store.js';
import type { AnyNormalizer } from '../make-normalizer.js';
import type { SplitRead } from '../read-rows.js';
import { PartRead, workersAvailable } from './part.js';
import { planSplit, splittable } from './split.js';

/** What a worker thread needs to read part of a file as this run does. */
export interface ParallelRun {
  config: ResolvedConfig;
  tz: string;
  today: Day;
  /** The compiled worker module (default: next to part.js). */
  worker?: URL;
  /** Smallest file worth a second thread (default SPLIT_MIN_BYTES; tests lower it). */
  minBytes?: number;
}

/**
 * Where to cut a big CSV file for a second thread (see part.ts): the byte the worker
 * starts at and the share of bytes before it; null when the file does not qualify (not a
 * splittable CSV file, too small, or no worker available).
 */
export function planCut(spec: InputSpec, info: ReaderInfo, run: ParallelRun): { start: number; share: number } | null {
  if (spec.path === '-' || info.format !== 'csv' || info.delimiter === null || !splittable(info.encoding) || !workersAvailable(run.worker)) return null;
  let size: number;
  try {
    size = statSync(spec.path).size;
  } catch {
    return null;
  }
  const start = planSplit(spec.path, size, run.minBytes);
  return start === null ? null : { start, share: start / size };
}

/** Start the worker that reads a file from byte `start` on. */
export function startPart(spec: InputSpec, info: ReaderInfo, setup: TableSetup, input: number, expectedRows: number, start: number, run: ParallelRun, stores: Stores, source: number, norm: AnyNormalizer): SplitRead {
  const kind = setup.kind!;
  const part = new PartRead(run.worker, {
    path: spec.path,
    display: spec.display,
    start,
    encoding: info.asciiSoFar ? null : decoderName(info.encoding!),
    delimiter: info.delimiter!,
    kind,
    setup,
    source: spec.source,
    input,
    config: run.config,
    tz: run.tz,
    today: run.today,
    expectedRows,
  });
  return { part, start, store: stores[kind] as RecordStore<TableBase, unknown>, source, norm, info };
}

