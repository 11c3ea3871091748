/**
 * The progress line (issue 5, item 6): while a big input (over ~10 MB) is read on a terminal,
 * stderr shows `kpi: reading leads.csv — 412 000 rows, 38.2 MB/s, ETA 3 s`, redrawn a few times a
 * second and erased when the file is done. Never in pipes or cron (stderr is not a TTY), with -q,
 * or for JSON output, so logs and machine output never see it.
 */
import { statSync } from 'node:fs';
import type { RawRow, ReaderInfo } from '../ingest/types.js';
import type { InputSpec } from './inputs.js';

/** Inputs smaller than this are read too fast for a progress line to help. */
export const PROGRESS_MIN_BYTES = 10_000_000;
/** Rows between looks at the clock: the per-row cost is one increment and one test. */
const ROWS_PER_TICK = 2048;
const REDRAW_MS = 250;

/** Progress of one file being read. */
export interface FileProgress {
  /** Called for every row read. */
  row(r: RawRow): void;
  /** The file is done: erase the line. */
  done(): void;
}

export interface Progress {
  /** Start showing a file; null when it is too small (or not a file) to be worth a line. */
  start(spec: InputSpec, info: ReaderInfo): FileProgress | null;
}

/** Whether a run shows progress: stderr is a terminal, not -q, not JSON output, not a dumb terminal. */
export function wantsProgress(o: { quiet: boolean; format: string | null; output: string | null }, env: NodeJS.ProcessEnv, stderrIsTty: boolean): boolean {
  if (!stderrIsTty || o.quiet || env.TERM === 'dumb') return false;
  const json = o.format === 'json' || (o.format === null && o.output !== null && /\.json$/i.test(o.output));
  return !json;
}

/** Bytes per decoded character of an encoding, where it is fixed; null when it varies (UTF-8). */
function bytesPerChar(encoding: string | null): number | null {
  if (encoding === null) return null;
  if (/^utf-?16/i.test(encoding)) return 2;
  if (/^utf-?8/i.test(encoding)) return null;
  return 1;
}

/** Group thousands with a thin space-like separator, as the table output does. */
function count(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** The text of the line (exported for tests). */
export function progressText(file: string, rows: number, bytes: number | null, size: number | null, seconds: number): string {
  const parts = [`${count(rows)} rows`];
  if (bytes !== null && seconds > 0) {
    const rate = bytes / seconds;
    parts.push(`${(rate / 1e6).toFixed(1)} MB/s`);
    if (size !== null && rate > 0) parts.push(`ETA ${Math.max(0, Math.ceil((size - bytes) / rate))} s`);
  } else if (seconds > 0) parts.push(`${count(rows / seconds)} rows/s`);
  return `kpi: reading ${file} — ${parts.join(', ')}`;
}

/** A progress line on `out` (stderr), timed by `now` (ms). */
export function terminalProgress(out: { write(s: string): unknown; columns?: number }, now: () => number = () => performance.now()): Progress {
  return {
    start(spec, info) {
      if (spec.path === '-') return null;
      let size: number;
      try {
        size = statSync(spec.path).size;
      } catch {
        return null;
      }
      if (size < PROGRESS_MIN_BYTES) return null;
      // CSV: bytes estimated from sampled rows' text; XLSX (compressed) shows rows only
      const fixed = info.format === 'csv' ? bytesPerChar(info.encoding) : null;
      const csv = info.format === 'csv';
      const started = now();
      let last = started;
      let rows = 0;
      let bytes = 0;
      let shown = false;
      return {
        row(r) {
          if (++rows % ROWS_PER_TICK !== 0) return;
          if (csv && r.raw !== undefined) {
            const chars = r.raw.length + 1;
            bytes += ROWS_PER_TICK * (fixed === null ? Buffer.byteLength(r.raw, 'utf8') + 1 : chars * fixed);
          }
          const t = now();
          if (t - last < REDRAW_MS) return;
          last = t;
          const text = progressText(spec.display, rows, csv ? Math.min(bytes, size) : null, csv ? size : null, (t - started) / 1000);
          const width = (out.columns ?? 80) - 1;
          out.write('\r\x1b[K' + (text.length > width ? text.slice(0, width) : text));
          shown = true;
        },
        done() {
          if (shown) out.write('\r\x1b[K');
        },
      };
    },
  };
}
